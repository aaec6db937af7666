import type { Kysely } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  // Every plan event, in stream order, with who, why and when: history, time travel, reports.
  await db.schema
    .createTable('rm_plan_history')
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('stream_revision', 'bigint', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('element_kind', 'text', (c) => c.notNull())
    .addColumn('element_id', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('command_id', 'text', (c) => c.notNull())
    .addColumn('cause', 'jsonb')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('effective_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rm_plan_history_pkey', ['plan_id', 'stream_revision'])
    .execute();
  await db.schema.createIndex('rm_plan_history_element').on('rm_plan_history').column('element_id').execute();
  await db.schema
    .createIndex('rm_plan_history_effective')
    .on('rm_plan_history')
    .columns(['plan_id', 'effective_at'])
    .execute();

  await db.schema
    .alterTable('rm_plans')
    .addColumn('adopted_revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('predecessor_plan_id', 'text')
    .addColumn('parent_plan_id', 'text')
    .addColumn('changed_since_adoption', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.alterTable('rm_plan_sections').addColumn('intro', 'text').execute();
  await db.schema
    .alterTable('rm_plan_measures')
    .addColumn('responsible_note', 'text')
    .addColumn('struck', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status_period', 'text')
    .execute();

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
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rm_plan_goals').execute();
  await db.schema.dropTable('rm_plan_history').execute();
  await db.schema.alterTable('rm_plans').dropColumn('adopted_revision').execute();
}
