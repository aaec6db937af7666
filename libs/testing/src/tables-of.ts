import type { Database } from '@app/database';
import type { EventStoreDatabase } from '@app/event-store-postgres';
import type { ReadModelDatabase } from '@app/read-models';
import type { Kysely } from 'kysely';

/** A test database seen through its tables (the event store's and the read models'), for tests that look at rows. */
export const tablesOf = (database: Database): Kysely<EventStoreDatabase & ReadModelDatabase> => database.db;
