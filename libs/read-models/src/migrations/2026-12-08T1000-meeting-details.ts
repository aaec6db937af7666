import { sql, type Kysely } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
/**
 * A meeting's state beyond its columns (its papers, deadline, majority rule, voting order, the
 * amendment on the floor), and the revision of its stream the row reflects, which pages follow live.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rm_meetings')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .alterTable('rm_meetings')
    .addColumn('stream_revision', 'integer', (c) => c.notNull().defaultTo(-1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rm_meetings').dropColumn('stream_revision').execute();
  await db.schema.alterTable('rm_meetings').dropColumn('details').execute();
}
