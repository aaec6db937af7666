import type { StartedSession } from '@app/runtime';
import type { CookieOptions, Request, Response } from 'express';

export const SESSION_COOKIE = 'pv_session';

/** httpOnly, SameSite=Lax, signed; secure whenever the request came over https (PLANVERK_TRUST_PROXY behind a proxy). */
export function sessionCookieOptions(request: Request, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.secure,
    signed: true,
    path: '/',
    ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}),
  };
}

/**
 * Hands the browser a session started on the server (AccessService.startSession): the cookie
 * names it, and lives as long as it does. Whether it is still on is decided on the server at
 * every request, so signing out, a new password or "sign out everywhere" ends it everywhere.
 */
export function setSessionCookie(request: Request, response: Response, session: StartedSession): void {
  const maxAge = Math.max(0, Date.parse(session.expiresAt) - Date.now());
  response.cookie(SESSION_COOKIE, session.cookie, sessionCookieOptions(request, maxAge));
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
}

/** The value of the session cookie, if its signature is good (checked by cookie-parser). */
export function sessionCookie(request: Request): string | undefined {
  const value: unknown = (request.signedCookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
