import { Injectable, UnauthorizedException } from '@nestjs/common';
import { AccessService, type CredentialOwner } from '@app/runtime';
import type { Request } from 'express';
import { actorOfUser, type Principal } from './principal.js';
import { sessionCookie } from './session.js';

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]{10,200}=*)$/;

/**
 * Who a request comes from: a bearer token (scripts, the CLI), else a session cookie (pages),
 * else nobody. Both are checked against the user's stream in the event store at every request
 * (AccessService), never against a read model: a revoked token, an ended session or a revoked
 * role holds at the next request, in every api process, even while a rebuild runs.
 */
@Injectable()
export class Authenticator {
  constructor(private readonly access: AccessService) {}

  async authenticate(request: Request): Promise<Principal | undefined> {
    const authorization = request.header('authorization');
    if (authorization !== undefined) {
      const match = BEARER.exec(authorization.trim());
      if (!match) throw unauthorized('Authorization must be "Bearer <token>"');
      const owner = await this.access.tokenPrincipal(match[1]!);
      if (!owner) throw unauthorized('The token is unknown, revoked or expired');
      return principal(owner, 'token');
    }
    const cookie = sessionCookie(request);
    if (cookie === undefined) return undefined;
    const owner = await this.access.sessionPrincipal(cookie);
    return owner ? principal(owner, 'session') : undefined;
  }
}

function principal(owner: CredentialOwner, via: Principal['via']): Principal {
  return {
    userId: owner.userId,
    username: owner.username,
    actor: actorOfUser(owner.userId),
    grants: owner.grants,
    via,
  };
}

export function unauthorized(message = 'Sign in, or send a bearer token'): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'UNAUTHENTICATED', message });
}
