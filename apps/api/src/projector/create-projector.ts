import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { RuntimeOptions } from '@app/runtime';
import { ErrorFilter } from '../http/error.filter.js';
import { ProjectorModule } from './projector.module.js';

/** The projector process (PLANVERK_ROLE=projector): projections, /health and nothing else. */
export async function createProjector(
  options: Omit<RuntimeOptions, 'runProjections'> & { readonly logger?: false },
): Promise<NestExpressApplication> {
  const logs = options.logger !== false;
  const app = await NestFactory.create<NestExpressApplication>(
    ProjectorModule.forRoot({ ...options, runProjections: true, logs }),
    logs ? { bufferLogs: true } : { logger: false },
  );
  if (logs) app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ErrorFilter());
  // SIGTERM: drain, stop the projections (their leases go to the other projectors), exit 0.
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  await app.init();
  return app;
}
