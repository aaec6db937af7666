import type { Request } from 'express';
import type { Principal } from './principal.js';

/**
 * The log line of a refusal, the same for the guard and for a handler's own 403: the actor's id
 * (never a name, address or credential) and why.
 */
export function denialLine(
  request: Request,
  route: string,
  principal: Principal | undefined,
  reason: string,
): string {
  return `Denied ${request.method} ${route} for ${principal?.actor ?? 'anonymous'}: ${reason}`;
}

/** The Express route pattern that matched (`/plans/:id/sections`), as the policy table names routes. */
export function routeOf(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : request.path;
}
