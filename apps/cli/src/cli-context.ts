import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@app/config';
import { PlanverkModule } from '@app/runtime';

/**
 * Runs `work` inside the same wiring as the api (same configuration: DATABASE_URL or the
 * PGlite data directory), without running the projections in the background.
 */
export async function withRuntime<T>(work: (context: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const context = await NestFactory.createApplicationContext(
    PlanverkModule.forRoot({ config, runProjections: false }),
    { logger: ['error', 'warn'] },
  );
  try {
    return await work(context);
  } finally {
    await context.close();
    Logger.flush();
  }
}
