import type { Kysely } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
//
// rm_plan_sections, rm_plan_goals and rm_plan_measures were written by the current-plan
// projection and read by nothing (issue 17): the pages, exports and queries read a plan from
// its history (rm_plan_history) or its kept fold (rm_plan_now). They cost every rebuild a
// row per section, goal and measure, rewritten at each change.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['rm_plan_measures', 'rm_plan_goals', 'rm_plan_sections']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

/** The three tables as they were, empty: rebuild current-plan with the code of their time to fill them. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rm_plan_sections')
    .addColumn('section_id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('parent_section_id', 'text')
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('intro', 'text')
    .execute();
  await db.schema.createIndex('rm_plan_sections_plan').on('rm_plan_sections').column('plan_id').execute();
  await db.schema
    .createTable('rm_plan_goals')
    .addColumn('goal_id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('section_id', 'text', (c) => c.notNull())
    .addColumn('parent_goal_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('target', 'jsonb')
    .addColumn('struck', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('rm_plan_goals_plan').on('rm_plan_goals').column('plan_id').execute();
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
    .addColumn('responsible_note', 'text')
    .addColumn('struck', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status_period', 'text')
    .execute();
  await db.schema.createIndex('rm_plan_measures_plan').on('rm_plan_measures').column('plan_id').execute();
}
