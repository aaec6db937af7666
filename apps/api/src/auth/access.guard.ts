import {
  ForbiddenException,
  HttpException,
  Inject,
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { grantsAllow, SYSTEM_SCOPE } from '@app/domain';
import type { DoubleCsrfUtilities } from 'csrf-csrf';
import type { Request, Response } from 'express';
import {
  findRule,
  isPagePath,
  isWrite,
  rolesAllow,
  type AccessRule,
  type Requirement,
} from './access-policy.js';
import { Authenticator, unauthorized } from './authenticator.js';
import { OrganisationLocator } from './organisation-locator.js';
import { TargetAccess } from './target-access.js';
import type { Principal } from './principal.js';
import { denialLine, routeOf } from './access-log.js';

export { denialLine, routeOf };

export const CSRF = Symbol('CSRF');

/**
 * The one gate every request passes: who is calling (token or session), the CSRF token of a
 * cookie-authenticated write or page form, and the policy row of the route. A refusal is a
 * 401 (not signed in) or 403 (not allowed), logged with the actor's id; the handler never
 * runs, so nothing is appended.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly authenticator: Authenticator,
    private readonly locator: OrganisationLocator,
    private readonly targets: TargetAccess,
    @Inject(CSRF) private readonly csrf: DoubleCsrfUtilities,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const route = routeOf(request);
    const rule = findRule(request.method, route);

    let principal: Principal | undefined;
    try {
      principal = await this.authenticator.authenticate(request);
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === 401) {
        response.setHeader('WWW-Authenticate', 'Bearer realm="planverk"');
        this.deny(request, route, undefined, 'bad credentials');
      }
      throw error;
    }
    if (principal) request.principal = principal;

    if (isWrite(request.method) && principal?.via !== 'token') {
      const needsCsrf = principal?.via === 'session' || isPagePath(request.path);
      if (needsCsrf && !this.csrf.validateRequest(request)) {
        this.deny(request, route, principal, 'missing or invalid CSRF token');
        throw new ForbiddenException({
          statusCode: 403,
          error: 'CSRF',
          message: 'The form has expired or did not come from this site; reload the page and try again',
        });
      }
    }

    if (!rule) {
      if (!isWrite(request.method)) return true;
      this.deny(request, route, principal, 'no access policy for this route');
      throw forbidden('This route has no access policy, so it is closed');
    }
    await this.check(rule, rule.requires, principal, request, response, route);
    return true;
  }

  private async check(
    rule: AccessRule,
    requirement: Requirement,
    principal: Principal | undefined,
    request: Request,
    response: Response,
    route: string,
  ): Promise<void> {
    switch (requirement.kind) {
      case 'public':
        return;
      case 'signed-in':
        if (!principal) this.signInRequired(request, response, route);
        return;
      case 'read-plan': {
        for (const source of [requirement.plan, ...(requirement.also ?? [])]) {
          const plan = await this.locator.planOf(source, request);
          if (plan === undefined || (await this.targets.readable(principal, plan.planId))) continue;
          this.deny(request, route, principal, `may not read ${plan.planId}`);
          // An internal plan (and what shows it) is not there for those who may not read it,
          // signed in or not: the same answer as for a plan that does not exist.
          throw plan.notFound();
        }
        return;
      }
      case 'role': {
        if (!principal) this.signInRequired(request, response, route);
        const roles = requirement.roles;
        const source = requirement.organisation;
        if (source.from === 'import' || source.from === 'protocol') {
          // The target is in the document or protocol: read once (the handler acts on the same
          // reading) and authorised on what it names; a dry run is a read and needs no role.
          const targets = await this.locator.contentTargets(source, request, principal);
          await this.targets.authoriseContent(request, principal, roles, targets);
          return;
        }
        // Holding none of the roles anywhere: refuse before reading the request any further.
        if (!principal!.grants.some((g) => rolesAllow(roles, [g], g.organisationId))) {
          this.deny(request, route, principal, `needs ${roles.join(' or ')}`);
          throw forbidden(`You need the role ${roles.join(' or ')} for this`);
        }
        // A system administrator may do anything: no need to look the organisation up.
        if (grantsAllow(principal!.grants, 'admin', SYSTEM_SCOPE)) return;
        const organisations = await this.locator.organisations(requirement.organisation, request, principal);
        if (organisations !== 'any') {
          const missing = organisations.filter((o) => !rolesAllow(roles, principal!.grants, o));
          if (missing.length > 0) {
            this.deny(request, route, principal, `needs ${roles.join(' or ')} in ${missing.join(', ')}`);
            throw forbidden(`You need the role ${roles.join(' or ')} in ${missing.join(', ')} for this`);
          }
        }
        // The plans the command names besides its own (predecessor, parent, lineage): ones the
        // caller may not read are answered as the command answers missing ones.
        await this.targets.requireVisibleLinks(
          principal,
          this.locator.linkedPlans(requirement.links, request),
        );
        return;
      }
      default: {
        const unhandled: never = requirement;
        throw new Error(`Unknown requirement in rule ${rule.method} ${rule.path}: ${String(unhandled)}`);
      }
    }
  }

  private signInRequired(request: Request, response: Response, route: string): never {
    this.deny(request, route, undefined, 'not signed in');
    if (request.method === 'GET' && isPagePath(request.path)) {
      // A page: to the sign-in form, and back here afterwards.
      response.setHeader('Location', `/logg-inn?neste=${encodeURIComponent(request.originalUrl)}`);
      throw new HttpException({ statusCode: 303, message: 'Sign in first' }, 303);
    }
    response.setHeader('WWW-Authenticate', 'Bearer realm="planverk"');
    throw unauthorized();
  }

  private deny(request: Request, route: string, principal: Principal | undefined, reason: string): void {
    this.logger.warn(denialLine(request, route, principal, reason));
  }
}

function forbidden(message: string): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'FORBIDDEN', message });
}
