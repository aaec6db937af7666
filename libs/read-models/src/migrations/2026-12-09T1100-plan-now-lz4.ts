import { sql, type Kysely } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
/**
 * plan-now's timelines and views (some 200 kB of JSON each, rewritten with every batch that
 * touches the plan) compressed with lz4 instead of PostgreSQL's default pglz, where the server
 * has it: the same values and about the same size, at a quarter of the server's time to write
 * them (16 MB of them at the small benchmark scale: 45 against 175-190 ms, most of a rebuild's
 * last write). Values already stored stay as they are until rewritten. A server without lz4
 * (PGlite) keeps pglz.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(await hasLz4(db))) return;
  await sql`alter table rm_plan_now alter column timeline set compression lz4, alter column view set compression lz4`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(await hasLz4(db))) return;
  await sql`alter table rm_plan_now alter column timeline set compression default, alter column view set compression default`.execute(
    db,
  );
}

/** Whether this server can compress with lz4 (built with it): the values default_toast_compression takes. */
async function hasLz4(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{
    lz4: boolean | null;
  }>`select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(
    db,
  );
  return rows[0]?.lz4 === true;
}
