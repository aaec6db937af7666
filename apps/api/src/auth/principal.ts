import type { RoleGrant } from '@app/domain';
import type { Request } from 'express';

/** Who sends a request: a signed-in user (session cookie) or a script (bearer token). */
export interface Principal {
  readonly userId: string;
  /** The user's name as they sign in with it: what pages show as who is signed in. */
  readonly username: string;
  /** What goes into every event's metadata: `user:<id>`, no name or address. */
  readonly actor: string;
  /** The roles the user holds now, read from their stream at this request. */
  readonly grants: readonly RoleGrant[];
  readonly via: 'session' | 'token';
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the access guard; absent for an anonymous request. */
    principal?: Principal;
    /** The command id of the request's command, once its envelope is built (for the request log). */
    commandId?: string;
  }
}

export function principalOf(request: Request): Principal | undefined {
  return request.principal;
}

export const actorOfUser = (userId: string): string => `user:${userId}`;
