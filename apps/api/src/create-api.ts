import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { EventStore } from '@app/event-store';
import { PlanCommandRunner } from '@app/plans';
import { ProjectionRunner, ReadYourWrites } from '@app/read-models';

import { DirectoryImports, loadDemoData, resolveSessionSecret, type RuntimeOptions } from '@app/runtime';
import { randomBytes } from 'node:crypto';

import { ApiModule } from './app.module.js';
import { configureSecurity } from './auth/configure-security.js';
import {
  BODY_LIMIT_BYTES,
  refuseDeepJson,
  refuseOversizedBodies,
  refuseSlowBodies,
} from './http/body-limit.js';
import { ErrorFilter } from './http/error.filter.js';
import { readYourWrites } from './http/read-your-writes.middleware.js';

/** The OpenAPI security scheme of a bearer token. */
const BEARER = 'bearer';

export interface ApiOptions extends RuntimeOptions {
  readonly logger?: false;
}

/** The api, configured the same way for `npm start` and for the e2e tests. */
export async function createApi(options: ApiOptions): Promise<NestExpressApplication> {
  const logs = options.logger !== false;
  // Tests hand in their own database: they get a secret of their own, nothing is written to ./data.
  const sessionSecret =
    options.config.security.sessionSecret ??
    (options.database ? randomBytes(32).toString('hex') : resolveSessionSecret(options.config));
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.forRoot({ ...options, security: { sessionSecret, logs } }),
    { ...(logs ? { bufferLogs: true } : { logger: false }), bodyParser: false },
  );
  // First: a body announced over the limit is refused before anything waits for it, and one that
  // does not arrive in time is not waited for.
  app.use(refuseOversizedBodies);
  app.use(refuseSlowBodies);
  configureSecurity(app, options.config, sessionSecret, logs);
  // A read shows the writes this process answered (commands answer without waiting for them).
  app.use(readYourWrites(app.get(ReadYourWrites)));
  // A body nested too deep is refused before it is parsed. Nest's type leaves `verify` out: it sets
  // one itself only for `rawBody`, which this app does not use, and passes ours on otherwise.
  app.useBodyParser('json', {
    limit: BODY_LIMIT_BYTES,
    verify: refuseDeepJson,
  } as NestExpressBodyParserOptionsFor<'json'>);
  // Plan texts and YAML documents can be posted as they are (POST /imports).
  app.useBodyParser('text', {
    limit: BODY_LIMIT_BYTES,
    type: ['text/plain', 'application/yaml', 'text/yaml', 'application/x-yaml'],
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new ErrorFilter());
  // SIGTERM: drain the HTTP server, then stop the projections and close the stores (HttpDrain);
  // exit 0 once done (process.exit also lets pino flush) rather than re-raising the signal.
  app.enableShutdownHooks(undefined, { useProcessExit: true });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Planverk')
      .setDescription(
        'Event-sourced work plans: commands in, projections out. To try a write, get a token with ' +
          'POST /auth/tokens (username and password), then "Authorize" with it: every request then ' +
          'carries it as Authorization: Bearer. Reads of published plans need no token. A command ' +
          'answers once stored, with its position (also the Planverk-Position header); a read waits ' +
          'until the read models show every write made through the same server, and the position ' +
          'sent in a Planverk-Position request header (a write answered by another replica). A read ' +
          'that could not wait says so in the Planverk-Read-Models header (held_back or behind).',
      )
      .setVersion('0.1.0')
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', description: 'A token from POST /auth/tokens (pvk_...)' },
        BEARER,
      )
      // Every route may carry the token: the writes need it, reads of internal plans too.
      .addSecurityRequirements(BEARER)
      .build(),
  );
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    swaggerOptions: { persistAuthorization: true },
  });

  await app.init();
  if (options.config.demo) {
    await loadDemoData(app.get(DirectoryImports), app.get(CommandBus), app.get(PlanCommandRunner));
    // Serve the demo only once the read models show all of it.
    await app.get(ProjectionRunner).caughtUpTo(await app.get(EventStore).committedHeadPosition(), 60_000);
  }

  return app;
}
