import type { Kysely } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rm_plan_now')
    .addColumn('plan_id', 'text', (c) => c.primaryKey())
    .addColumn('stream_revision', 'bigint', (c) => c.notNull())
    .addColumn('timeline', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rm_plan_now').execute();
}
