import {
  HttpException,
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { grantsAllow, type RoleGrant } from '@app/domain';
import { AccessCommandRunner } from '@app/plans';
import type { Request } from 'express';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { findRule, type VisibilityFilter } from './access-policy.js';
import { denialLine, routeOf } from './access.guard.js';

interface PlanLike {
  readonly id?: unknown;
}

interface MeetingLike {
  readonly planId?: unknown;
}

/** Whether the holder of `grants` may read a plan: published, or internal and a viewer of its organisation. */
export type PlanReader = (planId: string) => boolean;

/**
 * The plans the holder of `grants` may read (no grants: a signed-out caller, published plans
 * only). Which plans are internal is read from the event store as it is now, never from a read
 * model, which may be behind, held back or emptied by a rebuild: a plan marked internal is
 * left out from the next request on.
 */
export async function planReader(
  access: AccessCommandRunner,
  grants: readonly RoleGrant[],
): Promise<PlanReader> {
  const hidden = await access.internalPlans();
  return (planId) => {
    const organisation = hidden.get(planId);
    return organisation === undefined || grantsAllow(grants, 'viewer', organisation);
  };
}

/**
 * Lists of plans (and of meetings) lose the internal plans the caller may not read (the policy
 * row's `filter`). And a refusal a handler decides itself (a 403 thrown after the guard let the
 * request through, e.g. someone else's password or token) is logged like the guard's, once.
 */
@Injectable()
export class VisibilityInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Access');

  constructor(private readonly access: AccessCommandRunner) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const route = routeOf(request);
    const filter = findRule(request.method, route)?.filter;
    const handled = next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof HttpException && error.getStatus() === 403) {
          this.logger.warn(denialLine(request, route, request.principal, error.message));
        }
        return throwError(() => error);
      }),
    );
    if (!filter) return handled;
    return handled.pipe(mergeMap((body: unknown) => from(this.filter(filter, body, request))));
  }

  private async filter(filter: VisibilityFilter, body: unknown, request: Request) {
    const readable = await planReader(this.access, request.principal?.grants ?? []);
    const plan = (p: PlanLike): boolean => typeof p.id !== 'string' || readable(p.id);
    const meeting = (m: MeetingLike): boolean => typeof m.planId !== 'string' || readable(m.planId);
    if (filter === 'plan-list' && Array.isArray(body)) return (body as PlanLike[]).filter(plan);
    if (filter === 'meeting-list' && Array.isArray(body)) return (body as MeetingLike[]).filter(meeting);
    if (filter === 'organisation-plans' && typeof body === 'object' && body !== null) {
      const plans = (body as { plans?: unknown }).plans;
      if (Array.isArray(plans)) return { ...body, plans: (plans as PlanLike[]).filter(plan) };
    }
    return body;
  }
}
