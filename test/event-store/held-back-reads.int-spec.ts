import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import { comparePositions, type HeldBackReads } from '@app/event-store';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import { createEmptyPostgresDatabase, createTestDatabase, type TestDatabase } from '@app/testing';
import pg from 'pg';
import { someEvents } from '../contract/event-store.contract.js';

/**
 * A transaction left open anywhere on the server holds every reader of the event store back
 * (docs/adr/0003): `heldBackReads` says so, since when, and which backend holds them. Needs a
 * real PostgreSQL: PGlite is one connection.
 */
const serverUrl = process.env.DATABASE_URL;
const describeOnPostgres = serverUrl ? describe : describe.skip;
const title = serverUrl
  ? 'Reads held back by an open transaction (PostgreSQL)'
  : 'Reads held back by an open transaction: skipped, needs DATABASE_URL (PGlite is one connection)';

/** Other tests on the same server may hold reads back for a moment: wait for them. */
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

  it('names the backend whose transaction, in another database, holds an append back, and clears when it ends', async () => {
    await store.appendToStream('plan-before', someEvents(1), { expectedRevision: 'no_stream' });
    expect(await untilNothingHeldBack(store)).toBeUndefined();

    const holder = new pg.Client({ connectionString: other.url, application_name: 'forgotten-session' });
    await holder.connect();
    try {
      await holder.query('begin');
      // A transaction gets its id with its first write; this takes one without writing.
      await holder.query('select pg_current_xact_id()');
      const pid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;

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
          pid,
          database: new URL(other.url).pathname.slice(1),
          state: 'idle in transaction',
          applicationName: 'forgotten-session',
        }),
      );
      // What it reports is what readers see: the append is not readable yet.
      expect(comparePositions(await store.headPosition(), appended.position)).toBeLessThan(0);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }

    expect(await untilNothingHeldBack(store)).toBeUndefined();
  });
});
