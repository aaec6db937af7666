import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE } from './session.js';

export const CSRF_COOKIE = 'pv_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * Double-submit CSRF tokens (csrf-csrf): an HMAC-signed token bound to the session, in an
 * httpOnly cookie and in the form (`_csrf`) or the `X-CSRF-Token` header.
 */
export function createCsrf(secret: string): DoubleCsrfUtilities {
  return doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) =>
      String((req.signedCookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE] ?? ''),
    cookieName: CSRF_COOKIE,
    cookieOptions: { sameSite: 'lax', path: '/', httpOnly: true, secure: false },
    getCsrfTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
      if (typeof field === 'string') return field;
      return req.header('x-csrf-token');
    },
  });
}

/**
 * Gives every request `req.csrfToken()`, for pages to put in their forms:
 * `<input type="hidden" name="_csrf" value="${req.csrfToken()}">` (or the X-CSRF-Token header for htmx).
 */
export function csrfTokenMiddleware(csrf: DoubleCsrfUtilities) {
  return (req: Request, res: Response, next: NextFunction): void => {
    // One token per request: a second call without a valid cookie would make a new one and
    // set its cookie over the first, so a form given the first token would be refused.
    let token: string | undefined;
    req.csrfToken = () =>
      (token ??= csrf.generateCsrfToken(req, res, { cookieOptions: { secure: req.secure } }));
    next();
  };
}
