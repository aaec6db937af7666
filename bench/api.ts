import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { memoryFlagsOf } from './memory-flags.js';
import autocannon, { type Result } from 'autocannon';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '@app/read-models';
import { freePort, peakRssMiB, planMeasures, round, summarise } from './support.js';

export interface ApiResult {
  readonly connections: number;
  readonly seconds: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly statusCodes: Record<string, number>;
  readonly idleRssMiB: number | undefined;
  readonly peakRssMiB: number | undefined;
  /** Before the measured run: one command on each plan, which the new process had not folded yet. */
  readonly firstOnEachPlan?: {
    plans: number;
    seconds: number;
    requestsPerSecond: number;
    p50: number;
    p95: number;
  };
}

const API_ENTRY = new URL('../../apps/api/src/main.js', import.meta.url);
/**
 * The V8 memory flags of `npm start` (package.json, the one place they are written; the Dockerfile
 * repeats them, test/process/memory-flags checks it): a heap budget and small semi-spaces.
 * Without them V8 sizes its heap for this 24 GiB machine and the api's RSS grows to ~550 MiB
 * under load, holding garbage it would collect sooner (docs/benchmarks.md).
 */
export const START_MEMORY_FLAGS: readonly string[] = memoryFlagsOf(
  (
    JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      scripts: { start: string };
    }
  ).scripts.start,
);

const API_NODE_OPTIONS = [
  ...START_MEMORY_FLAGS,
  // PLANVERK_BENCH_CPU_PROF=<dir>: the api writes a V8 CPU profile there when it stops
  // (read it with `node dist/bench/bench/cpu-profile-top.js <file>`).
  ...(process.env.PLANVERK_BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PLANVERK_BENCH_CPU_PROF}`]
    : []),
];

async function waitForHealth(base: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The api exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${base}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('The api did not become healthy in time');
}

/**
 * The built api (dist/apps/api) on the benchmark database, and autocannon posting status
 * reports (a command each: fold what is new in the plan stream, decide, append, wait for the read models)
 * for measures spread over the adopted plans, at a fixed number of connections.
 */
export async function benchmarkApi(
  db: Kysely<ReadModelDatabase>,
  databaseUrl: string,
  options: {
    connections: number;
    seconds: number;
    /** Send one command to each plan before the measured run, and report those apart. */
    firstOnEachPlan?: boolean;
    token?: string;
    env?: Record<string, string>;
  },
): Promise<ApiResult> {
  const targets = await db
    .selectFrom(planMeasures(db).as('m'))
    .innerJoin('rm_plans as p', 'p.plan_id', 'm.plan_id')
    .select(['m.plan_id as planId', 'm.measure_id as measureId'])
    .where('p.status', '=', 'adopted')
    .where('m.struck', '=', false)
    .orderBy('m.measure_id')
    .limit(20_000)
    .execute();
  if (targets.length === 0) throw new Error('No adopted plans to send commands to');

  const api = await startApi(databaseUrl, options.env);
  const { base, child } = api;
  try {
    const idle = peakRssMiB(child.pid!);
    const statuses = ['in_progress', 'done', 'postponed', 'in_progress'];
    let n = 0;
    const fire = (
      run: { seconds: number } | { amount: number; connections: number },
      targetOf: (i: number) => { planId: string; measureId: string },
      latencies: number[],
    ): Promise<Result> =>
      new Promise<Result>((resolve, reject) => {
        let sent = 0;
        const instance = autocannon(
          {
            url: base,
            ...('seconds' in run
              ? { connections: options.connections, duration: run.seconds }
              : { connections: run.connections, amount: run.amount }),
            timeout: 30,
            requests: [
              {
                method: 'POST',
                headers: {
                  'content-type': 'application/json',
                  ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
                },
                setupRequest: (request) => {
                  const i = n++;
                  const target = targetOf(sent++);
                  return {
                    ...request,
                    path: `/plans/${target.planId}/measures/${target.measureId}/status`,
                    body: JSON.stringify({ status: statuses[i % statuses.length], note: `Benchmark ${i}` }),
                  };
                },
              },
            ],
          },
          (error, done) => (error ? reject(error) : resolve(done)),
        );
        instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
      });
    // First one command on each plan, measured apart: the first command on a plan in a new
    // process reads its snapshot or, the first time ever, its whole stream (docs/adr/0009). The
    // measured run then finds the plans folded, as in an api that has been running a while.
    let firstOnEachPlan: ApiResult['firstOnEachPlan'];
    if (options.firstOnEachPlan) {
      const plans = [...new Map(targets.map((t) => [t.planId, t])).values()];
      const coldLatencies: number[] = [];
      // As many connections as plans at most (autocannon sends at least one request on each).
      const cold = await fire(
        { amount: plans.length, connections: Math.min(options.connections, plans.length) },
        (i) => plans[i % plans.length]!,
        coldLatencies,
      );
      const coldLatency = summarise(coldLatencies);
      firstOnEachPlan = {
        plans: plans.length,
        seconds: cold.duration,
        requestsPerSecond: round(cold.requests.total / cold.duration, 0),
        p50: coldLatency.p50,
        p95: coldLatency.p95,
      };
    }
    const latencies: number[] = [];
    const result = await fire({ seconds: options.seconds }, (i) => targets[i % targets.length]!, latencies);
    const latency = summarise(latencies);
    const statusCodes = Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, s]) => [code, Number(s.count)]),
    );
    return {
      connections: options.connections,
      seconds: result.duration,
      requests: result.requests.total,
      requestsPerSecond: round(result.requests.total / result.duration, 0),
      p50: latency.p50,
      p95: latency.p95,
      p99: latency.p99,
      max: latency.max,
      non2xx: result.non2xx,
      errors: result.errors,
      statusCodes,
      idleRssMiB: idle,
      ...(firstOnEachPlan ? { firstOnEachPlan } : {}),
      peakRssMiB: peakRssMiB(child.pid!),
    };
  } finally {
    await api.stop();
  }
}

export interface RunningApi {
  readonly base: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** The built api on `databaseUrl`, healthy, without the demo and without the write rate limit. */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningApi> {
  const port = await freePort();
  // With the heap limit `npm start` and the Dockerfile give the api (see API_NODE_OPTIONS).
  const child = spawn(process.execPath, [...API_NODE_OPTIONS, API_ENTRY.pathname], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      PLANVERK_DEMO: '0',
      PLANVERK_LOG_LEVEL: 'warn',
      // The benchmark is the only client: the per-address write limit would answer 429.
      PLANVERK_RATE_LIMIT_WRITES: '1000000000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
  }
  return { base, child, stop };
}
