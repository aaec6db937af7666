import 'reflect-metadata';
import { ConfigError, loadConfig } from '@app/config';
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
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
