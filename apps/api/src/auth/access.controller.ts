import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { grantsAllow, SYSTEM_SCOPE } from '@app/domain';
import { AccessCommandRunner } from '@app/plans';
import { AccessService, PlanQueries, WeakPasswordError } from '@app/runtime';
import type { Request, Response } from 'express';
import { envelopeFrom } from '../http/command-envelope.js';
import { CommandResponder } from '../plans/command-responder.js';
import { PlanIdParam } from '../plans/dto/params.dto.js';
import {
  CreateUserDto,
  OrganisationParam,
  RoleGrantDto,
  RolesAtQuery,
  SetPasswordDto,
  UserIdParam,
  VisibilityDto,
} from './auth.dto.js';

/** Users, roles per organisation (every grant and revocation an event), and plan visibility. */
@ApiTags('access')
@Controller()
export class AccessController {
  constructor(
    private readonly access: AccessService,
    private readonly runner: AccessCommandRunner,
    private readonly queries: PlanQueries,
    private readonly responder: CommandResponder,
  ) {}

  @Post('users')
  @ApiOperation({
    summary: 'Create a user account (an admin of some organisation); roles are granted per organisation',
  })
  @ApiBody({ type: CreateUserDto })
  @ApiResponse({ status: 201, description: '{ userId }' })
  @ApiResponse({ status: 409, description: 'The username is taken' })
  async createUser(@Body() dto: CreateUserDto, @Req() req: Request) {
    return withPasswordRules(() =>
      this.access.registerUser(envelopeFrom(req, dto), {
        username: dto.username,
        ...(dto.password !== undefined ? { password: dto.password } : {}),
      }),
    );
  }

  @Post('users/:userId/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a password: your own, or (a system administrator) anyone’s' })
  @ApiBody({ type: SetPasswordDto })
  async setPassword(@Param() { userId }: UserIdParam, @Body() dto: SetPasswordDto, @Req() req: Request) {
    const principal = req.principal!;
    if (principal.userId !== userId && !grantsAllow(principal.grants, 'admin', SYSTEM_SCOPE)) {
      throw new ForbiddenException('You may set only your own password');
    }
    await withPasswordRules(() => this.access.setPassword(envelopeFrom(req, dto), userId, dto.password));
  }

  @Post('organisations/:id/roles')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grant a role in this organisation (not in its children: they grant their own)' })
  @ApiBody({ type: RoleGrantDto })
  async grant(@Param() { id }: OrganisationParam, @Body() dto: RoleGrantDto, @Req() req: Request) {
    await this.requireOrganisation(id);
    const outcome = await this.access.grantRole(envelopeFrom(req, dto), dto.userId, id, dto.role);
    return { organisationId: id, userId: dto.userId, role: dto.role, appended: outcome.appended };
  }

  @Post('organisations/:id/roles/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a role in this organisation' })
  @ApiBody({ type: RoleGrantDto })
  async revoke(@Param() { id }: OrganisationParam, @Body() dto: RoleGrantDto, @Req() req: Request) {
    const outcome = await this.access.revokeRole(envelopeFrom(req, dto), dto.userId, id, dto.role);
    return { organisationId: id, userId: dto.userId, role: dto.role, appended: outcome.appended };
  }

  @Get('organisations/:id/roles')
  @ApiOperation({
    summary:
      'Who held which role in the organisation on a day (?at=2026-03-14): who could change its plans then',
  })
  async roles(@Param() { id }: OrganisationParam, @Query() query: RolesAtQuery) {
    const at = query.at ?? new Date().toISOString().slice(0, 10);
    if (
      Number.isNaN(Date.parse(`${at}T00:00:00Z`)) ||
      new Date(`${at}T00:00:00Z`).toISOString().slice(0, 10) !== at
    ) {
      throw new BadRequestException(`at is not a real date: ${at}`);
    }
    return { organisationId: id, at, holders: await this.access.roleHoldersOn(id, at) };
  }

  @Post('plans/:id/visibility')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark the plan internal (members of its organisation only) or published (anyone)',
  })
  @ApiBody({ type: VisibilityDto })
  async visibility(
    @Param() { id }: PlanIdParam,
    @Body() dto: VisibilityDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.runner.setPlanVisibility(id, envelopeFrom(req, dto), dto.visibility);
    return { planId: id, visibility: dto.visibility, ...(await this.responder.accepted(outcome, res)) };
  }

  private async requireOrganisation(id: string): Promise<void> {
    if (!(await this.queries.findOrganisation(id))) {
      throw new NotFoundException(`Organisation "${id}" not found`);
    }
  }
}

async function withPasswordRules<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WeakPasswordError) throw new BadRequestException(error.message);
    throw error;
  }
}
