import { randomBytes } from 'node:crypto';
import { openDatabase, openInMemoryDatabase, type Database } from '@app/database';
import pg from 'pg';

export interface TestDatabase extends Database {
  /** The URL of the fresh database, when on a real PostgreSQL (for child processes). */
  readonly url: string | undefined;
  /** Closes the connections and drops the database. */
  dispose(): Promise<void>;
}

/**
 * A fresh, empty database for one test file, so tests never depend on order (STYLE.md).
 * With DATABASE_URL set (CI), a new database on that server, dropped afterwards;
 * without it, an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openInMemoryDatabase();
    return { ...database, url: undefined, dispose: () => database.close() };
  }
  const empty = await createEmptyPostgresDatabase(serverUrl);
  const database = await openDatabase({ kind: 'postgres', url: empty.url });
  return {
    ...database,
    url: empty.url,
    dispose: async () => {
      await database.close();
      await empty.drop();
    },
  };
}

/** A new, empty database on the server of `serverUrl`, and how to drop it. */
export async function createEmptyPostgresDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `planverk_test_${randomBytes(6).toString('hex')}`;
  // CREATE/DROP DATABASE take no bind parameters: the name goes in as a quoted identifier.
  const quoted = pg.escapeIdentifier(name);
  await adminQuery(serverUrl, `create database ${quoted}`);
  return {
    url: withDatabaseName(serverUrl, name),
    drop: () => adminQuery(serverUrl, `drop database if exists ${quoted} with (force)`),
  };
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
