import { sql, type Kysely } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
/**
 * plan-now keeps each plan's view as the read needs it (besides the timeline it folds on from),
 * and the lineage suggestions between each plan and its predecessor (docs/adr/0019). Its rows
 * are emptied and its checkpoint removed, so it projects every plan again from the first event
 * on the next start, as a new read model would.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rm_plan_now').addColumn('view', 'text').execute();
  await db.schema
    .createTable('rm_plan_lineage_texts')
    .addColumn('plan_id', 'text', (c) => c.primaryKey())
    .addColumn('predecessor_plan_id', 'text')
    .addColumn('texts_key', 'text', (c) => c.notNull())
    .addColumn('texts', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rm_plan_lineage_texts_predecessor')
    .on('rm_plan_lineage_texts')
    .column('predecessor_plan_id')
    .execute();
  await db.schema
    .createTable('rm_plan_lineage')
    .addColumn('to_plan_id', 'text', (c) => c.primaryKey())
    .addColumn('from_plan_id', 'text', (c) => c.notNull())
    .addColumn('from_key', 'text', (c) => c.notNull())
    .addColumn('to_key', 'text', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('goals', 'text', (c) => c.notNull())
    .execute();
  await sql`delete from rm_plan_now`.execute(db);
  await sql`delete from projection_checkpoints where name = 'plan-now'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rm_plan_lineage').execute();
  await db.schema.dropTable('rm_plan_lineage_texts').execute();
  await db.schema.alterTable('rm_plan_now').dropColumn('view').execute();
}
