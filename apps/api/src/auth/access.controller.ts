import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Database } from '@app/database';
import { grantsAllow, isIsoDate, notAnIsoDate, SYSTEM_SCOPE } from '@app/domain';
import { EventStore, formatPosition } from '@app/event-store';
import { AccessCommandRunner, PlanCommandRunner, userStreamId } from '@app/plans';
import { CHANGING_ROLES, planChangersBetween } from '@app/read-models';
import { AccessService, DATABASE, WeakPasswordError } from '@app/runtime';
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
  SignOutEverywhereDto,
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
    private readonly responder: CommandResponder,
    private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
    private readonly organisations: PlanCommandRunner,
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
  @ApiOperation({
    summary: 'Set a password: your own, or (a system administrator) anyone’s',
    description: 'Ends every session and token the user had, the caller’s own included.',
  })
  @ApiBody({ type: SetPasswordDto })
  async setPassword(@Param() { userId }: UserIdParam, @Body() dto: SetPasswordDto, @Req() req: Request) {
    const principal = req.principal!;
    if (principal.userId !== userId && !grantsAllow(principal.grants, 'admin', SYSTEM_SCOPE)) {
      throw new ForbiddenException('You may set only your own password');
    }
    await withPasswordRules(() => this.access.setPassword(envelopeFrom(req, dto), userId, dto.password));
  }

  @Post('users/:userId/sign-out-everywhere')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign a user out everywhere: yourself, or (a system administrator) anyone',
    description:
      'Ends every session and every token the user has, in every api process, from the next request on. ' +
      'The user signs in again with their password.',
  })
  @ApiBody({ type: SignOutEverywhereDto, required: false })
  @ApiResponse({ status: 404, description: 'No such user' })
  async signOutEverywhere(
    @Param() { userId }: UserIdParam,
    @Body() dto: SignOutEverywhereDto,
    @Req() req: Request,
  ) {
    const principal = req.principal!;
    if (principal.userId !== userId && !grantsAllow(principal.grants, 'admin', SYSTEM_SCOPE)) {
      throw new ForbiddenException('Only a system administrator may sign another user out');
    }
    await this.access.signOutEverywhere(envelopeFrom(req, dto), userId);
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
    const at = dayOf(query.at);
    return { organisationId: id, at, holders: await this.access.roleHoldersOn(id, at) };
  }

  @Get('plans/:id/access')
  @ApiOperation({
    summary: 'Who could change the plan on a day (?at=2026-03-14, default today)',
    description:
      'Everyone who at any moment of that day (UTC) held a role that may change the plan: its ' +
      "organisation's secretaries (follow-up), meeting officers (meetings), plan editors (drafts) and " +
      'admins, and the system administrators (scope `*`), who may change every plan. Viewers only read ' +
      'and are left out. Each grant with its RoleGranted event (id and position in the store), when and ' +
      'by whom it was granted and, if so, revoked. For admins of the plan’s organisation.',
  })
  @ApiOkResponse({
    description: '{ planId, organisationId, at, holders: [...] }',
    schema: {
      type: 'object',
      properties: {
        planId: { type: 'string', example: 'oslo-sv-2024-2027' },
        organisationId: { type: 'string', example: 'oslo-sv' },
        at: { type: 'string', example: '2026-03-14' },
        holders: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              userId: { type: 'string' },
              username: { type: 'string' },
              role: { type: 'string', enum: [...CHANGING_ROLES] },
              scope: { type: 'string', enum: ['organisation', 'system'] },
              organisationId: { type: 'string', description: 'The organisation of the grant, or `*`' },
              grantEventId: { type: 'string' },
              grantPosition: { type: 'string', nullable: true, description: 'Store position of the grant' },
              grantedAt: { type: 'string', format: 'date-time' },
              grantedBy: { type: 'string' },
              revokedAt: { type: 'string', format: 'date-time', nullable: true },
              revokedBy: { type: 'string', nullable: true },
            },
          },
        },
      },
    },
  })
  @ApiResponse({ status: 400, description: 'at is not a real date' })
  @ApiResponse({ status: 403, description: 'Not an admin of the plan’s organisation' })
  @ApiResponse({ status: 404, description: 'No such plan' })
  async planAccess(@Param() { id }: PlanIdParam, @Query() query: RolesAtQuery) {
    const at = dayOf(query.at);
    const organisationId = await this.runner.planOrganisation(id);
    if (!organisationId) throw new NotFoundException(`Plan "${id}" not found`);
    const from = `${at}T00:00:00.000Z`;
    const to = new Date(Date.parse(from) + 86_400_000).toISOString();
    const holders = await planChangersBetween(this.database.db, organisationId, from, to);
    // The grant's position in the store: from the user's stream, where RoleGranted is recorded.
    const positions = new Map<string, string>();
    for (const userId of new Set(holders.map((h) => h.userId))) {
      for (const event of await this.store.readStream(userStreamId(userId))) {
        positions.set(event.id, formatPosition(event.position));
      }
    }
    return {
      planId: id,
      organisationId,
      at,
      holders: holders.map((h) => ({
        userId: h.userId,
        username: h.username,
        role: h.role,
        scope: h.organisationId === SYSTEM_SCOPE ? 'system' : 'organisation',
        organisationId: h.organisationId,
        grantEventId: h.grantEventId,
        grantPosition: positions.get(h.grantEventId) ?? null,
        grantedAt: h.grantedAt,
        grantedBy: h.grantedBy,
        revokedAt: h.revokedAt,
        revokedBy: h.revokedBy,
      })),
    };
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
    return { planId: id, visibility: dto.visibility, ...this.responder.accepted(outcome, res) };
  }

  private async requireOrganisation(id: string): Promise<void> {
    // From its stream: an organisation registered a moment ago is there, whatever the read models
    // have applied yet.
    if ((await this.organisations.loadOrganisation(id)).status === 'none') {
      throw new NotFoundException(`Organisation "${id}" not found`);
    }
  }
}

/** A day as YYYY-MM-DD (today by default), refused when it is no real date (2026-02-30). */
function dayOf(value: string | undefined): string {
  const at = value ?? new Date().toISOString().slice(0, 10);
  if (!isIsoDate(at)) throw new BadRequestException(notAnIsoDate('at', at));
  return at;
}

async function withPasswordRules<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WeakPasswordError) throw new BadRequestException(error.message);
    throw error;
  }
}
