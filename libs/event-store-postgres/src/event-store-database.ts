import type { EventStreamsTable } from './event-streams.table.js';
import type { EventsTable } from './events.table.js';

/**
 * The event store's tables, each typed once in its `*.table.ts` (the migrations in ./migrations
 * create them, and take `Kysely<any>` as kysely advises). They may share a database with the
 * read models; this store sees only its own.
 */
export interface EventStoreDatabase {
  events: EventsTable;
  event_streams: EventStreamsTable;
}
