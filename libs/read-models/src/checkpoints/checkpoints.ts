import { START, type Position } from '@app/event-store';
import { sql, type Kysely, type Transaction } from 'kysely';

/** The position a projection has applied up to, read under a row lock inside the batch transaction. */
export async function lockCheckpoint(trx: Transaction<any>, name: string): Promise<Position> {
  await trx
    .insertInto('projection_checkpoints')
    .values({ name, commit_position: '-1', prepare_position: '-1' })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await trx
    .selectFrom('projection_checkpoints')
    .select([
      sql<string>`commit_position::text`.as('commit'),
      sql<string>`prepare_position::text`.as('prepare'),
    ])
    .where('name', '=', name)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { commit: BigInt(row.commit), prepare: BigInt(row.prepare) };
}

export async function saveCheckpoint(trx: Transaction<any>, name: string, position: Position): Promise<void> {
  await trx
    .updateTable('projection_checkpoints')
    .set({ commit_position: String(position.commit), prepare_position: String(position.prepare) })
    .where('name', '=', name)
    .execute();
}

export async function readCheckpoint(db: Kysely<any>, name: string): Promise<Position> {
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
