import 'reflect-metadata';
import { ConfigError, loadConfig } from '@app/config';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApi } from './create-api.js';

/**
 * Run by `npm install` after the build (the prepare script): on the embedded default (no
 * DATABASE_URL, the demo on) with no database yet, loads the demo data into the data directory
 * the way the api's first start would, so that `npm start` serves within seconds instead of
 * spending them on creating the database and importing the five seed plans (docs/adr/0015).
 * Anything else (PostgreSQL, PLANVERK_DEMO=0, a database already there) is left alone.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.database.kind !== 'pglite' || !config.demo) return;
  const database = join(config.database.dataDir, 'pglite');
  if (existsSync(database)) return;
  try {
    const app = await createApi({ config, runProjections: true, logger: false });
    await app.close();
  } catch (error) {
    // Half a demo would be taken for a whole one: leave no database, and the api loads it at start.
    rmSync(database, { recursive: true, force: true });
    throw error;
  }
  console.log(`Planverk: the demo data is ready in ${config.database.dataDir}; \`npm start\` serves it.`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    // Never fails the install: the api's first start loads the demo itself.
    const reason = error instanceof ConfigError ? error.message : String(error);
    console.warn(`Planverk: the demo data was not prepared (${reason}); \`npm start\` will load it.`);
    process.exit(0);
  },
);
