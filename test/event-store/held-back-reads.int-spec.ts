import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import { comparePositions, type HeldBackReads } from '@app/event-store';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import { createEmptyPostgresDatabase, createTestDatabase, type TestDatabase } from '@app/testing';
import pg from 'pg';
import { someEvents } from '../contract/event-store.contract.js';

/**
 * A transaction left open in the event store's database holds every reader of the event store
 * back (docs/adr/0003): `heldBackReads` says so, since when, and which backend holds them. One in
 * another database on the same server does not (docs/adr/0027). Needs a real PostgreSQL: PGlite
 * is one connection.
 */
const serverUrl = process.env.DATABASE_URL;
const describeOnPostgres = serverUrl ? describe : describe.skip;
const title = serverUrl
  ? 'Reads held back by an open transaction (PostgreSQL)'
  : 'Reads held back by an open transaction: skipped, needs DATABASE_URL (PGlite is one connection)';

/** What this test left running may hold reads back for a moment: wait for it. */
async function untilNothingHeldBack(store: PostgresEventStore): Promise<HeldBackReads | undefined> {
  const until = Date.now() + 15_000;
  let held = await store.heldBackReads();
  while (held && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    held = await store.heldBackReads();
  }
  return held;
}

describeOnPostgres(title, () => {
  let testDatabase: TestDatabase;
  let store: PostgresEventStore;
  let other: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    await migrateToLatest(testDatabase.db, 'event_store', eventStoreMigrations);
    store = new PostgresEventStore(testDatabase.db);
    other = await createEmptyPostgresDatabase(serverUrl!);
  });

  afterAll(async () => {
    await store?.close();
    await testDatabase?.dispose();
    await other?.drop();
  });

  /** A transaction with an id, open and idle until the test ends it, as a forgotten session's. */
  async function openTransaction(url: string): Promise<{ pid: number; end(): Promise<void> }> {
    const holder = new pg.Client({ connectionString: url, application_name: 'forgotten-session' });
    await holder.connect();
    await holder.query('begin');
    // A transaction gets its id with its first write; this takes one without writing.
    await holder.query('select pg_current_xact_id()');
    const pid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    return {
      pid,
      async end() {
        await holder.query('rollback');
        await holder.end();
      },
    };
  }

  it('names the backend whose transaction, in the same database, holds an append back, and clears when it ends', async () => {
    await store.appendToStream('plan-before', someEvents(1), { expectedRevision: 'no_stream' });
    expect(await untilNothingHeldBack(store)).toBeUndefined();

    const holder = await openTransaction(testDatabase.url!);
    try {
      const appended = await store.appendToStream('plan-held', someEvents(2), {
        expectedRevision: 'no_stream',
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const held = await store.heldBackReads();

      expect(held).toBeDefined();
      expect(held!.events).toBeGreaterThanOrEqual(2);
      expect(held!.ageMs).toBeGreaterThanOrEqual(250);
      expect(held!.since.getTime()).toBeLessThanOrEqual(Date.now());
      expect(held!.transactions).toContainEqual(
        expect.objectContaining({
          pid: holder.pid,
          database: new URL(testDatabase.url!).pathname.slice(1),
          state: 'idle in transaction',
          applicationName: 'forgotten-session',
        }),
      );
      // What it reports is what readers see: the append is not readable yet.
      expect(comparePositions(await store.headPosition(), appended.position)).toBeLessThan(0);
    } finally {
      await holder.end();
    }

    expect(await untilNothingHeldBack(store)).toBeUndefined();
  });

  it('is not held back by a transaction left open in another database on the same server', async () => {
    expect(await untilNothingHeldBack(store)).toBeUndefined();
    const holder = await openTransaction(other.url);
    try {
      const appended = await store.appendToStream('plan-beside', someEvents(2), {
        expectedRevision: 'no_stream',
      });
      // Readable at once, and nothing reported as held back.
      expect(comparePositions(await store.headPosition(), appended.position)).toBe(0);
      const read = await store.readAll({ maxCount: 10_000 });
      expect(read.filter((e) => e.streamId === 'plan-beside')).toHaveLength(2);
      expect(await store.heldBackReads()).toBeUndefined();
    } finally {
      await holder.end();
    }
  });
});
