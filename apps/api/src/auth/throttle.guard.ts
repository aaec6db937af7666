import { HttpException, Injectable, type ExecutionContext } from '@nestjs/common';
import type { PlanverkConfig } from '@app/config';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { isWrite } from './access-policy.js';
import { RateLimitCounts } from './rate-limit-counts.js';

const SIGN_IN = new Set(['/logg-inn', '/auth/tokens']);
const MINUTE_MS = 60_000;

function isSignIn(context: ExecutionContext): boolean {
  const request = context.switchToHttp().getRequest<Request>();
  return request.method === 'POST' && SIGN_IN.has(request.path);
}

/**
 * @nestjs/throttler's options for two named limits per client address and minute: `sign-in`
 * (POST /logg-inn, POST /auth/tokens) and `writes` (every other request but GET, HEAD and
 * OPTIONS). Reads are not limited. A request counts against one limit at most; over it, the
 * address is refused for a minute. The counts are kept in memory, per process (RateLimitCounts,
 * throttler's rules).
 */
export function rateLimitOptions(config: PlanverkConfig): ThrottlerModuleOptions {
  const limits = config.security.rateLimits;
  return {
    throttlers: [
      {
        name: 'sign-in',
        ttl: MINUTE_MS,
        limit: limits.signInPerMinute,
        skipIf: (context) => !isSignIn(context),
      },
      {
        name: 'writes',
        ttl: MINUTE_MS,
        limit: limits.writesPerMinute,
        skipIf: (context) =>
          !isWrite(context.switchToHttp().getRequest<Request>().method) || isSignIn(context),
      },
    ],
    // Per address across all routes (throttler's default key is per route).
    generateKey: (_context, tracker, throttler) => `${throttler} ${tracker}`,
    // Throttler's rules, counted at the same cost for every hit (see RateLimitCounts).
    storage: new RateLimitCounts(),
    // No X-RateLimit-* headers; Retry-After (not throttler's Retry-After-<name>) on a 429 only.
    setHeaders: false,
  };
}

/**
 * @nestjs/throttler's guard, answering over the limit with a plain `Retry-After` header and our
 * JSON error shape. The tracker is throttler's own: the client address (`request.ip`, so behind
 * a proxy as `PLANVERK_TRUST_PROXY` says), IPv6 addresses by their /64.
 *
 * @nestjs/throttler is CommonJS and requires the ESM-only @nestjs/common 12: Node 20.19+ loads
 * that (require(esm)), Jest on Node 20 does not by itself; see docs/adr/0006.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    limit: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, limit.timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new HttpException(
      { statusCode: 429, error: 'TOO_MANY_REQUESTS', message: `Too many requests; retry in ${retryAfter} s` },
      429,
    );
  }
}
