import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest, openDatabase, type Database } from '@app/database';
import { START } from '@app/event-store';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import { createTestDatabase, registerOrganisation, type TestDatabase } from '@app/testing';
import type { Kysely } from 'kysely';
import { readCheckpoint } from '../checkpoints/checkpoints.js';
import { readModelMigrations } from '../migrations/index.js';
import { organisationsProjection } from '../organisations/organisations.projection.js';
import { planHistoryProjection } from '../plan-history/plan-history.projection.js';
import { ProjectionRunner } from '../projection-runner.js';
import type { ReadModelDatabase } from '../read-model-database.js';

/**
 * Two runners on one PostgreSQL database, each with a pool of its own as two processes would
 * have: each projection runs in one of them, and the other takes it over when that one stops.
 * Needs a real PostgreSQL: PGlite opens in one process only, which then runs everything.
 */
const onPostgres = process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '';
const describeOnPostgres = onPostgres ? describe : describe.skip;
const title = onPostgres
  ? 'Projection leases across processes (PostgreSQL)'
  : 'Projection leases across processes: skipped, needs DATABASE_URL';

const PROJECTIONS = [organisationsProjection, planHistoryProjection];
const NAMES = PROJECTIONS.map((p) => p.name).sort();

async function eventually(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

describeOnPostgres(title, () => {
  let testDatabase: TestDatabase;
  const processes: Array<{ database: Database; store: PostgresEventStore; runner: ProjectionRunner }> = [];

  async function process(): Promise<ProjectionRunner> {
    const database = await openDatabase({ kind: 'postgres', url: testDatabase.url! });
    const store = new PostgresEventStore(database.db);
    const runner = new ProjectionRunner(database.db as Kysely<ReadModelDatabase>, store, PROJECTIONS);
    processes.push({ database, store, runner });
    return runner;
  }

  const addOrganisation = (id: string) => registerOrganisation(processes[0]!.store, id);

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    await migrateToLatest(testDatabase.db, 'event_store', eventStoreMigrations);
    await migrateToLatest(testDatabase.db, 'read_model', readModelMigrations);
  });
  afterAll(async () => {
    for (const p of processes) {
      await p.runner.stop();
      await p.store.close();
      await p.database.close();
    }
    await testDatabase.dispose();
  });

  it('runs each projection in one process, and the other takes it over when that one stops', async () => {
    const first = await process();
    const second = await process();
    await first.start({ pollIntervalMs: 20 });
    await second.start({ pollIntervalMs: 20 });
    // The first to look takes every lease (at once, or at its next look on a loaded machine).
    await eventually(() => first.running().length === NAMES.length, 5_000);
    expect(first.running().sort()).toEqual(NAMES);
    expect(second.running()).toEqual([]);

    // The one that runs nothing still answers read-your-writes, from the checkpoints: on an
    // empty store at once (no checkpoint row yet is the start), then once the other applied.
    await second.caughtUpTo(START, 1_000);
    await addOrganisation('a');
    const head = await processes[0]!.store.committedHeadPosition();
    await second.caughtUpTo(head, 5_000);
    expect(await readCheckpoint(testDatabase.db as Kysely<ReadModelDatabase>, 'plan-history')).toEqual(head);

    await first.stop();
    const tookOverMs = await eventually(() => second.running().length === NAMES.length, 5_000);
    expect(tookOverMs).toBeLessThan(5_000);
    await addOrganisation('b');
    await second.caughtUpTo(await processes[0]!.store.committedHeadPosition(), 5_000);

    // Started again, it stands by: the other keeps what it holds.
    await first.start({ pollIntervalMs: 20 });
    expect(first.running()).toEqual([]);
  });

  it('rebuilds beside the running projections (no lease changes hands), and every projection runs afterwards, only once', async () => {
    const [first, second] = [processes[0]!.runner, processes[1]!.runner];
    await first.rebuild(['plan-history']);
    const head = await processes[0]!.store.committedHeadPosition();
    expect(await readCheckpoint(testDatabase.db as Kysely<ReadModelDatabase>, 'plan-history')).toEqual(head);
    // Afterwards every projection runs again, in one process or the other, and only once.
    await eventually(() => first.running().length + second.running().length === NAMES.length, 5_000);
    expect([...first.running(), ...second.running()].sort()).toEqual(NAMES);
  });
});
