import pg from 'pg';
import request from 'supertest';
import { runCli } from './processes.js';

/** Every read-model table (`rm_*`) with its rows sorted, and every projection checkpoint. */
export interface ReadModelSnapshot {
  readonly tables: Record<string, string[]>;
  readonly checkpoints: string[];
}

/** The read models as they are now: equal snapshots mean equal read models. */
export async function readModelSnapshot(url: string): Promise<ReadModelSnapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const names = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_name like 'rm\\_%' order by 1",
    );
    const tables: Record<string, string[]> = {};
    for (const { table_name } of names.rows) {
      // A name from the catalog, quoted: identifiers cannot be bind parameters.
      const rows = await client.query(`select * from ${pg.escapeIdentifier(table_name)}`);
      tables[table_name] = rows.rows.map((r) => JSON.stringify(r)).sort();
    }
    const checkpoints = await client.query(
      'select name, commit_position::text, prepare_position::text from projection_checkpoints order by name',
    );
    return { tables, checkpoints: checkpoints.rows.map((r) => JSON.stringify(r)) };
  } finally {
    await client.end();
  }
}

/**
 * Empties the read models and builds them again from every event (`planverk projections
 * rebuild`, the built CLI), and returns what it built. Nothing else may run the projections
 * on this store meanwhile.
 */
export async function cleanRebuildSnapshot(url: string): Promise<ReadModelSnapshot> {
  const rebuilt = await runCli(['projections', 'rebuild'], { DATABASE_URL: url });
  if (rebuilt.code !== 0) {
    throw new Error(`projections rebuild failed (${rebuilt.code}):\n${rebuilt.stdout}\n${rebuilt.stderr}`);
  }
  return readModelSnapshot(url);
}

interface ProjectionLag {
  readonly name: string;
  readonly checkpoint: string;
  readonly head: string;
  readonly lag: number;
}

/**
 * Waits until `GET /health` of the api (an HTTP handler, or a base URL such as
 * http://127.0.0.1:3000) reports every projection at lag 0, as an operator would watch it.
 */
export async function projectionsCaughtUp(
  api: Parameters<typeof request>[0],
  timeoutMs = 30_000,
): Promise<ProjectionLag[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await request(api)
      .get('/health')
      .timeout(10_000)
      .catch((error: unknown) => ({ status: 0, body: { error: String(error) } }));
    const projections = (health.body as { projections?: ProjectionLag[] }).projections;
    if (health.status === 200 && projections && projections.length > 0) {
      if (projections.every((p) => p.lag === 0)) return projections;
    }
    if (Date.now() > deadline) {
      const last = `${health.status} ${JSON.stringify(health.body)}`;
      throw new Error(`projections not caught up within ${timeoutMs} ms: ${last}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A small deterministic generator (mulberry32), so a fault test's moments are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
