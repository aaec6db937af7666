import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@app/config';
import { createTestDatabase, tablesOf, type TestDatabase } from '@app/testing';
import { SYSTEM_SCOPE } from '@app/domain';
import { userIdFor } from '@app/plans';
import { AccessService } from '@app/runtime';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createApi } from '../../apps/api/src/create-api.js';

export interface TestApi {
  readonly app: NestExpressApplication;
  /** The api as the test administrator (a system admin's bearer token on every request that sends none). */
  readonly http: (req: IncomingMessage, res: ServerResponse) => void;
  /** The api as it is: no credentials unless the request sends them. */
  readonly anonymous: ReturnType<NestExpressApplication['getHttpServer']>;
  /** The test administrator's bearer token, and the actor its events carry. */
  readonly adminToken: string;
  readonly adminActor: string;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/** The api on a fresh database (PostgreSQL with DATABASE_URL, else in-memory PGlite), projections running. */
export async function startTestApi(
  options: { demo?: boolean; env?: Record<string, string> } = {},
): Promise<TestApi> {
  const database = await createTestDatabase();
  const config = {
    ...loadConfig({
      PLANVERK_DEMO: options.demo ? '1' : '0',
      PLANVERK_RATE_LIMIT_WRITES: '1000000',
      PLANVERK_RATE_LIMIT_SIGN_IN: '1000000',
      ...options.env,
    }),
  };
  const app = await createApi({
    config,
    runProjections: true,
    database,
    ...(process.env.PLANVERK_TEST_LOGS ? {} : { logger: false as const }),
  });
  const admin = await createTestAdmin(app);
  return {
    app,
    http: asAdmin(app, admin.token),
    anonymous: app.getHttpServer(),
    adminToken: admin.token,
    adminActor: `user:${TEST_ADMIN_ID}`,
    database,
    close: async () => {
      await app.close();
      await database.dispose();
    },
  };
}

/** How many events the store holds in all: the check that a refused command appended nothing. */
export async function countEvents(database: TestDatabase): Promise<number> {
  const row = await tablesOf(database)
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const TEST_ADMIN_ID = userIdFor('test-admin');

/** The app's HTTP handler acting as the test administrator, for tests that call createApi themselves. */
export async function adminHttp(app: NestExpressApplication): Promise<TestApi['http']> {
  return asAdmin(app, (await createTestAdmin(app)).token);
}

/** Requests that send no credentials of their own get the administrator's bearer token. */
function asAdmin(app: NestExpressApplication, token: string): TestApi['http'] {
  const server = app.getHttpServer();
  return (req, res) => {
    if (req.headers.authorization === undefined && req.headers.cookie === undefined) {
      req.headers.authorization = `Bearer ${token}`;
    }
    server.emit('request', req, res);
  };
}

/** A system administrator with a bearer token, created through the same commands as any user. */
export async function createTestAdmin(app: NestExpressApplication): Promise<{ token: string }> {
  const access = app.get(AccessService);
  const envelope = () => ({ commandId: randomUUID(), actor: 'system:test', now: new Date().toISOString() });
  await access.registerUser(envelope(), { username: 'test-admin' });
  await access.grantRole(envelope(), TEST_ADMIN_ID, SYSTEM_SCOPE, 'admin');
  const { token } = await access.issueToken(envelope(), TEST_ADMIN_ID, 'tests');
  return { token };
}
