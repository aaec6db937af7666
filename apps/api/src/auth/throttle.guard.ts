import {
  HttpException,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { PlanverkConfig } from '@app/config';
import { CONFIG } from '@app/runtime';
import type { Request, Response } from 'express';
import { isWrite } from './access-policy.js';

const SIGN_IN = new Set(['/logg-inn', '/auth/tokens']);
const WINDOW_MS = 60_000;

/**
 * Two limits per client address and minute: sign-in attempts (POST /logg-inn, POST /auth/tokens)
 * and writes. Reads are not limited. Over the limit: 429 with Retry-After.
 *
 * A fixed window in memory, per process. (@nestjs/throttler is CommonJS requiring the ESM-only
 * @nestjs/common 12, which Jest cannot load on Node 20, so the same small rule is kept here.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnModuleDestroy {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(@Inject(CONFIG) private readonly config: PlanverkConfig) {
    this.sweeper = setInterval(() => this.sweep(), WINDOW_MS);
    this.sweeper.unref();
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const signIn = request.method === 'POST' && SIGN_IN.has(request.path);
    if (!signIn && !isWrite(request.method)) return true;
    const limits = this.config.security.rateLimits;
    const [name, limit] = signIn ? ['sign-in', limits.signInPerMinute] : ['writes', limits.writesPerMinute];
    const key = `${name} ${request.ip ?? 'unknown'}`;
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + WINDOW_MS };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= limit) return true;
    const retryAfter = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new HttpException(
      { statusCode: 429, error: 'TOO_MANY_REQUESTS', message: `Too many requests; retry in ${retryAfter} s` },
      429,
    );
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
