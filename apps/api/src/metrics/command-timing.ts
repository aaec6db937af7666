import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PlanverkMetrics } from './planverk-metrics.js';

/** Requests that change nothing; every other method is a command. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Times every command (write request) from its arrival to the end of its answer, refusals
 * included, and names it by the route pattern it matched (never the path itself, whose ids
 * would make a series per plan).
 */
@Injectable()
export class CommandTiming implements NestMiddleware {
  constructor(private readonly metrics: PlanverkMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (READS.has(req.method)) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.commandAnswered(typeof route === 'string' ? route : 'unmatched', res.statusCode, seconds);
    });
    next();
  }
}
