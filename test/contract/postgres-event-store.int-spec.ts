import { migrateToLatest } from '@app/database';
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
