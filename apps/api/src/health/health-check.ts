import { HttpException } from '@nestjs/common';
import type { HealthCheckResult, HealthCheckService, HealthIndicatorFunction } from '@nestjs/terminus';
import type { Response } from 'express';

/** Seconds a client or load balancer should wait before asking again after a 503. */
const RETRY_AFTER_S = '5';

/**
 * Runs terminus's health check and answers with its result either way: 200 when every indicator
 * is up (or degraded), else 503 with Retry-After and the same result (status `error`, or
 * `shutting_down` once the process received SIGTERM).
 */
export async function runHealthCheck(
  health: HealthCheckService,
  res: Response,
  indicators: HealthIndicatorFunction[],
): Promise<HealthCheckResult> {
  try {
    return await health.check(indicators);
  } catch (error) {
    if (!(error instanceof HttpException) || error.getStatus() !== 503) throw error;
    res.status(503);
    res.setHeader('Retry-After', RETRY_AFTER_S);
    return error.getResponse() as HealthCheckResult;
  }
}
