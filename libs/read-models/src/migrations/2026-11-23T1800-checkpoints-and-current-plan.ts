import type { Kysely } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projection_checkpoints')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('commit_position', 'bigint', (c) => c.notNull())
    .addColumn('prepare_position', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rm_plans')
    .addColumn('plan_id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_from', 'integer', (c) => c.notNull())
    .addColumn('period_to', 'integer', (c) => c.notNull())
    .addColumn('edition', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('bodies', 'jsonb', (c) => c.notNull())
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rm_plans_organisation').on('rm_plans').column('organisation_id').execute();

  await db.schema
    .createTable('rm_plan_sections')
    .addColumn('section_id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('parent_section_id', 'text')
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rm_plan_sections_plan').on('rm_plan_sections').column('plan_id').execute();

  await db.schema
    .createTable('rm_plan_measures')
    .addColumn('measure_id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('section_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('timing', 'text', (c) => c.notNull())
    .addColumn('responsible', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_note', 'text')
    .addColumn('status_changed_at', 'text')
    .addColumn('status_changed_by', 'text')
    .execute();
  await db.schema.createIndex('rm_plan_measures_plan').on('rm_plan_measures').column('plan_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['rm_plan_measures', 'rm_plan_sections', 'rm_plans', 'projection_checkpoints']) {
    await db.schema.dropTable(table).execute();
  }
}
