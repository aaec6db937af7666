import { reservePostgresConnection } from '@app/database';
import { sql, type Kysely, type Transaction } from 'kysely';
import { createIndexStatement, parseIndexDefinition } from './deferred-indexes.js';
import type { ReadModelDatabase, ReadModelTable } from './read-model-database.js';

/**
 * Where a rebuild writes the read models it builds, beside the live ones: tables of the same
 * names and columns in a schema of its own, with its own `projection_checkpoints`, so the
 * projections' code writes them unchanged once `search_path` names this schema first. Swapped
 * in by `swapInRebuiltTables` in one transaction (docs/adr/0020).
 */
export const REBUILD_SCHEMA = 'planverk_rebuild';
/** Where the live tables a swap replaced go, until that swap has committed and drops them. */
export const RETIRED_SCHEMA = 'planverk_retired';

/** The read models' own schema: where the live tables are (the first of the connection's `search_path`). */
export async function liveSchema(db: Kysely<ReadModelDatabase>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]!.schema;
}

/**
 * In this transaction, unqualified table names mean the rebuild's tables (and the live
 * schema's for every other table). `set_config` takes the value as a parameter.
 */
export async function useRebuildSchema(trx: Transaction<ReadModelDatabase>): Promise<void> {
  await sql`select set_config('search_path', quote_ident(${REBUILD_SCHEMA}) || ', ' || current_setting('search_path'), true)`.execute(
    trx,
  );
}

/** An advisory lock's key: one rebuild at a time per database ('planverk-rebuild' in hex). */
export const REBUILD_LOCK_KEY = 0x706c616e726562n;

/**
 * Takes the rebuild lock, a session-level advisory lock on a connection of its own held until
 * `release` (or until the process dies: the server lets it go with the connection), or throws
 * when another process holds it. On PGlite, one process and one connection, there is no lock.
 */
export async function takeRebuildLock(db: Kysely<ReadModelDatabase>): Promise<{ release(): Promise<void> }> {
  const reserved = await reservePostgresConnection(db);
  if (!reserved) return { release: async () => undefined };
  const key = String(REBUILD_LOCK_KEY);
  try {
    const { rows } = await sql<{
      taken: boolean;
    }>`select pg_try_advisory_lock(${key}::bigint) as taken`.execute(reserved.db);
    if (!rows[0]?.taken)
      throw new Error(
        'Another rebuild of the read models is running on this database; wait for it to finish',
      );
  } catch (error) {
    reserved.release(true);
    throw error;
  }
  return {
    release: async () => {
      // Unlocked before the connection goes: closing it lets the lock go too, but not at once.
      const unlocked = await sql`select pg_advisory_unlock(${key}::bigint)`.execute(reserved.db).then(
        () => true,
        () => false,
      );
      reserved.release(!unlocked);
    },
  };
}

/**
 * A fresh rebuild schema with an empty copy of each table (columns with their compression,
 * defaults, checks, primary key and unique constraints; secondary indexes come at the end,
 * `createRebuiltIndexes`) and a `projection_checkpoints` with each of `projections` at the
 * start. What a rebuild that died left there is dropped first.
 */
export async function prepareRebuildSchema(
  db: Kysely<ReadModelDatabase>,
  live: string,
  tables: readonly ReadModelTable[],
  projections: readonly string[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`drop schema if exists ${sql.id(REBUILD_SCHEMA)} cascade`.execute(trx);
    await sql`create schema ${sql.id(REBUILD_SCHEMA)}`.execute(trx);
    for (const table of [...tables, 'projection_checkpoints' as const]) {
      await sql`create table ${sql.id(REBUILD_SCHEMA, table)} (like ${sql.id(live, table)} including defaults including constraints including generated including identity including compression)`.execute(
        trx,
      );
      for (const key of await uniqueConstraints(trx, live, table)) {
        const kind = key.primary ? sql`primary key` : sql`unique`;
        await sql`alter table ${sql.id(REBUILD_SCHEMA, table)} add constraint ${sql.id(key.name)} ${kind} (${sql.join(key.columns.map((c) => sql.id(c)))})`.execute(
          trx,
        );
      }
    }
    for (const name of projections) {
      await sql`insert into ${sql.id(REBUILD_SCHEMA, 'projection_checkpoints')} (name, commit_position, prepare_position) values (${name}, -1, -1)`.execute(
        trx,
      );
    }
  });
}

