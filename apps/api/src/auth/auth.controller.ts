import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Logger,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiExcludeEndpoint, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { PlanverkConfig } from '@app/config';
import { grantsAllow, SYSTEM_SCOPE } from '@app/domain';
import { AccessService, CONFIG } from '@app/runtime';
import type { Request, Response } from 'express';
import { envelopeFrom } from '../http/command-envelope.js';
import { logCommandId } from './logging.js';
import { IssueTokenDto, SignInDto, TokenIdParam, CsrfOnlyDto } from './auth.dto.js';
import { unauthorized } from './authenticator.js';
import { OidcSignIn } from './oidc.js';
import { endSession, sessionCookieOptions, startSession } from './session.js';
import { renderSignInPage, safeNext } from './sign-in-page.js';

const OIDC_COOKIE = 'pv_oidc';

/** Sign-in (page and OIDC), sign-out, and bearer tokens for scripts and the CLI. */
@ApiTags('auth')
@Controller()
export class AuthController {
  private readonly logger = new Logger('Auth');
  constructor(
    private readonly access: AccessService,
    private readonly oidc: OidcSignIn,
    @Inject(CONFIG) private readonly config: PlanverkConfig,
  ) {}

  @Get('logg-inn')
  @ApiExcludeEndpoint()
  signInPage(@Query('neste') next: unknown, @Req() req: Request, @Res() res: Response): void {
    this.page(req, res, 200, { next: safeNext(next) });
  }

  @Post('logg-inn')
  @ApiExcludeEndpoint()
  async signIn(@Body() dto: SignInDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.access.checkPassword(dto.brukernavn.trim().toLowerCase(), dto.passord);
    const next = safeNext(dto.neste);
    if (!user) {
      this.logger.warn('Sign-in refused: wrong username or password');
      this.page(req, res, 401, { next, error: 'Feil brukernavn eller passord.', username: dto.brukernavn });
      return;
    }
    startSession(req, res, user.userId, this.config.security.sessionHours);
    this.logger.log(`Signed in: user:${user.userId}`);
    res.redirect(303, next);
  }

  @Post('logg-ut')
  @ApiExcludeEndpoint()
  signOut(@Body() _dto: CsrfOnlyDto, @Req() req: Request, @Res() res: Response): void {
    endSession(req, res);
    res.redirect(303, '/logg-inn');
  }

  @Post('auth/tokens')
  @ApiOperation({
    summary: 'Issue a bearer token (shown once): with username and password, or for the signed-in caller',
  })
  @ApiBody({ type: IssueTokenDto })
  @ApiResponse({
    status: 201,
    description: '{ token, tokenId, userId, expiresAt }: send it as Authorization: Bearer',
  })
  @ApiResponse({ status: 401, description: 'Wrong username or password, or not signed in' })
  async issueToken(@Body() dto: IssueTokenDto, @Req() req: Request) {
    let userId: string;
    if (dto.username !== undefined || dto.password !== undefined) {
      if (dto.username === undefined || dto.password === undefined) {
        throw new BadRequestException('Send both username and password, or neither (signed in)');
      }
      const user = await this.access.checkPassword(dto.username.trim().toLowerCase(), dto.password);
      if (!user) throw unauthorized('Wrong username or password');
      userId = user.userId;
    } else if (req.principal) {
      userId = req.principal.userId;
    } else {
      throw unauthorized('Send username and password, or sign in first');
    }
    const expiresAt =
      dto.expiresInDays !== undefined
        ? new Date(Date.now() + dto.expiresInDays * 86_400_000).toISOString()
        : undefined;
    // Always a new command: a retried one would answer with a token whose hash was never stored.
    // The id is the one the request log shows (envelopeFrom logs it).
    const envelope = {
      ...envelopeFrom(req, {}, { freshId: true }),
      actor: req.principal?.actor ?? `user:${userId}`,
    };
    logCommandId(req, envelope.commandId, envelope.actor);
    return this.access.issueToken(envelope, userId, dto.label ?? 'api token', expiresAt);
  }

