import type { Int8Column } from '@app/database';
import type { Insertable, Selectable, Updateable } from 'kysely';

/** `event_streams`: each stream's revision, locked by every append to it. */
export interface EventStreamsTable {
  stream_id: string;
  /** The revision of the stream's last event. */
  revision: Int8Column;
}

export type EventStreamRow = Selectable<EventStreamsTable>;
export type NewEventStreamRow = Insertable<EventStreamsTable>;
export type EventStreamUpdate = Updateable<EventStreamsTable>;
