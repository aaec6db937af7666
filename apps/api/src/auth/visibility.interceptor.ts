import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Database } from '@app/database';
import { grantsAllow } from '@app/domain';
import { internalPlans } from '@app/read-models';
import { DATABASE } from '@app/runtime';
import type { Request } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { findRule } from './access-policy.js';
import { routeOf } from './access.guard.js';

interface PlanLike {
  readonly id?: unknown;
}

/** Lists of plans lose the internal plans the caller may not read (the policy row's `filter`). */
@Injectable()
export class VisibilityInterceptor implements NestInterceptor {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const filter = findRule(request.method, routeOf(request))?.filter;
    if (!filter) return next.handle();
    return next.handle().pipe(mergeMap((body: unknown) => from(this.filter(filter, body, request))));
  }

  private async filter(filter: 'plan-list' | 'organisation-plans', body: unknown, request: Request) {
    const hidden = await internalPlans(this.database.db);
    if (hidden.size === 0) return body;
    const grants = request.principal?.grants ?? [];
    const readable = (plan: PlanLike): boolean => {
      const organisation = typeof plan.id === 'string' ? hidden.get(plan.id) : undefined;
      return organisation === undefined || grantsAllow(grants, 'viewer', organisation);
    };
    if (filter === 'plan-list' && Array.isArray(body)) return (body as PlanLike[]).filter(readable);
    if (filter === 'organisation-plans' && typeof body === 'object' && body !== null) {
      const plans = (body as { plans?: unknown }).plans;
      if (Array.isArray(plans)) return { ...body, plans: (plans as PlanLike[]).filter(readable) };
    }
    return body;
  }
}
