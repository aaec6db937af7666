import 'reflect-metadata';
import { ConfigError, loadConfig } from '@app/config';
import { AccessService } from '@app/runtime';
import { createApi } from './create-api.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi({ config, runProjections: true });
  await app.listen(config.port);
  const where =
    config.database.kind === 'pglite'
      ? `embedded PGlite in ${config.database.dataDir}`
      : 'PostgreSQL (DATABASE_URL)';
  console.log(`Planverk is running on http://localhost:${config.port} (${where})`);
  console.log(`  API documentation: http://localhost:${config.port}/docs`);
  // The demo's administrator: a random password, printed this once; only its hash is kept.
  const admin = config.demo ? await app.get(AccessService).ensureDemoAdmin() : undefined;
  if (admin) {
    console.log(`  Demo administrator (shown only now): ${admin.username} / ${admin.password}`);
    console.log(`  Sign in at http://localhost:${config.port}/logg-inn, or get a token: POST /auth/tokens`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
