import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@app/config';
import pg from 'pg';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api.js';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres.js';
import { cleanRebuildSnapshot, projectionsCaughtUp, readModelSnapshot } from '../support/read-models.js';
import { adminHttp } from '../support/test-api.js';
import { startNoteLoad } from '../support/write-load.js';

const PLAN = 'oslo-sv-2024-2027';

/**
 * PostgreSQL stopped and started again under write load, once as after a crash (`immediate`)
 * and once cleanly (`fast`): writes during the outage get 503 with Retry-After (not a hang),
 * every acknowledged write is there exactly once, a client retrying with the same command id
 * never makes a duplicate, and the api's running projector catches up afterwards to read
 * models equal to a clean rebuild. (Why fsync=off is sound for this: test/support/own-postgres.ts.)
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
  let closed = false;
  /** Stops the api (and its projector), so that a clean rebuild can have the store to itself. */
  async function closeApp(): Promise<void> {
    if (closed || !app) return;
    closed = true;
    await app.close();
  }
  afterAll(async () => {
    await closeApp();
    server?.dispose();
  });

  it('answers 503 with Retry-After during each outage (a crash-like and a clean stop), loses no acknowledged write, duplicates none, and its projector catches up to what a clean rebuild builds', async () => {
    const load = startNoteLoad({ http, plan: PLAN, measureIds: [measureId], alsoAllowed: [503] });
    const outages: Array<{ mode: string; acknowledgedBeforeStart: number; acknowledgedAfter: number }> = [];
    await sleep(1_500);
    // `immediate` first: the server dies as after a crash (no checkpoint, recovery from the WAL);
    // then `fast`, a clean shutdown that ends every connection.
    for (const mode of ['immediate', 'fast'] as const) {
      server.stop(mode);
      await sleep(2_500);
      const ready = await request(app.getHttpServer()).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.headers['retry-after']).toBeDefined();
      const acknowledgedBeforeStart = load.acknowledged.size;
      server.start();
      await sleep(2_500);
      outages.push({ mode, acknowledgedBeforeStart, acknowledgedAfter: load.acknowledged.size });
    }
    await load.stop();

    const statuses = load.statuses;
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(load.retryAfterSeen()).toBe(statuses.get(503));
    expect(statuses.get(500)).toBeUndefined();
    expect(load.slowestMs()).toBeLessThan(15_000);
    // The clients got their writes through again after each restart.
    for (const outage of outages)
      expect(outage.acknowledgedAfter).toBeGreaterThan(outage.acknowledgedBeforeStart);
    await request(app.getHttpServer()).get('/health/ready').expect(200);

    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ command_id: string; n: string }>(
        "select metadata->>'commandId' as command_id, count(*)::text as n from events where type = 'ProgressNoted' group by 1",
      );
      const counts = new Map(rows.map((r) => [r.command_id, Number(r.n)]));
      for (const commandId of load.acknowledged) expect(counts.get(commandId)).toBe(1);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      // Nothing appended that no client got an answer for: every note's command was acknowledged.
      expect([...counts.keys()].filter((c) => !load.acknowledged.has(c))).toEqual([]);
    } finally {
      await db.end();
    }

    // The api's own projector went on after the restarts: /health shows every projection caught
    // up, each acknowledged note is in the plan's history, and the read models are what a clean
    // rebuild of the same store makes of it.
    await projectionsCaughtUp(app.getHttpServer());
    const live = await readModelSnapshot(server.url);
    const notes = live.tables.rm_plan_history!.filter(
      (row) => (JSON.parse(row) as { event_type: string }).event_type === 'ProgressNoted',
    );
    expect(notes).toHaveLength(load.acknowledged.size);
    await closeApp();
    const rebuilt = await cleanRebuildSnapshot(server.url);
    expect(Object.keys(live.tables).length).toBeGreaterThan(5);
    expect(live).toEqual(rebuilt);
    console.log(
      `database restart test: ${load.acknowledged.size} acknowledged writes, statuses ${JSON.stringify([...statuses])}, outages ${JSON.stringify(outages)}`,
    );
  }, 180_000);
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