  @Delete('auth/tokens/:tokenId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of your tokens (a system administrator: anyone’s, with ?userId=)' })
  async revokeToken(
    @Param() { tokenId }: TokenIdParam,
    @Query('userId') userId: unknown,
    @Req() req: Request,
  ) {
    const principal = req.principal!;
    const owner = typeof userId === 'string' && userId !== '' ? userId : principal.userId;
    if (owner !== principal.userId && !grantsAllow(principal.grants, 'admin', SYSTEM_SCOPE)) {
      throw new ForbiddenException('Only a system administrator may revoke another user’s token');
    }
    await this.access.revokeToken(envelopeFrom(req, {}), owner, tokenId);
  }

  @Get('auth/me')
  @ApiOperation({ summary: 'Who you are signed in as, and your roles' })
  me(@Req() req: Request) {
    const principal = req.principal!;
    return { userId: principal.userId, actor: principal.actor, via: principal.via, roles: principal.grants };
  }

  @Get('auth/oidc')
  @ApiExcludeEndpoint()
  async oidcStart(@Query('neste') next: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) throw new NotFoundException('OIDC sign-in is not configured');
    const start = await this.oidc.start();
    res.cookie(
      OIDC_COOKIE,
      JSON.stringify({ v: start.codeVerifier, s: start.state, n: safeNext(next) }),
      sessionCookieOptions(req, 10 * 60_000),
    );
    res.redirect(302, start.url.href);
  }

  @Get('auth/oidc/callback')
  @ApiExcludeEndpoint()
  async oidcCallback(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled || !this.oidc.options)
      throw new NotFoundException('OIDC sign-in is not configured');
    const raw: unknown = (req.signedCookies as Record<string, unknown>)[OIDC_COOKIE];
    res.clearCookie(OIDC_COOKIE, sessionCookieOptions(req));
    const pending = pendingSignIn(raw);
    if (!pending) {
      throw new BadRequestException('The sign-in took too long or did not start here; try again');
    }
    const current = new URL(req.originalUrl, this.oidc.options.redirectUri);
    let identity;
    try {
      identity = await this.oidc.finish(current, pending.v, pending.s);
    } catch (error) {
      this.logger.warn(`OIDC sign-in failed: ${(error as Error).message}`);
      throw unauthorized('The sign-in with the identity provider failed');
    }
    let user = await this.access.findExternalUser(identity.issuer, identity.subject);
    if (!user) {
      const username = await this.freeUsername(identity.suggestedUsername, identity.subject);
      const { userId } = await this.access.registerUser(
        { ...envelopeFrom(req, {}), actor: 'system:oidc' },
        { username, externalIdentity: { issuer: identity.issuer, subject: identity.subject } },
      );
      user = { userId, username, passwordHash: null };
    }
    startSession(req, res, user.userId, this.config.security.sessionHours);
    res.redirect(303, safeNext(pending.n));
  }

  private async freeUsername(suggested: string | undefined, subject: string): Promise<string> {
    const cleaned = (suggested ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9._@-]/g, '')
      .slice(0, 100);
    if (/^[a-z0-9][a-z0-9._@-]{1,99}$/.test(cleaned) && !(await this.access.findUserByUsername(cleaned))) {
      return cleaned;
    }
    return `oidc-${
      subject
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 40) || 'user'
    }-${Date.now().toString(36)}`;
  }

  private page(
    req: Request,
    res: Response,
    status: number,
    page: { next: string; error?: string; username?: string },
  ): void {
    const csrfToken = req.csrfToken?.() ?? '';
    res
      .status(status)
      .type('text/html; charset=utf-8')
      .setHeader('Cache-Control', 'no-store')
      .send(renderSignInPage({ ...page, csrfToken, oidc: this.oidc.enabled }));
  }
}

/**
 * The verifier, state and page kept in the signed cookie; undefined when it is missing, unreadable
 * or its signature is wrong (cookie-parser gives `false` then, which must not pass as "no state").
 */
function pendingSignIn(raw: unknown): { v: string; s: string; n: unknown } | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const value = JSON.parse(raw) as { v?: unknown; s?: unknown; n?: unknown } | null;
    if (typeof value?.v !== 'string' || typeof value.s !== 'string') return undefined;
    return { v: value.v, s: value.s, n: value.n };
  } catch {
    return undefined;
  }
}
