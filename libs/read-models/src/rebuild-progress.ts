import { comparePositions, type EventStore, type Position } from '@app/event-store';
import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from './read-model-database.js';
import { REBUILD_SCHEMA } from './rebuild-schema.js';

/** How far the rebuild running on this database has come with one projection. */
export interface RebuildProgressNow {
  readonly projection: string;
  /** The share of the stored events (by position) the rebuilt tables hold: from 0 to 1. */
  readonly ratio: number;
}

/**
 * The rebuild running now on this database, whichever process runs it (`planverk projections
 * rebuild`): each projection's checkpoint in the rebuild's own schema against the newest stored
 * event. Empty when none runs. What every process's /metrics shows as
 * `planverk_rebuild_progress_ratio`.
 */
export async function rebuildsInProgress(
  db: Kysely<ReadModelDatabase>,
  store: EventStore,
): Promise<RebuildProgressNow[]> {
  const checkpoints = sql.id(REBUILD_SCHEMA, 'projection_checkpoints');
  const { rows: there } = await sql<{ exists: boolean }>`
    select to_regclass(quote_ident(${REBUILD_SCHEMA}) || '.projection_checkpoints') is not null as exists`.execute(
    db,
  );
  if (!there[0]?.exists) return [];
  let rows: Array<{ name: string; commit: string; prepare: string }>;
  try {
    ({ rows } = await sql<{ name: string; commit: string; prepare: string }>`
      select name, commit_position::text as commit, prepare_position::text as prepare
      from ${checkpoints} order by name`.execute(db));
  } catch {
    return []; // the rebuild ended (and dropped its schema) in between
  }
  const head = await store.committedHeadPosition();
  return rows.map((row) => {
    const at: Position = { commit: BigInt(row.commit), prepare: BigInt(row.prepare) };
    if (comparePositions(at, head) >= 0) return { projection: row.name, ratio: 1 };
    // Positions grow with every event stored: a share of them is about a share of the events.
    const ratio = at.prepare > 0n && head.prepare > 0n ? Number(at.prepare) / Number(head.prepare) : 0;
    return { projection: row.name, ratio: Math.min(1, ratio) };
  });
}
