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
import { AccessService, CONFIG, PlanQueries } from '@app/runtime';
import type { Request, Response } from 'express';
import { envelopeFrom } from '../http/command-envelope.js';
import { logCommandId } from './logging.js';
import { IssueTokenDto, SignInDto, TokenIdParam, CsrfOnlyDto } from './auth.dto.js';
import { unauthorized } from './authenticator.js';
import { OidcSignIn } from './oidc.js';
import { actorOfUser } from './principal.js';
import { clearSessionCookie, sessionCookie, sessionCookieOptions, setSessionCookie } from './session.js';
import { visitorOf } from '../pages/page-http.js';
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
    private readonly queries: PlanQueries,
  ) {}

  @Get('logg-inn')
  @ApiExcludeEndpoint()
  async signInPage(@Query('neste') next: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.page(req, res, 200, { next: safeNext(next) });
  }

  @Post('logg-inn')
  @ApiExcludeEndpoint()
  async signIn(@Body() dto: SignInDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.access.checkPassword(dto.brukernavn.trim().toLowerCase(), dto.passord);
    const next = safeNext(dto.neste);
    if (!user) {
      this.logger.warn('Sign-in refused: wrong username or password');
      await this.page(req, res, 401, {
        next,
        error: 'Feil brukernavn eller passord.',
        username: dto.brukernavn,
      });
      return;
    }
    await this.startSession(req, res, user.userId);
    this.logger.log(`Signed in: user:${user.userId}`);
    res.redirect(303, next);
  }

  /** Ends the session on the server: the cookie, even a copy of it, reads and writes nothing afterwards. */
  @Post('logg-ut')
  @ApiExcludeEndpoint()
  async signOut(@Body() _dto: CsrfOnlyDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const cookie = sessionCookie(req);
    if (cookie !== undefined) {
      await this.access.endSession(
        (userId) => ({ ...envelopeFrom(req, {}, { freshId: true }), actor: actorOfUser(userId) }),
        cookie,
      );
    }
    clearSessionCookie(req, res);
    res.redirect(303, '/logg-inn');
  }

  @Post('auth/tokens')
  @ApiOperation({
    summary: 'Issue a bearer token (shown once): with username and password, or for the signed-in caller',
    description:
      'With `username` and `password`, or from a signed-in session (with its CSRF token). A bearer ' +
      'token cannot issue tokens. The token ends when it expires (`expiresInDays`), is revoked, the ' +
      'user sets a new password, or the user is signed out everywhere.',
  })
  @ApiBody({ type: IssueTokenDto })
  @ApiResponse({
    status: 201,
    description: '{ token, tokenId, userId, expiresAt }: send it as Authorization: Bearer',
  })
  @ApiResponse({ status: 401, description: 'Wrong username or password, or not signed in' })
  @ApiResponse({
    status: 403,
    description: 'Sent with a bearer token: a token cannot issue tokens (one could outlive it)',
  })
  async issueToken(@Body() dto: IssueTokenDto, @Req() req: Request) {
    let userId: string;
    if (dto.username !== undefined || dto.password !== undefined) {
      if (dto.username === undefined || dto.password === undefined) {
        throw new BadRequestException('Send both username and password, or neither (signed in)');
      }
      const user = await this.access.checkPassword(dto.username.trim().toLowerCase(), dto.password);
      if (!user) throw unauthorized('Wrong username or password');
      userId = user.userId;
    } else if (req.principal?.via === 'token') {
      // A token that made tokens could outlive itself: a child would not end with its parent's
      // revocation or expiry. Only a password or a signed-in person issues tokens.
      throw new ForbiddenException({
        statusCode: 403,
        error: 'FORBIDDEN',
        message: 'A token cannot issue tokens: send username and password, or sign in',
      });
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
      actor: req.principal?.actor ?? actorOfUser(userId),
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
    return {
      userId: principal.userId,
      username: principal.username,
      actor: principal.actor,
      via: principal.via,
      roles: principal.grants,
    };
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
    await this.startSession(req, res, user.userId);
    res.redirect(303, safeNext(pending.n));
  }

  /** A session on the server for the user who just signed in, named by the cookie it sets. */
  private async startSession(req: Request, res: Response, userId: string): Promise<void> {
    const envelope = { ...envelopeFrom(req, {}, { freshId: true }), actor: actorOfUser(userId) };
    logCommandId(req, envelope.commandId, envelope.actor);
    const session = await this.access.startSession(envelope, userId, this.config.security.sessionHours);
    setSessionCookie(req, res, session);
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

  private async page(
    req: Request,
    res: Response,
    status: number,
    page: { next: string; error?: string; username?: string },
  ): Promise<void> {
    const csrfToken = req.csrfToken?.() ?? '';
    const organisations = await this.queries.listOrganisations();
    res
      .status(status)
      .type('text/html; charset=utf-8')
      .setHeader('Cache-Control', 'no-store')
      .send(
        renderSignInPage({
          ...page,
          csrfToken,
          oidc: this.oidc.enabled,
          organisations,
          visitor: visitorOf(req),
        }),
      );
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
