import type { Migration } from 'kysely';
import * as createEvents from './2026-11-23T1700-create-events.js';
import * as streamsByPrefix from './2026-12-08T1000-event-streams-by-prefix.js';

/** The event store's migrations, by name; names sort in the order they apply. */
export const eventStoreMigrations: Record<string, Migration> = {
  '2026-11-23T1700-create-events': createEvents,
  '2026-12-08T1000-event-streams-by-prefix': streamsByPrefix,
};
