import { Injectable, UnauthorizedException } from '@nestjs/common';
import { AccessService } from '@app/runtime';
import type { Request } from 'express';
import { actorOfUser, type Principal } from './principal.js';
import { sessionUser } from './session.js';

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]{10,200}=*)$/;

/** Who a request comes from: a bearer token (scripts, the CLI), else a session cookie (pages), else nobody. */
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
      return principal(owner.userId, owner.grants, 'token');
    }
    const userId = sessionUser(request);
    if (userId === undefined) return undefined;
    if (!(await this.access.findUser(userId))) return undefined;
    return principal(userId, await this.access.grants(userId), 'session');
  }
}

function principal(userId: string, grants: Principal['grants'], via: Principal['via']): Principal {
  return { userId, actor: actorOfUser(userId), grants, via };
}

export function unauthorized(message = 'Sign in, or send a bearer token'): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'UNAUTHENTICATED', message });
}