/**
 * The live tables' other indexes on the rebuilt ones, by the same names, once their rows are
 * written (building an index once costs less than keeping it up to date row by row, docs/adr/0007).
 * Only plain indexes on columns, created from quoted names (docs/adr/0008).
 */
export async function createRebuiltIndexes(
  db: Kysely<ReadModelDatabase>,
  live: string,
  tables: readonly ReadModelTable[],
): Promise<void> {
  for (const table of tables) {
    const { rows } = await sql<{ name: string; definition: string }>`
      select i.indexname as name, i.indexdef as definition from pg_indexes i
      where i.schemaname = ${live} and i.tablename = ${table}
        and not exists (
          select 1 from pg_constraint c
          where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
      order by i.indexname`.execute(db);
    await Promise.all(
      rows.map(({ name, definition }) =>
        db.transaction().execute(async (trx) => {
          // Building an index over millions of rows may take longer than the pool's statement timeout.
          await sql`set local statement_timeout = 0`.execute(trx);
          const index = parseIndexDefinition(name, definition);
          await createIndexStatement({ ...index, schema: REBUILD_SCHEMA }).execute(trx);
        }),
      ),
    );
  }
}

/**
 * In the caller's transaction: the rebuilt tables take the live ones' place (the live ones
 * move to the retired schema, indexes and all) and the live checkpoints of `projections` take
 * the rebuilt ones' positions. Readers wait for the swap's locks and then read the rebuilt rows.
 */
export async function swapInRebuiltTables(
  trx: Transaction<ReadModelDatabase>,
  live: string,
  tables: readonly ReadModelTable[],
  projections: readonly string[],
): Promise<void> {
  await sql`drop schema if exists ${sql.id(RETIRED_SCHEMA)} cascade`.execute(trx);
  await sql`create schema ${sql.id(RETIRED_SCHEMA)}`.execute(trx);
  for (const table of tables) {
    await sql`alter table ${sql.id(live, table)} set schema ${sql.id(RETIRED_SCHEMA)}`.execute(trx);
    await sql`alter table ${sql.id(REBUILD_SCHEMA, table)} set schema ${sql.id(live)}`.execute(trx);
  }
  await sql`
    update ${sql.id(live, 'projection_checkpoints')} as l
    set commit_position = r.commit_position, prepare_position = r.prepare_position
    from ${sql.id(REBUILD_SCHEMA, 'projection_checkpoints')} as r
    where l.name = r.name and l.name in (${sql.join(projections)})`.execute(trx);
}

/** Drops the rebuild's and the retired tables (after a swap, or when a rebuild failed). */
export async function dropRebuildSchemas(db: Kysely<ReadModelDatabase>): Promise<void> {
  await sql`drop schema if exists ${sql.id(RETIRED_SCHEMA)} cascade`.execute(db);
  await sql`drop schema if exists ${sql.id(REBUILD_SCHEMA)} cascade`.execute(db);
}

/** The primary key and unique constraints of a live table, with their columns in order. */
async function uniqueConstraints(
  trx: Transaction<ReadModelDatabase>,
  live: string,
  table: string,
): Promise<{ name: string; primary: boolean; columns: string[] }[]> {
  const { rows } = await sql<{ name: string; kind: string; columns: string[] | string }>`
    select c.conname as name, c.contype as kind,
      (select json_agg(a.attname order by k.i) from unnest(c.conkey) with ordinality as k(attnum, i)
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as columns
    from pg_constraint c
    where c.conrelid = (quote_ident(${live}) || '.' || quote_ident(${table}))::regclass
      and c.contype in ('p', 'u')
    order by c.conname`.execute(trx);
  return rows.map((row) => ({
    name: row.name,
    primary: row.kind === 'p',
    columns: typeof row.columns === 'string' ? (JSON.parse(row.columns) as string[]) : row.columns,
  }));
}
