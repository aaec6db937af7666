import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { ReadModelDatabase } from '@app/read-models';

/** A database of its own on the server of `serverUrl` (planverk_bench_<tag>), and how to drop it. */
export async function createBenchDatabase(
  serverUrl: string,
  tag: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `planverk_bench_${tag}`;
  // CREATE/DROP DATABASE take no bind parameters: the name goes in as a quoted identifier.
  const quoted = pg.escapeIdentifier(name);
  await adminQuery(serverUrl, `drop database if exists ${quoted} with (force)`);
  await adminQuery(serverUrl, `create database ${quoted}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await adminQuery(serverUrl, `drop database if exists ${quoted} with (force)`);
    },
  };
}

export async function adminQuery(url: string, statement: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export interface LatencySummary {
  readonly samples: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

/** Peak resident set size of a process (VmHWM), in MiB; Linux only. */
export function peakRssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? round(Number(match[1]) / 1024, 1) : undefined;
  } catch {
    return undefined;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `work` with `concurrency` workers over `items`, each item once. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, worker: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < items.length) await work(items[next++]!, worker);
    }),
  );
}

/**
 * Each measure of each plan (plan_id, measure_id, whether it is struck), from the plan's
 * history: the read side keeps no table of measures (issue 17 dropped rm_plan_measures, which
 * nothing but these benchmarks read). Join it as a subquery: `.innerJoin(planMeasures(db).as('m'), ...)`.
 */
export function planMeasures(db: Kysely<ReadModelDatabase>) {
  return db
    .selectFrom('rm_plan_history as added')
    .where('added.event_type', '=', 'MeasureAdded')
    .select((eb) => [
      'added.plan_id as plan_id',
      eb.fn.coalesce('added.element_id', eb.val('')).as('measure_id'),
      eb
        .exists(
          eb
            .selectFrom('rm_plan_history as struck')
            .select('struck.plan_id')
            .whereRef('struck.plan_id', '=', 'added.plan_id')
            .whereRef('struck.element_id', '=', 'added.element_id')
            .where('struck.event_type', '=', 'MeasureStruck'),
        )
        .as('struck'),
    ]);
}
