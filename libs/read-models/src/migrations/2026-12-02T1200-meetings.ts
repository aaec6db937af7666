import type { Kysely } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rm_meetings')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('plan_revision', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('edition', 'text')
    .addColumn('plan_vote', 'jsonb')
    .addColumn('decisions', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rm_meetings_plan').on('rm_meetings').column('plan_id').execute();
  await db.schema
    .createTable('rm_amendments')
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('target_address', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_seq', 'integer')
    .addColumn('amendment', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('rm_amendments_pk', ['meeting_id', 'no'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rm_amendments').execute();
  await db.schema.dropTable('rm_meetings').execute();
}
