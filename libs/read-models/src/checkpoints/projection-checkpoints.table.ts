import type { Int8Column } from '@app/database';
import type { Insertable, Selectable, Updateable } from 'kysely';

/** How far each projection has applied the store: one row per projection, moved with its rows. */
export interface ProjectionCheckpointsTable {
  name: string;
  /** numeric(20, 0): EventStoreDB positions are unsigned 64-bit numbers. */
  commit_position: Int8Column;
  prepare_position: Int8Column;
}

export type ProjectionCheckpointRow = Selectable<ProjectionCheckpointsTable>;
export type NewProjectionCheckpointRow = Insertable<ProjectionCheckpointsTable>;
export type ProjectionCheckpointUpdate = Updateable<ProjectionCheckpointsTable>;
