import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@app/config';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { createApi } from '../../apps/api/src/create-api.js';

export interface TestApi {
  readonly app: NestExpressApplication;
  readonly http: ReturnType<NestExpressApplication['getHttpServer']>;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/** The api on a fresh database (PostgreSQL with DATABASE_URL, else in-memory PGlite), projections running. */
export async function startTestApi(options: { demo?: boolean } = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const config = { ...loadConfig({ PLANVERK_DEMO: options.demo ? '1' : '0' }) };
  const app = await createApi({
    config,
    runProjections: true,
    database,
    ...(process.env.PLANVERK_TEST_LOGS ? {} : { logger: false as const }),
  });
  return {
    app,
    http: app.getHttpServer(),
    database,
    close: async () => {
      await app.close();
      await database.dispose();
    },
  };
}

/** How many events the store holds in all: the check that a refused command appended nothing. */
export async function countEvents(database: TestDatabase): Promise<number> {
  const row = await database.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
