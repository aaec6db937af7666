import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@app/config';
import { EventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/read-models';
import { PlanverkModule } from '@app/runtime';
import { requireDatabase } from './target.js';

/**
 * Runs `work` inside the same wiring as the api (same configuration: DATABASE_URL or the
 * PGlite data directory). The read models are brought up to date before the work (so reads
 * see what other processes wrote) and after it (so what the command wrote is readable).
 * Refused when a server was named (--server, PLANVERK_SERVER): that run has no database.
 * `catchUpFirst: false` for a rebuild: it need not first apply what it is about to apply again.
 */
export async function withRuntime<T>(
  work: (context: INestApplicationContext) => Promise<T>,
  options: { catchUpFirst?: boolean } = {},
): Promise<T> {
  requireDatabase();
  const config = loadConfig();
  const context = await NestFactory.createApplicationContext(
    PlanverkModule.forRoot({ config, runProjections: true }),
    { logger: ['error', 'warn'] },
  );
  try {
    if (options.catchUpFirst !== false) await catchUp(context);
    const result = await work(context);
    await catchUp(context);
    return result;
  } finally {
    await context.close();
    Logger.flush();
  }
}

async function catchUp(context: INestApplicationContext): Promise<void> {
  const head = await context.get(EventStore).committedHeadPosition();
  await context.get(ProjectionRunner).caughtUpTo(head, 120_000);
}
