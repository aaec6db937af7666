import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ORGANISATION_LEVELS, type OrganisationLevel } from '@app/domain';
import { ChangeOrganisationCommand, PlanCommandRunner } from '@app/plans';
import { PlanQueries } from '@app/runtime';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { commandData, envelopeFrom } from '../http/command-envelope.js';
import { CommandResponder } from '../plans/command-responder.js';
import { CommandIdDto } from '../plans/dto/command-id.dto.js';
import { OrganisationParam } from '../auth/auth.dto.js';
import { BodyDto, SLUG } from '../plans/dto/create-plan.dto.js';

class RegisterOrganisationDto extends CommandIdDto {
  @ApiProperty({ example: 'oslo-sv' })
  @Matches(SLUG, { message: 'id must be a lower-case slug such as oslo-sv' })
  @MaxLength(100)
  id!: string;

  @ApiProperty({ example: 'Oslo SV' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_LEVELS })
  @IsIn(ORGANISATION_LEVELS, { message: `level must be one of ${ORGANISATION_LEVELS.join(', ')}` })
  level!: OrganisationLevel;

  @ApiPropertyOptional({ example: 'sv' })
  @IsOptional()
  @Matches(SLUG, { message: 'parentId must be an organisation id such as sv' })
  parentId?: string;
}

class DeclareOrganisationBodyDto extends BodyDto {
  @IsOptional()
  @IsUUID()
  commandId?: string;
}

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: PlanQueries,
    private readonly responder: CommandResponder,
    private readonly runner: PlanCommandRunner,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register an organisation (national party, county or local branch)' })
  @ApiBody({ type: RegisterOrganisationDto })
  @ApiResponse({ status: 404, description: 'The parent organisation does not exist' })
  @ApiResponse({ status: 409, description: 'An organisation with this id exists' })
  async register(
    @Body() dto: RegisterOrganisationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { id, ...data } = commandData(dto);
    // From its stream, as every command's own state: a parent registered a moment ago is there,
    // whatever the read models have applied yet.
    if (data.parentId && (await this.runner.loadOrganisation(data.parentId)).status === 'none') {
      throw new NotFoundException(`Parent organisation "${data.parentId}" not found`);
    }
    const outcome = await this.commandBus.execute(
      new ChangeOrganisationCommand(
        id,
        { type: 'RegisterOrganisation', organisationId: id, ...data },
        envelopeFrom(req, dto),
      ),
    );
    return { organisationId: id, ...this.responder.accepted(outcome, res) };
  }

  @Post(':id/bodies')
  @HttpCode(200)
  @ApiOperation({ summary: 'Declare a body of the organisation (FS Fylkesstyret, LL Lokallag ...)' })
  @ApiBody({ type: BodyDto })
  async declareBody(
    @Param() { id }: OrganisationParam,
    @Body() dto: DeclareOrganisationBodyDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.commandBus.execute(
      new ChangeOrganisationCommand(
        id,
        { type: 'DeclareOrganisationBody', code: dto.code, name: dto.name },
        envelopeFrom(req, { commandId: dto.commandId }),
      ),
    );
    return this.responder.accepted(outcome, res);
  }

  @Get()
  @ApiOperation({ summary: 'Organisations with their parent, children and bodies' })
  list() {
    return this.queries.listOrganisations();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organisation, with its plans' })
  @ApiResponse({ status: 404, description: 'No such organisation' })
  async get(@Param() { id }: OrganisationParam) {
    const organisation = await this.queries.findOrganisation(id);
    if (!organisation) throw new NotFoundException(`Organisation "${id}" not found`);
    return { ...organisation, plans: await this.queries.listPlans(id) };
  }
}
