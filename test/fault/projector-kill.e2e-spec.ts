import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { REBUILD_LOCK_KEY, REBUILD_SCHEMA } from '@app/read-models';
import { REPO_ROOT, runCli } from '../support/processes.js';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres.js';
import { cleanRebuildSnapshot, readModelSnapshot, seededRandom } from '../support/read-models.js';

const SEEDS = `${REPO_ROOT}demo/seeds`;

/**
 * True while a rebuild runs and writes: it holds the rebuild lock and its schema beside the
 * live tables is there (docs/adr/0020). A killed one leaves its schema, never the lock.
 */
async function rebuilding(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A bigint advisory key shows in pg_locks as its high (classid) and low (objid) 32 bits.
    const { rows } = await client.query<{ on: boolean }>(
      `select exists (select 1 from pg_locks where locktype = 'advisory' and granted and classid = $1 and objid = $2)
         and to_regclass($3) is not null as on`,
      [
        String(REBUILD_LOCK_KEY >> 32n),
        String(REBUILD_LOCK_KEY & 0xffffffffn),
        `${REBUILD_SCHEMA}.projection_checkpoints`,
      ],
    );
    return rows[0]!.on;
  } finally {
    await client.end();
  }
}

/**
 * Starts `planverk projections rebuild`, waits until the rebuild is under way (`rebuilding`), then SIGKILLs it `afterMs` later. Says whether it was killed mid-rebuild.
 */
async function rebuildKilledMidway(
  url: string,
  env: Record<string, string>,
  afterMs: number,
): Promise<{ killed: boolean }> {
  const child = spawn(process.execPath, ['bin/planverk.js', 'projections', 'rebuild'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_c, signal) => resolve(signal)),
  );
  let running = true;
  void exited.then(() => (running = false));
  while (running && !(await rebuilding(url))) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, afterMs));
  const stillRunning = running && (await rebuilding(url));
  if (running) child.kill('SIGKILL');
  const signal = await exited;
  return { killed: stillRunning && signal === 'SIGKILL' };
}

describe('the projector killed at any moment', () => {
  let server: OwnPostgres;
  let env: Record<string, string>;
  beforeAll(async () => {
    server = await startOwnPostgres();
    env = { DATABASE_URL: server.url };
    const imported = await runCli(['import', '--all', SEEDS], env);
    expect(imported.code).toBe(0);
  }, 180_000);
  afterAll(() => {
    server?.dispose();
  });

  it('resumes from its checkpoint after kill -9 mid-rebuild, with read models equal to a clean rebuild', async () => {
    const next = seededRandom(7);
    const kills: Array<{ afterMs: number; killed: boolean }> = [];
    // Kill it until five kills have landed mid-rebuild (a fast rebuild may finish first).
    for (let attempt = 0; attempt < 20 && kills.filter((k) => k.killed).length < 5; attempt++) {
      const afterMs = Math.floor(next() * 150);
      const { killed } = await rebuildKilledMidway(server.url, env, afterMs);
      kills.push({ afterMs, killed });
    }
    // The kills landed mid-rebuild (the rebuild under way, the process still running).
    expect(kills.filter((k) => k.killed).length).toBe(5);

    // The live read models were never touched: the next start finds every projection at the head.
    const resumed = await runCli(['projections', 'status', '--json'], env);
    expect(resumed.code).toBe(0);
    expect((JSON.parse(resumed.stdout) as Array<{ lag: number }>).every((p) => p.lag === 0)).toBe(true);
    const afterKills = await readModelSnapshot(server.url);

    const rebuilt = await cleanRebuildSnapshot(server.url);
    expect(Object.keys(afterKills.tables).length).toBeGreaterThan(5);
    expect(afterKills).toEqual(rebuilt);
    console.log(`projector kill test: kills ${JSON.stringify(kills)}`);
  }, 300_000);
});
