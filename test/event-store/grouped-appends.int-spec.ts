import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import { ExpectedRevisionConflict, type AppendResult } from '@app/event-store';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { someEvents } from '../contract/event-store.contract.js';

/**
 * Appends to many streams at once through one store share statements (group commit,
 * grouped-appends.ts): each must still be judged on its own stream's expected revision and
 * answered with its own revision and position, as if it had been alone.
 */
describe(`PostgreSQL adapter on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: appends to many streams at once`, () => {
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
    store = new PostgresEventStore(database.db);
  });
  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  const streams = Array.from({ length: 24 }, (_, i) => `plan-grouped-${i}`);

  it('stores each append on its own stream, in order, answered with its own revision and position', async () => {
    // First appends create the streams; the second round expects the revisions the first left.
    const first = await Promise.all(
      streams.map((stream, i) =>
        store.appendToStream(stream, someEvents((i % 3) + 1), { expectedRevision: 'no_stream' }),
      ),
    );
    const second = await Promise.all(
      streams.map((stream, i) =>
        store.appendToStream(stream, someEvents((i % 4) + 1), {
          expectedRevision: first[i]!.nextExpectedRevision,
        }),
      ),
    );
    for (const [i, stream] of streams.entries()) {
      const stored = await store.readStream(stream);
      const count = (i % 3) + 1 + (i % 4) + 1;
      expect(stored.map((e) => Number(e.revision))).toEqual(Array.from({ length: count }, (_, r) => r));
      const answered: AppendResult = second[i]!;
      expect(answered).toEqual({
        appended: true,
        nextExpectedRevision: BigInt(count - 1),
        position: stored[stored.length - 1]!.position,
      });
      expect(first[i]!.position).toEqual(stored[(i % 3) + 0]!.position);
    }
  });

  it('refuses only the append whose expected revision is stale, and stores the others', async () => {
    const heads = await Promise.all(
      streams.map(
        async (stream) => (await store.readStream(stream, { direction: 'backwards', maxCount: 1 }))[0]!,
      ),
    );
    const outcomes = await Promise.allSettled(
      streams.map((stream, i) =>
        store.appendToStream(stream, someEvents(1), {
          // Every fifth append expects a revision its stream has moved past.
          expectedRevision: i % 5 === 0 ? heads[i]!.revision - 1n : heads[i]!.revision,
        }),
      ),
    );
    for (const [i, outcome] of outcomes.entries()) {
      if (i % 5 === 0) {
        expect(outcome.status).toBe('rejected');
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(ExpectedRevisionConflict);
      } else {
        expect(outcome).toMatchObject({
          status: 'fulfilled',
          value: { appended: true, nextExpectedRevision: heads[i]!.revision + 1n },
        });
      }
    }
  });

  it('answers a retried append as the first time while the appends beside it are stored', async () => {
    const retried = someEvents(2);
    const original = await store.appendToStream(streams[0]!, retried);
    const [again, ...others] = await Promise.all([
      store.appendToStream(streams[0]!, retried),
      ...streams.slice(1).map((stream) => store.appendToStream(stream, someEvents(1))),
    ]);
    expect(again).toEqual({ ...original, appended: false });
    for (const other of others) expect(other.appended).toBe(true);
  });
});
