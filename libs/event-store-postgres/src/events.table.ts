import type { Int8Column, JsonColumn } from '@app/database';
import type { EventMetadata } from '@app/event-store';
import type { ColumnType, Insertable, Selectable } from 'kysely';

/** `events`: every event in global order (docs/adr/0003); rows are only ever added. */
export interface EventsTable {
  /** The order of appends, from an identity column: read as text (`position::text`). */
  position: ColumnType<string, never, never>;
  /** xid8 of the appending transaction (its default): read as text (`transaction_id::text`). */
  transaction_id: ColumnType<string, never, never>;
  stream_id: string;
  /** 0 for a stream's first event. */
  revision: Int8Column;
  /** uuid: read as text (`event_id::text`). */
  event_id: string;
  type: string;
  data: JsonColumn<Record<string, unknown>>;
  metadata: JsonColumn<EventMetadata>;
  recorded_at: ColumnType<Date, never, never>;
}

export type EventRow = Selectable<EventsTable>;
export type NewEventRow = Insertable<EventsTable>;
