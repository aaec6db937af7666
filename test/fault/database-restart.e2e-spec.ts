import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@app/config';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api.js';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres.js';
import { adminHttp } from '../support/test-api.js';

const PLAN = 'oslo-sv-2024-2027';

/**
 * PostgreSQL stopped and started again under write load: writes during the outage get 503
 * with Retry-After (not a hang), every acknowledged write is there exactly once, and a
 * client retrying with the same command id never makes a duplicate.
 */
describe('a database restart under write load', () => {
  let server: OwnPostgres;
  let app: NestExpressApplication;
  let http: Awaited<ReturnType<typeof adminHttp>>;
  let measureId: string;

  beforeAll(async () => {
    server = await startOwnPostgres();
    app = await createApi({
      config: loadConfig({
        DATABASE_URL: server.url,
        PLANVERK_DEMO: '0',
        PLANVERK_SESSION_SECRET: 'x'.repeat(40),
        PLANVERK_RATE_LIMIT_WRITES: '1000000',
      }),
      runProjections: true,
      ...(process.env.PLANVERK_TEST_LOGS ? {} : { logger: false as const }),
    });
    http = await adminHttp(app);
    await request(http)
      .post('/plans')
      .send({
        id: PLAN,
        organisationId: 'oslo-sv',
        title: 'Plan',
        period: { from: 2024, to: 2027 },
        bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
      })
      .expect(201);
    const section = await request(http)
      .post(`/plans/${PLAN}/sections`)
      .send({ number: '1', title: 'Del' })
      .expect(201);
    const measure = await request(http)
      .post(`/plans/${PLAN}/measures`)
      .send({ sectionId: section.body.sectionId, text: 'Tiltak' })
      .expect(201);
    measureId = measure.body.measureId;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    server?.dispose();
  });

  it('answers 503 with Retry-After during the outage, loses no acknowledged write and duplicates none', async () => {
    const acknowledged = new Set<string>();
    const statuses = new Map<number, number>();
    let retryAfterSeen = 0;
    let stop = false;
    const slowest = { ms: 0 };

    /** One client: writes notes, each retried with its own command id until acknowledged. */
    async function client(id: number): Promise<void> {
      let n = 0;
      while (!stop) {
        const commandId = randomUUID();
        for (let attempt = 0; attempt < 200; attempt++) {
          const started = Date.now();
          const response = await request(http)
            .post(`/plans/${PLAN}/measures/${measureId}/notes`)
            .set('Idempotency-Key', commandId)
            .send({ note: `klient ${id} notat ${n}` })
            .timeout(15_000);
          slowest.ms = Math.max(slowest.ms, Date.now() - started);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 200) {
            acknowledged.add(commandId);
            break;
          }
          // 409: another client appended first (optimistic concurrency); 503: the database is away.
          expect([409, 503]).toContain(response.status);
          if (response.status === 503 && response.headers['retry-after']) retryAfterSeen++;
          await new Promise((r) => setTimeout(r, 100));
        }
        n++;
      }
    }

    const clients = [1, 2, 3, 4].map(client);
    await new Promise((r) => setTimeout(r, 1_500));
    server.stop('fast');
    await new Promise((r) => setTimeout(r, 2_500));
    const ready = await request(app.getHttpServer()).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toBeDefined();
    server.start();
    await new Promise((r) => setTimeout(r, 2_500));
    stop = true;
    await Promise.all(clients);

    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(retryAfterSeen).toBe(statuses.get(503));
    expect(statuses.get(500)).toBeUndefined();
    expect(slowest.ms).toBeLessThan(15_000);
    await request(app.getHttpServer()).get('/health/ready').expect(200);

    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ command_id: string; n: string }>(
        "select metadata->>'commandId' as command_id, count(*)::text as n from events where type = 'ProgressNoted' group by 1",
      );
      const counts = new Map(rows.map((r) => [r.command_id, Number(r.n)]));
      for (const commandId of acknowledged) expect(counts.get(commandId)).toBe(1);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      // Nothing appended that no client got an answer for: every note's command was acknowledged.
      expect([...counts.keys()].filter((c) => !acknowledged.has(c))).toEqual([]);
    } finally {
      await db.end();
    }
    console.log(
      `database restart test: ${acknowledged.size} acknowledged writes, statuses ${JSON.stringify([...statuses])}`,
    );
  }, 180_000);
});
