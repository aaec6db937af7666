import type { Int8Column, JsonColumn } from '@app/database';
import type { ColumnType, Insertable, Selectable } from 'kysely';

/**
 * stream_snapshots: the newest snapshot of a long stream's folded state for the command side
 * (docs/adr/0009), one row per stream; derived data, kept beside the read models.
 */
export interface StreamSnapshotsTable {
  stream_id: string;
  /** The version of the fold that made it: another version's snapshot is not used. */
  version: number;
  /** The stream revision folded up to. */
  revision: Int8Column;
  last_event_id: string;
  state: JsonColumn<unknown>;
  /** Command id -> the revision of its last event, for answering a retried command. */
  commands: JsonColumn<Array<[string, number]>>;
  taken_at: ColumnType<Date, string | undefined, string>;
}

export type StreamSnapshotRow = Selectable<StreamSnapshotsTable>;
export type NewStreamSnapshotRow = Insertable<StreamSnapshotsTable>;
