import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** The pg pool behind each kysely instance `openDatabase` made on PostgreSQL. */
const pools = new WeakMap<object, pg.Pool>();

export function registerPostgresPool(db: Kysely<unknown>, pool: pg.Pool): void {
  pools.set(db, pool);
}

/**
 * On PostgreSQL, `query`'s rows as arrays of column values, in the order it selects them
 * (pg's rowMode 'array'): no object with named properties to build per row, for reads of
 * thousands of rows (the events of a stream, a page of a rebuild). `settings` (configuration
 * parameters by name, from the caller's code) hold for this query alone: it then runs in a
 * transaction of its own that sets them locally. Undefined on PGlite (no pool behind `db`):
 * use kysely's own rows there.
 */
export async function selectRowArrays<DB>(
  db: Kysely<DB>,
  query: CompiledQuery,
  settings: Readonly<Record<string, string>> = {},
): Promise<unknown[][] | undefined> {
  const pool = pools.get(db);
  if (!pool) return undefined;
  const select = { text: query.sql, values: [...query.parameters], rowMode: 'array' as const };
  const names = Object.keys(settings);
  if (names.length === 0) return (await pool.query<unknown[]>(select)).rows;
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('begin');
    for (const name of names) {
      await client.query('select set_config($1, $2, true)', [name, settings[name]]);
    }
    const { rows } = await client.query<unknown[]>(select);
    await client.query('commit');
    return rows;
  } catch (error) {
    broken = await client.query('rollback').then(
      () => false,
      () => true,
    );
    throw error;
  } finally {
    client.release(broken || undefined);
  }
}

/** A value COPY can carry in its text format; objects must already be JSON text. */
export type CopyValue = string | number | bigint | boolean | null | undefined;

/**
 * One connection of the pool, held until `release`: kysely queries (and transactions) on it,
 * and `COPY ... FROM STDIN` on the same connection, so a COPY can be part of a kysely
 * transaction. Used where many rows are written at once (a rebuild of the read models).
 */
export interface ReservedConnection<DB> {
  /** A kysely instance on this one connection, with the tables of the one it came from; use it from one caller at a time. */
  readonly db: Kysely<DB>;
  /** `COPY table (columns) FROM STDIN` of these rows (in the connection's current transaction). */
  copyRows(table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void>;
  /** Gives the connection back to the pool; `broken`: after a failure, to be closed instead. */
  release(broken?: boolean): void;
}

/** A connection of its own on PostgreSQL; undefined on PGlite (one connection, no COPY FROM STDIN). */
export async function reservePostgresConnection<DB>(
  db: Kysely<DB>,
): Promise<ReservedConnection<DB> | undefined> {
  const pool = pools.get(db);
  if (!pool) return undefined;
  const client = await pool.connect();
  // kysely's pg driver takes a pool and releases each connection after use: this one never
  // lets it go, so every query and transaction of `single` runs on `client`.
  const held = { query: client.query.bind(client), release: () => undefined };
  const single = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: { connect: async () => held, end: async () => undefined } }),
  });
  let released = false;
  return {
    db: single,
    async copyRows(table, columns, rows) {
      if (rows.length === 0) return;
      await pipeline(
        Readable.from(copyText(rows)),
        client.query(copyFrom(copyStatement(single, table, columns))),
      );
    },
    release(broken = false) {
      if (released) return;
      released = true;
      client.release(broken || undefined);
    },
  };
}

/**
 * `copy "table" ("a", "b") from stdin`. COPY takes no bind parameters, so this is the one
 * statement sent as text (docs/adr/0008): kysely compiles it from fixed keywords and
 * identifiers it quotes itself (`sql.table`, `sql.id`, as in every other query), and a compiled
 * statement with a parameter in it is refused. The names come from the projections' code (the
 * tables they own), never from a request or an event; the rows go as data on the COPY stream.
 */
function copyStatement<DB>(db: Kysely<DB>, table: string, columns: readonly string[]): string {
  const compiled =
    sql`copy ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))}) from stdin`.compile(db);
  if (compiled.parameters.length > 0) throw new Error(`COPY into ${table} would need bind parameters`);
  return compiled.sql;
}

/** The rows in COPY's text format, in chunks of about 1 MiB. */
function* copyText(rows: readonly (readonly CopyValue[])[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) {
      if (i > 0) line += '\t';
      line += copyField(row[i]);
    }
    chunk += line + '\n';
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One field of COPY's text format: `\N` for null, backslash, newline, return and tab escaped. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value;
}
