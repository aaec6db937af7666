import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ChangePlanCommand } from '@app/plans';
import { renderAuditReportHtml, renderAuditReportMarkdown, type SuccessorVersion } from '@app/read-models';
import { PlanQueries } from '@app/runtime';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import type { Request, Response } from 'express';
import { commandData, envelopeFrom } from '../http/command-envelope.js';
import { CommandResponder } from '../plans/command-responder.js';
import { CommandIdDto } from '../plans/dto/command-id.dto.js';
import { SLUG } from '../plans/dto/create-plan.dto.js';
import { PlanIdParam } from '../plans/dto/params.dto.js';

const LINK_KINDS = ['unchanged', 'reworded', 'merged', 'split'] as const;

class LineageQuery {
  @ApiPropertyOptional({
    example: 'oslo-sv-2020-2023',
    description: 'The plan to compare with; default the predecessor',
  })
  @IsOptional()
  @Matches(SLUG, { message: 'fromPlan must be a plan id such as oslo-sv-2020-2023' })
  @MaxLength(100)
  fromPlan?: string;

  @ApiPropertyOptional({
    example: '1',
    description:
      "This plan's adopted revision to compare, or `now` for the plan as it is; default the revision it was first adopted as (the plan now, if never adopted)",
  })
  @IsOptional()
  @Matches(/^([1-9]\d{0,5}|now)$/, { message: 'revision must be a whole number from 1, or now' })
  revision?: string;
}

/** The successor version a query asks for (see SuccessorVersion). */
const versionOf = (query: LineageQuery): SuccessorVersion =>
  query.revision === undefined ? 'first-adopted' : query.revision === 'now' ? 'now' : Number(query.revision);

class AuditQuery extends LineageQuery {
  @ApiPropertyOptional({ enum: ['html', 'md'], description: 'html (the page, default) or md' })
  @IsOptional()
  @IsIn(['html', 'md'], { message: 'format must be html or md' })
  format?: 'html' | 'md';
}

class LinkDto extends CommandIdDto {
  @ApiProperty({ example: 'oslo-sv-2020-2023' })
  @Matches(SLUG, { message: 'fromPlanId must be a plan id such as oslo-sv-2020-2023' })
  fromPlanId!: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'uuid' },
    description: 'Measure or goal ids of the predecessor plan (GET /plans/{id}/lineage lists them)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true, message: 'each id in from must be a UUID' })
  from!: string[];

  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'uuid' },
    description: 'Measure or goal ids of this plan',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true, message: 'each id in to must be a UUID' })
  to!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

class ConfirmLinkDto extends LinkDto {
  @ApiProperty({ enum: LINK_KINDS })
  @IsIn(LINK_KINDS, { message: `kind must be one of ${LINK_KINDS.join(', ')}` })
  kind!: (typeof LINK_KINDS)[number];
}

@ApiTags('lineage')
@Controller('plans/:id')
export class LineageController {
  constructor(
    private readonly queries: PlanQueries,
    private readonly commandBus: CommandBus,
    private readonly responder: CommandResponder,
  ) {}

  @Get('lineage')
  @ApiOperation({
    summary:
      "Which measures and goals of this plan continue which of its predecessor's: suggested by text, confirmed by people",
  })
  @ApiResponse({ status: 404, description: 'No such plan, or it has no predecessor and none was named' })
  async lineage(@Param() { id }: PlanIdParam, @Query() query: LineageQuery) {
    const lineage = await this.queries.lineage(id, query.fromPlan, undefined, versionOf(query));
    if (!lineage) throw new NotFoundException(`Plan "${id}" not found`);
    const { diff: _diff, ...links } = lineage;
    return links;
  }

  @Post('lineage/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm (or correct) a link: these elements of the predecessor continue in these',
  })
  @ApiBody({ type: ConfirmLinkDto })
  confirm(
    @Param() { id }: PlanIdParam,
    @Body() dto: ConfirmLinkDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(id, { type: 'ConfirmLineage', ...commandData(dto) }, dto, req, res);
  }

  @Post('lineage/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a suggested link' })
  @ApiBody({ type: LinkDto })
  reject(
    @Param() { id }: PlanIdParam,
    @Body() dto: LinkDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(id, { type: 'RejectLineage', ...commandData(dto) }, dto, req, res);
  }

  @Get('audit')
  @ApiOperation({
    summary: 'How the plan changed from its predecessor, area by area (Norwegian; HTML page or Markdown)',
  })
  @ApiResponse({ status: 404, description: 'No such plan, or no plan to compare with' })
  async audit(
    @Param() { id }: PlanIdParam,
    @Query() query: AuditQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const report = await this.queries.auditReport(id, query.fromPlan, undefined, versionOf(query));
    if (!report) throw new NotFoundException(`Plan "${id}" not found`);
    if (query.format === 'md') {
      res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
      return renderAuditReportMarkdown(report);
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    return renderAuditReportHtml(report);
  }

  private async change(
    planId: string,
    change: ConstructorParameters<typeof ChangePlanCommand>[1],
    dto: CommandIdDto,
    req: Request,
    res: Response,
  ) {
    const outcome = await this.commandBus.execute(
      new ChangePlanCommand(planId, change, envelopeFrom(req, dto)),
    );
    return this.responder.accepted(outcome, res);
  }
}
