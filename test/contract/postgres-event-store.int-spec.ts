import { describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import { ExpectedRevisionConflict, eventIdFor, type EventToAppend } from '@app/event-store';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import { createTestDatabase } from '@app/testing';
import { eventStoreContract } from './event-store.contract.js';

eventStoreContract(
  `PostgreSQL adapter on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`,
  async () => {
    const database = await createTestDatabase();
    await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
    const store = new PostgresEventStore(database.db);
    return {
      store,
      dispose: async () => {
        await store.close();
        await database.dispose();
      },
    };
  },
);

describe('PostgreSQL adapter: an append larger than one statement can carry', () => {
  it('appends 20,000 events as one append (a document import), and a retry appends nothing', async () => {
    const database = await createTestDatabase();
    await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
    const store = new PostgresEventStore(database.db);
    try {
      // 6 parameters an event: 120,000 in all, where one statement may have 65,535.
      const eventsOf = (commandId: string, count: number): EventToAppend[] =>
        Array.from({ length: count }, (_, i) => ({
          id: eventIdFor(commandId, i),
          type: 'MeasureAdded',
          data: { n: i },
          metadata: {
            actor: 'test',
            commandId,
            correlationId: commandId,
            effectiveAt: '2026-01-01',
            recordedAt: '2026-01-01T00:00:00.000Z',
          },
        }));
      const events = eventsOf('import-of-many', 20_000);
      const first = await store.appendToStream('plan-large', events, { expectedRevision: 'no_stream' });
      expect(first).toMatchObject({ appended: true, nextExpectedRevision: 19_999n });
      const stored = await store.readStream('plan-large');
      expect(stored.map((e) => [Number(e.revision), e.data.n])).toEqual(events.map((_e, i) => [i, i]));
      expect(stored[stored.length - 1]!.position).toEqual(first.position);

      const retried = await store.appendToStream('plan-large', events, { expectedRevision: 'no_stream' });
      expect(retried).toEqual({ ...first, appended: false });
      await expect(
        store.appendToStream('plan-large', eventsOf('another-import', 1_500), { expectedRevision: 5n }),
      ).rejects.toBeInstanceOf(ExpectedRevisionConflict);
      expect(await store.readStream('plan-large')).toHaveLength(20_000);
    } finally {
      await store.close();
      await database.dispose();
    }
  });
});
