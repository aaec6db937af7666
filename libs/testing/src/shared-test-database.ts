import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '@app/database';
import { createEmptyPostgresDatabase } from './test-database.js';

/**
 * A fresh database that a child process (the CLI, the api) can open too: a new database on
 * DATABASE_URL's server, or a PGlite data directory when DATABASE_URL is unset. With PGlite,
 * only one process may have it open at a time.
 */
export interface SharedTestDatabase {
  /** The environment that points a child process at this database. */
  readonly env: Record<string, string>;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

export async function createSharedTestDatabase(): Promise<SharedTestDatabase> {
  if (process.env.DATABASE_URL) {
    const { url, drop } = await createEmptyPostgresDatabase(process.env.DATABASE_URL);
    return { env: { DATABASE_URL: url }, open: () => openDatabase({ kind: 'postgres', url }), dispose: drop };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'planverk-test-'));
  return {
    env: { DATABASE_URL: '', PLANVERK_DATA_DIR: dataDir },
    open: () => openDatabase({ kind: 'pglite', dataDir }),
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
