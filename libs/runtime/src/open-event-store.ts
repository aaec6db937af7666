import { Logger } from '@nestjs/common';
import type { PlanverkConfig } from '@app/config';
import type { Database } from '@app/database';
import { migrateToLatest } from '@app/database';
import type { EventStore } from '@app/event-store';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';

/** The adapter the configuration asks for, behind the one port. */
export async function openEventStore(config: PlanverkConfig, database: Database): Promise<EventStore> {
  if (config.eventStore.kind === 'eventstoredb') {
    const logger = new Logger('EventStoreDB');
    // Loaded only here: the client and its gRPC stack add ~30 MiB to a process that never uses them.
    const { EventStoreDBEventStore } = await import('@app/event-store-esdb');
    return EventStoreDBEventStore.fromConnectionString(config.eventStore.connectionString, {
      warn: (message) => logger.warn(message),
    });
  }
  await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
  return new PostgresEventStore(database.db);
}
