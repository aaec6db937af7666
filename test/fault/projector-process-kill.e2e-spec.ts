import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@app/config';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api.js';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres.js';
import { startApiProcess, transactionsWriting } from '../support/processes.js';
import {
  cleanRebuildSnapshot,
  projectionsCaughtUp,
  readModelSnapshot,
  seededRandom,
} from '../support/read-models.js';
import { adminHttp } from '../support/test-api.js';
import { startNoteLoad } from '../support/write-load.js';

const PLAN = 'oslo-sv-2024-2027';
const SECRET = 'x'.repeat(40);
/** The projector's connections carry this name, so the test can see its transactions. */
const PROJECTOR = 'planverk-projector';
const KILLS = 5;

/**
 * The projector of a running api (the built `dist/apps/api/src/main.js`, which applies the
 * projections as they come) killed with SIGKILL while it applies live batches under write
 * load, five times, and started again each time. The writes go through a second api in this
 * process that runs no projections, so only the killed process builds the read models. After
 * the last start it catches up, and its read models equal a clean rebuild of the same store.
 * Like the other process tests it runs the build (`npm test` builds first), beside the sources
 * in this process: both must be the same code (the same migrations).
 */
describe('the running projector killed with SIGKILL mid-batch', () => {
  let server: OwnPostgres;
  let writer: NestExpressApplication | undefined;
  let http: Awaited<ReturnType<typeof adminHttp>>;
  let projector: { child: ChildProcess; base: string } | undefined;
  let projectorEnv: Record<string, string>;
  let watcher: pg.Client;
  const measureIds: string[] = [];

  async function startProjector(): Promise<{ child: ChildProcess; base: string }> {
    const { child, port } = await startApiProcess({ ...projectorEnv, PORT: '0' });
    return { child, base: `http://127.0.0.1:${port}` };
  }

  async function stopProjector(signal: 'SIGKILL' | 'SIGTERM'): Promise<NodeJS.Signals | number | null> {
    const running = projector;
    projector = undefined;
    if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return null;
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      running.child.once('exit', (code, killedBy) => resolve(killedBy ?? code)),
    );
    running.child.kill(signal);
    return exited;
  }

  beforeAll(async () => {
    server = await startOwnPostgres();
    watcher = new pg.Client({ connectionString: server.url });
    await watcher.connect();
    const url = new URL(server.url);
    url.searchParams.set('application_name', PROJECTOR);
    projectorEnv = {
      DATABASE_URL: url.toString(),
      PLANVERK_DEMO: '0',
      PLANVERK_SESSION_SECRET: SECRET,
      PLANVERK_LOG_LEVEL: 'warn',
    };
    projector = await startProjector();
    writer = await createApi({
      config: loadConfig({
        DATABASE_URL: server.url,
        PLANVERK_DEMO: '0',
        PLANVERK_SESSION_SECRET: SECRET,
        PLANVERK_RATE_LIMIT_WRITES: '1000000',
      }),
      runProjections: false,
      ...(process.env.PLANVERK_TEST_LOGS ? {} : { logger: false as const }),
    });
    http = await adminHttp(writer);
    // Each step reads what the one before made (the token, the plan) from the read models,
    // which only the projector process builds.
    const caughtUp = () => projectionsCaughtUp(projector!.base);
    await caughtUp();
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
    await caughtUp();
    const section = await request(http)
      .post(`/plans/${PLAN}/sections`)
      .send({ number: '1', title: 'Del' })
      .expect(201);
    await caughtUp();
    for (const text of ['Tiltak A', 'Tiltak B', 'Tiltak C']) {
      const measure = await request(http)
        .post(`/plans/${PLAN}/measures`)
        .send({ sectionId: section.body.sectionId, text })
        .expect(201);
      measureIds.push(measure.body.measureId);
    }
    await caughtUp();
  }, 120_000);
  afterAll(async () => {
    await stopProjector('SIGKILL');
    await writer?.close();
    await watcher?.end();
    server?.dispose();
  });

  it('resumes from its checkpoints after each kill, and its read models equal a clean rebuild', async () => {
    const next = seededRandom(11);
    const load = startNoteLoad({ http, plan: PLAN, measureIds, clients: 2 });
    const kills: Array<{
      startMs: number;
      afterMs: number;
      writing: number;
      signal: unknown;
      acknowledged: number;
    }> = [];
    for (let k = 0; k < KILLS; k++) {
      const starting = Date.now();
      projector ??= await startProjector();
      const startMs = Date.now() - starting;
      const afterMs = 200 + Math.floor(next() * 1_000);
      await new Promise((r) => setTimeout(r, afterMs));
      // Kill it the moment it is seen applying a batch (an open transaction that has written).
      let writing = 0;
      for (const deadline = Date.now() + 10_000; writing === 0 && Date.now() < deadline;) {
        writing = await transactionsWriting(watcher, PROJECTOR);
      }
      const signal = await stopProjector('SIGKILL');
      kills.push({ startMs, afterMs, writing, signal, acknowledged: load.acknowledged.size });
    }
    projector = await startProjector();
    await load.stop();

    // Every kill landed while the projector had a batch's writes open, and it was SIGKILL.
    expect(kills.map((k) => k.writing > 0 && k.signal === 'SIGKILL')).toEqual(Array(KILLS).fill(true));
    expect(load.statuses.get(500)).toBeUndefined();

    // The last start catches every projection up from its checkpoint, as /health shows.
    await projectionsCaughtUp(projector.base, 60_000);
    const live = await readModelSnapshot(server.url);
    const notes = live.tables.rm_plan_history!.filter(
      (row) => (JSON.parse(row) as { event_type: string }).event_type === 'ProgressNoted',
    );
    expect(notes).toHaveLength(load.acknowledged.size);

    // A clean rebuild needs the store to itself: no other runner of the projections.
    expect(await stopProjector('SIGTERM')).toBe(0);
    await writer!.close();
    writer = undefined;
    const rebuilt = await cleanRebuildSnapshot(server.url);
    expect(Object.keys(live.tables).length).toBeGreaterThan(5);
    expect(live).toEqual(rebuilt);
    console.log(
      `projector process kill test: ${load.acknowledged.size} acknowledged notes, kills ${JSON.stringify(kills)}`,
    );
  }, 150_000);
});
