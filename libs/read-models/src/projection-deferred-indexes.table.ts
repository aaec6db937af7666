import type { Insertable, Selectable } from 'kysely';

/** Indexes a rebuild dropped and has not created again, with their definitions (docs/adr/0007). */
export interface ProjectionDeferredIndexesTable {
  index_name: string;
  /** `pg_indexes.indexdef` of the dropped index. */
  definition: string;
}

export type DeferredIndexRow = Selectable<ProjectionDeferredIndexesTable>;
export type NewDeferredIndexRow = Insertable<ProjectionDeferredIndexesTable>;
