import { START, type Position } from '@app/event-store';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ReadModelDatabase } from '../read-model-database.js';

/** The position a projection has applied up to, read under a row lock inside the batch transaction. */
export async function lockCheckpoint(trx: Transaction<ReadModelDatabase>, name: string): Promise<Position> {
  // One statement: the row is created if missing, and locked by the (empty) update if not.
  const row = await trx
    .insertInto('projection_checkpoints')
    .values({ name, commit_position: '-1', prepare_position: '-1' })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
    .returning([
      sql<string>`commit_position::text`.as('commit'),
      sql<string>`prepare_position::text`.as('prepare'),
    ])
    .executeTakeFirstOrThrow();
  return { commit: BigInt(row.commit), prepare: BigInt(row.prepare) };
}

/**
 * Moves a checkpoint on to `position` past events the projection has nothing to do with, in
 * one statement outside any batch transaction; never backwards, so a process that is behind
 * cannot undo another's progress.
 */
export async function advanceCheckpoint(
  db: Kysely<ReadModelDatabase>,
  name: string,
  position: Position,
): Promise<void> {
  const commit = String(position.commit);
  const prepare = String(position.prepare);
  await db
    .insertInto('projection_checkpoints')
    .values({ name, commit_position: commit, prepare_position: prepare })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ commit_position: commit, prepare_position: prepare })
        .where(
          sql<boolean>`(projection_checkpoints.commit_position, projection_checkpoints.prepare_position) < (${commit}::numeric, ${prepare}::numeric)`,
        ),
    )
    .execute();
}

export async function saveCheckpoint(
  trx: Transaction<ReadModelDatabase>,
  name: string,
  position: Position,
): Promise<void> {
  await trx
    .updateTable('projection_checkpoints')
    .set({ commit_position: String(position.commit), prepare_position: String(position.prepare) })
    .where('name', '=', name)
    .execute();
}

export async function readCheckpoint(db: Kysely<ReadModelDatabase>, name: string): Promise<Position> {
  const row = await db
    .selectFrom('projection_checkpoints')
    .select([
      sql<string>`commit_position::text`.as('commit'),
      sql<string>`prepare_position::text`.as('prepare'),
    ])
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } : START;
}

/**
 * Where every read model stands, as one string: it changes whenever any of them applies an event
 * (or passes one by), so a page region rendered from them can be kept until it does.
 */
export async function readModelsVersion(db: Kysely<ReadModelDatabase>): Promise<string> {
  const rows = await db
    .selectFrom('projection_checkpoints')
    .select([
      'name',
      sql<string>`commit_position::text`.as('commit'),
      sql<string>`prepare_position::text`.as('prepare'),
    ])
    .orderBy('name')
    .execute();
  return rows.map((r) => `${r.name}:${r.commit}/${r.prepare}`).join(',');
}
