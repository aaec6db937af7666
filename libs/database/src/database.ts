import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseConfig } from '@app/config';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import { registerPostgresPool } from './reserved-connection.js';

/** int8 (20) as a string, as pg does by default, so both drivers give the same row shapes. */
const PGLITE_PARSERS = { 20: (value: string) => value };

export interface Database {
  /**
   * The one kysely instance, without tables of its own: its owners each see it through theirs
   * (`Kysely<ReadModelDatabase>` in @app/read-models, `Kysely<EventStoreDatabase>` in
   * @app/event-store-postgres).
   */
  readonly db: Kysely<unknown>;
  readonly kind: DatabaseConfig['kind'];
  close(): Promise<void>;
}

/**
 * One kysely instance for the event store and the read models. With PGlite it must be one:
 * a data directory can only be opened once per process.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: 10,
      // An open transaction holds the xmin horizon back and stalls every tailing reader.
      idle_in_transaction_session_timeout: 30_000,
      connectionTimeoutMillis: 5_000,
      // No statement runs for ever (a lock wait, a stuck server): it fails, and the caller answers.
      statement_timeout: 30_000,
      query_timeout: 35_000,
    });
    // An idle client's error (server restart, `drop database ... with (force)` in tests) is
    // emitted on the pool, and with no listener it crashes the process. The pool has already
    // dropped that client; the next query connects anew, so there is nothing else to do.
    pool.on('error', () => undefined);
    // A client in use (checked out for a transaction) has no pool listener: when the server
    // goes away between two statements it would emit an unhandled 'error' and end the process.
    // Its queries fail anyway (and the caller answers 503), so the event itself needs nothing.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    registerPostgresPool(db, pool);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dir = join(config.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const pglite = await (await loadPGlite()).create(dir, { parsers: PGLITE_PARSERS });
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

/** PGlite only where it is used: a process on PostgreSQL does not carry it. */
async function loadPGlite(): Promise<typeof import('@electric-sql/pglite').PGlite> {
  return (await import('@electric-sql/pglite')).PGlite;
}

/** An in-memory PGlite database, for tests that run without a PostgreSQL server. */
export async function openInMemoryDatabase(): Promise<Database> {
  const pglite = await (await loadPGlite()).create({ parsers: PGLITE_PARSERS });
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}
