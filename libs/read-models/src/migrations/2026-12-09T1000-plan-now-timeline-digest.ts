import type { Kysely } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
/**
 * The digest of each kept timeline's JSON, so plan-now can tell that the timeline it holds in
 * memory is the one stored and go on from it without reading it back (plan-now/kept-timelines.ts).
 * Rows written before it have none and are read back once, as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rm_plan_now').addColumn('timeline_digest', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rm_plan_now').dropColumn('timeline_digest').execute();
}
