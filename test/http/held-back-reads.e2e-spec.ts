import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { postgresBinaries, startOwnPostgres, type OwnPostgres } from '../support/own-postgres.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/**
 * A transaction left open on the database server holds back every reader of the event store
 * (docs/adr/0003). /health says so, for how long and by which backend; a command answers once
 * its write is stored, with its position; a read after it waits for it up to its bound (5 s),
 * then answers saying `Planverk-Read-Models: held_back`, and reads while the transaction lasts
 * do not wait for a change no reader can see yet. Needs a real PostgreSQL (PGlite is one
 * connection): a server of its own, since the transaction it holds open would hold back every
 * other test on a shared one.
 */
const onPostgres = Boolean(process.env.DATABASE_URL) && postgresBinaries() !== undefined;
const describeOnPostgres = onPostgres ? describe : describe.skip;
const title = onPostgres
  ? 'Reads held back by an open transaction, over HTTP (PostgreSQL)'
  : 'Reads held back by an open transaction, over HTTP: skipped, needs DATABASE_URL and PostgreSQL binaries (PGlite is one connection)';

/** What a command, or a read after it, may take when reads are held back (the old behaviour waited 5 s). */
const HELD_BACK_BOUND_MS = 2_000;

interface HealthBody {
  status: string;
  details: { heldBack: { status: string; ageMs: number; pids?: number[] } };
  heldBack: null | {
    ageMs: number;
    events: number;
    transactions: { pid: number | null; state: string | null }[];
  };
}

describeOnPostgres(title, () => {
  let api: TestApi;
  let server: OwnPostgres;
  const sharedServer = process.env.DATABASE_URL;
  beforeAll(async () => {
    server = await startOwnPostgres();
    // startTestApi makes its fresh database on the server DATABASE_URL names.
    process.env.DATABASE_URL = server.url;
    try {
      api = await startTestApi();
    } finally {
      process.env.DATABASE_URL = sharedServer;
    }
    await request(api.http)
      .post('/plans')
      .send({
        id: 'held-2024-2027',
        organisationId: 'oslo-sv',
        title: 'Arbeidsplan 2024-2027',
        period: { from: 2024, to: 2027 },
        edition: '2026',
        bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
      })
      .expect(201);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    server?.dispose();
  });

  it('reports the open transaction in /health and answers commands and reads within their bound, then shows the write once it ends', async () => {
    const holder = new pg.Client({ connectionString: api.database.url, application_name: 'psql-left-open' });
    await holder.connect();
    let ended = false;
    try {
      await holder.query('begin');
      await holder.query('select pg_current_xact_id()'); // as its first write would
      const pid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;

      const started = Date.now();
      const retitled = await request(api.http)
        .post('/plans/held-2024-2027/title')
        .send({ title: 'Arbeidsplan 2024-2027, revidert' })
        .expect(200);
      expect(Date.now() - started).toBeLessThan(HELD_BACK_BOUND_MS);
      expect(retitled.body).toMatchObject({ appended: true });
      expect(retitled.body.position).toEqual(expect.any(String));
      expect(retitled.headers['planverk-position']).toBe(retitled.body.position);
      // The first read waits for the write up to its bound, then shows what the read models have
      // and says why; reads while the transaction lasts then go ahead at once.
      const stale = await request(api.http).get('/plans/held-2024-2027').expect(200);
      expect(stale.body.title).toBe('Arbeidsplan 2024-2027');
      expect(stale.headers['planverk-read-models']).toBe('held_back');
      const reading = Date.now();
      const again = await request(api.http).get('/plans/held-2024-2027').expect(200);
      expect(Date.now() - reading).toBeLessThan(HELD_BACK_BOUND_MS);
      expect(again.body.title).toBe('Arbeidsplan 2024-2027');
      expect(again.headers['planverk-read-models']).toBe('held_back');

      // Degraded (still 200) once the write has waited five seconds, naming the backend.
      let health: HealthBody | undefined;
      const until = Date.now() + 10_000;
      while (Date.now() < until) {
        health = (await request(api.anonymous).get('/health').expect(200)).body as HealthBody;
        if (health.details.heldBack.status === 'degraded') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(health!.status).toBe('degraded');
      expect(health!.details.heldBack).toMatchObject({
        status: 'degraded',
        pids: expect.arrayContaining([pid]),
      });
      expect(health!.details.heldBack.ageMs).toBeGreaterThanOrEqual(5_000);
      expect(health!.heldBack!.events).toBeGreaterThanOrEqual(1);
      expect(health!.heldBack!.transactions).toContainEqual(
        expect.objectContaining({ pid, state: 'idle in transaction', applicationName: 'psql-left-open' }),
      );

      await holder.query('rollback');
      ended = true;
      const shown = Date.now() + 10_000;
      let title = '';
      while (Date.now() < shown && title !== 'Arbeidsplan 2024-2027, revidert') {
        title = (await request(api.http).get('/plans/held-2024-2027').expect(200)).body.title as string;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(title).toBe('Arbeidsplan 2024-2027, revidert');
      await request(api.http)
        .post('/plans/held-2024-2027/title')
        .send({ title: 'Arbeidsplan 2024-2027' })
        .expect(200);
      // Nothing holds reads back now: the read waits for the write and shows it.
      const shownAtOnce = await request(api.http).get('/plans/held-2024-2027').expect(200);
      expect(shownAtOnce.body.title).toBe('Arbeidsplan 2024-2027');
      expect(shownAtOnce.headers['planverk-read-models']).toBeUndefined();
    } finally {
      if (!ended) await holder.query('rollback').catch(() => undefined);
      await holder.end();
    }
  });
});
