import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, type PlanverkConfig } from '@app/config';
import { AccessService } from '@app/runtime';
import { createApi } from './create-api.js';
import { createProjector } from './projector/create-projector.js';
import { startupBanner } from './startup-banner.js';
import { limitRequestTimes } from './http/body-limit.js';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.role === 'projector') return startProjector(config);
  // `api` serves and leaves the projections to the projectors; `all` does both (one process).
  const app = await createApi({ config, runProjections: config.role === 'all' });
  // The demo's administrator: a random password, printed this once; only its hash is kept.
  const admin = config.demo ? await app.get(AccessService).ensureDemoAdmin() : undefined;
  await app.listen(config.port);
  limitRequestTimes(app.getHttpServer());
  const base = `http://localhost:${listeningPort(app.getHttpServer())}`;
  const where =
    config.database.kind === 'pglite'
      ? `embedded PGlite in ${config.database.dataDir}`
      : 'PostgreSQL (DATABASE_URL)';
  // Last, after everything start-up logs, so the password is not lost among the log lines.
  console.log(
    startupBanner([
      `Planverk is running on ${base} (${where}${config.role === 'api' ? '; role api: no projections' : ''})`,
      `  Pages: ${base}/   API documentation: ${base}/docs`,
      ...(admin
        ? [
            '',
            `Demo administrator (shown only now): ${admin.username} / ${admin.password}`,
            `  Sign in at ${base}/logg-inn, or get a token: POST /auth/tokens`,
            '  Only a hash of the password is kept: write it down now.',
          ]
        : []),
    ]),
  );
}

/** PLANVERK_ROLE=projector: runs the projections it holds the leases of; serves /health and /metrics only. */
async function startProjector(config: PlanverkConfig): Promise<void> {
  const app = await createProjector({ config });
  await app.listen(config.port);
  limitRequestTimes(app.getHttpServer());
  console.log(
    startupBanner([
      `Planverk is running on http://localhost:${listeningPort(app.getHttpServer())} (role projector: /health and /metrics only)`,
    ]),
  );
}

/** The port the server listens on: PORT, or the one the system chose for PORT=0. */
function listeningPort(server: { address(): AddressInfo | string | null }): number | string {
  const address = server.address();
  return address && typeof address === 'object' ? address.port : String(address);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
