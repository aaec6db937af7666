import { sql, type Kysely } from 'kysely';

/**
 * EventStoreDB positions are unsigned 64-bit numbers: a commit or prepare position at or above
 * 2^63 (its "end" is 2^64-1) does not fit PostgreSQL's bigint. numeric(20, 0) holds every one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table projection_checkpoints
    alter column commit_position type numeric(20, 0),
    alter column prepare_position type numeric(20, 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table projection_checkpoints
    alter column commit_position type bigint,
    alter column prepare_position type bigint`.execute(db);
}
