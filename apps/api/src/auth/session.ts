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

export function startSession(request: Request, response: Response, userId: string, hours: number): void {
  const maxAge = hours * 3_600_000;
  response.cookie(SESSION_COOKIE, `${userId}|${Date.now() + maxAge}`, sessionCookieOptions(request, maxAge));
}

export function endSession(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
}

/** The user of a valid, unexpired session cookie (the signature is checked by cookie-parser). */
export function sessionUser(request: Request): string | undefined {
  const value: unknown = (request.signedCookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  if (typeof value !== 'string') return undefined;
  const cut = value.lastIndexOf('|');
  if (cut <= 0) return undefined;
  const expires = Number(value.slice(cut + 1));
  if (!Number.isFinite(expires) || expires < Date.now()) return undefined;
  return value.slice(0, cut);
}
