import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import { createTestDatabase, tablesOf, type TestDatabase } from '@app/testing';
import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from './read-model-database.js';
import { dropDeferredIndexes, restoreDeferredIndexes } from './deferred-indexes.js';
import { readModelMigrations } from './migrations/index.js';

async function indexesOf(db: Kysely<ReadModelDatabase>, table: string): Promise<string[]> {
  const found = await sql<{ definition: string }>`
    select indexdef as definition from pg_indexes where tablename = ${table} order by indexname`.execute(db);
  return found.rows.map((r) => r.definition);
}

async function tableExists(db: Kysely<ReadModelDatabase>, table: string): Promise<boolean> {
  const found = await sql<{ n: number }>`
    select count(*)::int as n from pg_tables where tablename = ${table}`.execute(db);
  return found.rows[0]!.n === 1;
}

/**
 * The indexes a rebuild drops and creates again are created from their names, quoted, never by
 * running the stored definition as SQL text (docs/adr/0008).
 */
describe('deferred indexes', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateToLatest(database.db, 'read_model', readModelMigrations);
    await sql`create table rm_deferred_test (a text, b integer, c text)`.execute(database.db);
    await sql`create unique index rm_deferred_test_ab on rm_deferred_test (a, b)`.execute(database.db);
    await sql`create index rm_deferred_test_lower on rm_deferred_test (lower(c))`.execute(database.db);
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('creates a dropped unique index on several columns again exactly as it was', async () => {
    const before = await indexesOf(database.db, 'rm_deferred_test');
    await database.db.transaction().execute((trx) => dropDeferredIndexes(trx, ['rm_deferred_test_ab']));
    expect(await indexesOf(database.db, 'rm_deferred_test')).toHaveLength(before.length - 1);
    await restoreDeferredIndexes(database.db);
    expect(await indexesOf(database.db, 'rm_deferred_test')).toEqual(before);
  });

  it('refuses to drop an index it could not create again (an expression), and leaves it in place', async () => {
    const before = await indexesOf(database.db, 'rm_deferred_test');
    await expect(
      database.db.transaction().execute((trx) => dropDeferredIndexes(trx, ['rm_deferred_test_lower'])),
    ).rejects.toThrow(/rm_deferred_test_lower: not a plain index on columns/);
    expect(await indexesOf(database.db, 'rm_deferred_test')).toEqual(before);
  });

  it('never runs a stored definition as SQL: a tampered row is refused and its statement not run', async () => {
    await tablesOf(database)
      .insertInto('projection_deferred_indexes')
      .values({
        index_name: 'rm_deferred_test_evil',
        definition:
          'CREATE INDEX rm_deferred_test_evil ON public.rm_deferred_test USING btree (a); DROP TABLE rm_deferred_test',
      })
      .execute();
    await expect(restoreDeferredIndexes(database.db, ['rm_deferred_test_evil'])).rejects.toThrow(
      /not a plain index on columns/,
    );
    expect(await tableExists(database.db, 'rm_deferred_test')).toBe(true);
    await tablesOf(database)
      .deleteFrom('projection_deferred_indexes')
      .where('index_name', '=', 'rm_deferred_test_evil')
      .execute();
  });
});
