// npm run bench [-- --scale small|medium|default|large|<factor>] [--seed N] [--keep]
// Generates the synthetic party into a fresh PostgreSQL database, runs every benchmark against
// it (and Emmett's store side by side), prints a table and writes bench/results/<timestamp>.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '@app/database';
import type { EventToAppend } from '@app/event-store';
import { PostgresEventStore } from '@app/event-store-postgres';
import { readModelMigrations } from '@app/read-models';
import {
  generateWorkload,
  loadTextCorpus,
  parseScale,
  writeWorkload,
  type AppendBatch,
  type WorkloadScale,
} from '@app/workload';
import { createBenchAdmin } from './admin.js';
import { appendBatches, appendSingles, hotStream } from './append.js';
import { benchmarkApi, type ApiResult } from './api.js';
import { benchmarkMeetingReplay } from './meeting-replay.js';
import type { QueryResult } from './queries.js';
import { openEmmettStore, openOurStore, type StoreUnderTest } from './stores.js';
import { adminQuery, createBenchDatabase, round } from './support.js';

const ROOT = new URL('../../../', import.meta.url);

interface Row {
  readonly benchmark: string;
  readonly unit: string;
  readonly ours: number | string;
  readonly emmett?: number;
  readonly target?: string;
  readonly met?: boolean;
}

/** Issue 17's targets where they differ from a query's 50 ms p95: the plan now is a lookup, lineage kept by a projection. */
const QUERY_P95_TARGET_MS: Readonly<Record<string, number>> = {
  'plan now': 5,
  'lineage (predecessor diff)': 20,
};
/** Events/s a rebuild from 0 must reach: 40,000 at the small scale, 60,000 from the default up. */
const REBUILD_TARGET = (factor: number): number => (factor >= 1 ? 60_000 : 40_000);

const log = (message: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};

function options() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      connections: { type: 'string', default: '16' },
      'api-seconds': { type: 'string' },
      'append-events': { type: 'string' },
      seeds: { type: 'string' },
    },
  });
  const scale = parseScale(values.scale);
  const big = scale.factor >= 0.2;
  return {
    scale,
    seed: Number(values.seed),
    keep: values.keep ?? false,
    connections: Number(values.connections),
    apiSeconds: Number(values['api-seconds'] ?? (big ? 20 : 8)),
    appendEvents: Number(values['append-events'] ?? (big ? 150_000 : 40_000)),
    querySamples: big ? 200 : 60,
    seedsDir: values.seeds ?? new URL('demo/seeds', ROOT).pathname,
    serverUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  };
}

async function machine(serverUrl: string): Promise<Record<string, unknown>> {
  const settings = await adminQuery(
    serverUrl,
    `select name, setting, unit from pg_settings where name in
     ('shared_buffers','synchronous_commit','fsync','wal_level','max_wal_size','work_mem','server_version')`,
  );
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    postgres: Object.fromEntries(
      settings.rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]),
    ),
  };
}

/** The first `limit` events' appends of the workload (whole appends), for the append races. */
function firstBatches(scale: WorkloadScale, seed: number, seedsDir: string, limit: number): AppendBatch[] {
  const batches: AppendBatch[] = [];
  let events = 0;
  for (const phase of generateWorkload({ seed, scale, corpus: loadTextCorpus(seedsDir) })) {
    for (const batch of phase.batches) {
      if (events >= limit) return batches;
      batches.push(batch);
      events += batch.events.length;
    }
  }
  return batches;
}

async function main(): Promise<void> {
  const o = options();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const tag = stamp.slice(0, 19).replace(/[-T]/g, '').toLowerCase();
  const rows: Row[] = [];
  const json: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    scale: o.scale,
    seed: o.seed,
    machine: await machine(o.serverUrl),
  };
  const started = performance.now();
  const closers: Array<() => Promise<void>> = [];
  const main = await createBenchDatabase(o.serverUrl, `${tag}_main`);
  const oursDb = await createBenchDatabase(o.serverUrl, `${tag}_ours`);
  const emmettDb = await createBenchDatabase(o.serverUrl, `${tag}_emmett`);
  log(`databases ${main.name}, ${oursDb.name}, ${emmettDb.name}`);
  try {
    // 1. The synthetic party, written through the port.
    // An administrator's token for the api benchmark, made while the store is still empty.
    const token = await createBenchAdmin(main.url).catch((error: unknown) => {
      log(`no api token: ${(error as Error).message}`);
      return undefined;
    });
    const target = await openOurStore(main.url);
    closers.push(() => target.close());
    await migrateToLatest(target.database.db, 'read_model', readModelMigrations);
    log(`generating scale ${o.scale.name} (seed ${o.seed})`);
    const corpus = loadTextCorpus(o.seedsDir);
    const generated = await writeWorkload(
      new PostgresEventStore(target.database.db),
      generateWorkload({ seed: o.seed, scale: o.scale, corpus }),
      { concurrency: 4, onProgress: (p) => log(`  ${p.phase}: ${p.events} events`) },
    );
    json.generate = generated;
    rows.push({
      benchmark: `generate ${o.scale.name}: ${generated.events} events, ${generated.appends} appends, 4 writers`,
      unit: 'events/s',
      ours: Math.round(generated.events / generated.seconds),
    });
    log(`generated ${generated.events} events in ${generated.seconds.toFixed(1)} s`);

    // 2. Appends, ours and Emmett's, on the same events, each in a database of its own.
    const batches = firstBatches(o.scale, o.seed, o.seedsDir, o.appendEvents);
    const template: EventToAppend[] = batches
      .flatMap((b) => b.events)
      .filter((e) => e.type === 'MeasureStatusChanged')
      .slice(0, 1000);
    const ours = await openOurStore(oursDb.url);
    const theirs = openEmmettStore(emmettDb.url);
    const appendStores = [() => ours.close(), () => theirs.close()];
    closers.push(...appendStores);
    const pair = async <T>(label: string, work: (store: StoreUnderTest) => Promise<T>): Promise<[T, T]> => {
      log(label);
      const a = await work(ours);
      const b = await work(theirs);
      return [a, b];
    };
    const appendJson: Record<string, unknown> = {};
    const [one, oneE] = await pair('append, 1 writer', (s) => appendBatches(s, batches, 1, 'a1-'));
    appendJson.oneWriter = { ours: one, emmett: oneE };
    rows.push({
      benchmark: `append ${one.events} events in ${one.appends} appends (avg ${Math.round(one.events / one.appends)}/append), 1 writer`,
      unit: 'events/s',
      ours: one.eventsPerSecond,
      emmett: oneE.eventsPerSecond,
    });
    const [eight, eightE] = await pair('append, 8 writers', (s) => appendBatches(s, batches, 8, 'a8-'));
    appendJson.eightWriters = { ours: eight, emmett: eightE };
    rows.push({
      benchmark: `append batched, 8 writers over distinct streams`,
      unit: 'events/s',
      ours: eight.eventsPerSecond,
      emmett: eightE.eventsPerSecond,
      target: '>= 20000',
      met: eight.eventsPerSecond >= 20_000,
    });
    const singlesPerWriter = o.scale.factor >= 0.2 ? 1000 : 400;
    const [single, singleE] = await pair('append, 1 event per append, 8 writers', (s) =>
      appendSingles(s, template, 8, singlesPerWriter, 's8-'),
    );
    appendJson.singleEvents = { ours: single, emmett: singleE };
    rows.push({
      benchmark: `append 1 event per append, 8 writers`,
      unit: 'appends/s',
      ours: single.appendsPerSecond,
      emmett: singleE.appendsPerSecond,
    });
    const hotTotal = o.scale.factor >= 0.2 ? 3000 : 1000;
    const [hot, hotE] = await pair('hot stream', (s) => hotStream(s, template, 8, hotTotal, 'hot-stream'));
    appendJson.hotStream = { ours: hot, emmett: hotE };
    rows.push(
      {
        benchmark: `hot stream: 8 writers, 1 stream, retry on conflict`,
        unit: 'appends/s',
        ours: hot.appendsPerSecond,
        emmett: hotE.appendsPerSecond,
      },
      {
        benchmark: `hot stream: conflicts`,
        unit: 'conflicts/s',
        ours: hot.conflictsPerSecond,
        emmett: hotE.conflictsPerSecond,
      },
      {
        benchmark: `hot stream: retries per append (max)`,
        unit: 'retries',
        ours: `${hot.retriesPerAppend} (${hot.maxRetries})`,
        emmett: hotE.retriesPerAppend,
      },
    );
    json.append = appendJson;

    // 3. Reads: all events in global order, and folding plan streams (what a command handler does).
    const readAll = await pair('read all', async (s) => {
      const t = performance.now();
      const events = await s.readAll(1000);
      const seconds = (performance.now() - t) / 1000;
      return { events, seconds: round(seconds, 3), eventsPerSecond: Math.round(events / seconds) };
    });
    rows.push({
      benchmark: `read all in global order (${readAll[0].events} events, batches of 1000)`,
      unit: 'events/s',
      ours: readAll[0].eventsPerSecond,
      emmett: readAll[1].eventsPerSecond,
    });
    const foldStreams = [...new Set(batches.map((b) => b.streamId).filter((id) => id.startsWith('plan-')))]
      .slice(0, 200)
      .map((id) => `a8-${id}`);
    const fold = await pair('fold plan streams', async (s) => {
      const t = performance.now();
      let events = 0;
      for (const id of foldStreams) events += await s.foldPlan(id);
      const seconds = (performance.now() - t) / 1000;
      return {
        streams: foldStreams.length,
        events,
        seconds: round(seconds, 3),
        eventsPerSecond: Math.round(events / seconds),
      };
    });
    // The same plans loaded as our commands load a plan in a process that has not loaded it yet:
    // from its stored snapshot and the events after it (docs/adr/0009). A first, untimed load
    // takes the snapshots, as the commands that appended those events would have.
    log('load plan streams as a command does');
    await ours.loadPlans!(foldStreams);
    const loadStarted = performance.now();
    const loadedEvents = await ours.loadPlans!(foldStreams);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const loaded = {
      streams: foldStreams.length,
      events: loadedEvents,
      seconds: round(loadSeconds, 3),
      eventsPerSecond: Math.round(loadedEvents / loadSeconds),
    };
    rows.push(
      {
        benchmark: `read + fold ${fold[0].streams} plan streams (${fold[0].events} events) from their first event with the decider's fold (planFold)`,
        unit: 'events/s',
        ours: fold[0].eventsPerSecond,
        emmett: fold[1].eventsPerSecond,
      },
      {
        benchmark: `load the same ${loaded.streams} plans as a command does: ours from the stored snapshot + newer events, Emmett read + fold (it keeps no snapshots)`,
        unit: 'events/s',
        ours: loaded.eventsPerSecond,
        emmett: fold[1].eventsPerSecond,
        target: '>= 1.5x emmett',
        met: loaded.eventsPerSecond >= 1.5 * fold[1].eventsPerSecond,
      },
    );
    json.read = {
      readAll: { ours: readAll[0], emmett: readAll[1] },
      fold: { ours: fold[0], emmett: fold[1] },
      loadAsCommand: { ours: loaded },
    };
    await closeAll(appendStores);

    // 4. Rebuild of every read model from position 0, in a process of its own: three times, the
    // median counted. One rebuild is a single sample of a few seconds on a machine whose other
    // work (autovacuum after the appends above, the first read of freshly written events) moves
    // it by a third; the three are all in the JSON.
    log('rebuild (3 times)');
    const rebuilds = [0, 1, 2].map(() => {
      const out = execFileSync(process.execPath, [new URL('rebuild-child.js', import.meta.url).pathname], {
        env: { ...process.env, DATABASE_URL: main.url },
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
      return JSON.parse(out.trim().split('\n').pop()!) as {
        projections: string[];
        events: number;
        seconds: number;
        maxRssMiB: number;
      };
    });
    const rebuild = [...rebuilds].sort((a, b) => a.seconds - b.seconds)[1]!;
    json.rebuilds = rebuilds;
    json.rebuild = rebuild;
    const rebuildRate = Math.round(rebuild.events / rebuild.seconds);
    rows.push(
      {
        benchmark: `rebuild ${rebuild.projections.length} read models from 0 (${rebuild.events} events), median of 3 (${rebuilds.map((r) => round(r.seconds, 2)).join(' / ')} s)`,
        unit: 'events/s',
        ours: rebuildRate,
        target: `>= ${REBUILD_TARGET(o.scale.factor)}`,
        met: rebuildRate >= REBUILD_TARGET(o.scale.factor),
      },
      { benchmark: `rebuild: total time`, unit: 's', ours: round(rebuild.seconds, 1) },
      {
        benchmark: `rebuild: peak RSS (the highest of the 3)`,
        unit: 'MiB',
        ours: round(Math.max(...rebuilds.map((r) => r.maxRssMiB)), 0),
      },
    );

    // 5. Dashboard and audit queries on the full data set.
    // In a process of its own, as the rebuild: this one's heap holds the steps above.
    log('queries');
    const queries = JSON.parse(
      execFileSync(process.execPath, [new URL('queries-child.js', import.meta.url).pathname], {
        env: {
          ...process.env,
          DATABASE_URL: main.url,
          QUERY_SAMPLES: String(o.querySamples),
          QUERY_SEED: String(o.seed),
        },
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      })
        .trim()
        .split('\n')
        .pop()!,
    ) as QueryResult[];
    json.queries = queries;
    for (const q of queries) {
      rows.push({
        benchmark: `query: ${q.query} (p50 / p95 of ${q.samples})`,
        unit: 'ms',
        ours: `${round(q.p50, 1)} / ${round(q.p95, 1)}`,
        target: `p95 <= ${QUERY_P95_TARGET_MS[q.query] ?? 50}`,
        met: q.p95 <= (QUERY_P95_TARGET_MS[q.query] ?? 50),
      });
    }

    // 6. Commands through the api.
    log(`api: ${o.connections} connections, one command on each plan, then ${o.apiSeconds} s`);
    let api: ApiResult | { error: string };
    try {
      api = await benchmarkApi(target.database.db, main.url, {
        connections: o.connections,
        seconds: o.apiSeconds,
        firstOnEachPlan: true,
        ...(token ? { token } : {}),
      });
    } catch (error) {
      api = { error: (error as Error).message };
    }
    json.api = api;
    if ('error' in api) {
      rows.push({
        benchmark: 'api: status command round trip',
        unit: '',
        ours: `failed: ${api.error.split('\n')[0]}`,
      });
    } else {
      const ok = api.non2xx === 0 && api.errors === 0;
      rows.push(
        {
          benchmark: `api: status command, ${api.connections} connections (${api.requests} requests${ok ? '' : `, ${api.non2xx} non-2xx`})`,
          unit: 'commands/s',
          ours: api.requestsPerSecond,
          target: '>= 1000',
          met: ok && api.requestsPerSecond >= 1000,
        },
        {
          benchmark: 'api: latency p50 / p95 / p99',
          unit: 'ms',
          ours: `${api.p50} / ${api.p95} / ${api.p99}`,
        },
        ...(api.firstOnEachPlan
          ? [
              {
                benchmark: `api: first command on each of ${api.firstOnEachPlan.plans} plans (new process), p50 / p95`,
                unit: 'commands/s, ms',
                ours: `${api.firstOnEachPlan.requestsPerSecond} (${api.firstOnEachPlan.p50} / ${api.firstOnEachPlan.p95})`,
              },
            ]
          : []),
        {
          benchmark: 'api: peak RSS (idle before the run)',
          unit: 'MiB',
          ours: `${api.peakRssMiB} (${api.idleRssMiB})`,
          target: '<= 256',
          met: (api.peakRssMiB ?? Infinity) <= 256,
        },
      );
    }

    // 7. A large annual meeting: a 300-amendment protocol replayed through the api.
    log('meeting replay');
    try {
      const replay = await benchmarkMeetingReplay(
        target.database.db,
        new PostgresEventStore(target.database.db),
        main.url,
        {
          amendments: 300,
          seed: o.seed,
          corpus,
          ...(token ? { token } : {}),
        },
      );
      json.meetingReplay = replay;
      const what = `${replay.amendments} amendments (${replay.adopted} adopted, ${replay.appended} events) on ${replay.planId}`;
      rows.push(
        { benchmark: `meeting replay, dry run: ${what}`, unit: 's', ours: replay.dryRunSeconds },
        {
          benchmark: `meeting replay: the same, appended and projected`,
          unit: 's',
          ours: replay.replaySeconds,
          target: '<= 1',
          met: replay.replaySeconds <= 1,
        },
      );
    } catch (error) {
      json.meetingReplay = { error: (error as Error).message };
      rows.push({
        benchmark: 'meeting replay of a 300-amendment protocol',
        unit: 's',
        ours: `failed: ${(error as Error).message.split('\n')[0]}`,
      });
    }
  } finally {
    await closeAll(closers);
    if (o.keep) log(`kept ${main.name}, ${oursDb.name}, ${emmettDb.name}`);
    else await Promise.all([main.drop(), oursDb.drop(), emmettDb.drop()]);
  }
  json.rows = rows;
  json.totalSeconds = round((performance.now() - started) / 1000, 1);

  const resultsDir = new URL('bench/results/', ROOT);
  mkdirSync(resultsDir, { recursive: true });
  const file = new URL(`${stamp}.json`, resultsDir);
  writeFileSync(file, `${JSON.stringify(json, (_, v) => (typeof v === 'bigint' ? String(v) : v), 2)}\n`);
  console.log(formatTable(rows));
  console.log(`\nTotal ${json.totalSeconds} s; results in bench/results/${stamp}.json`);
}

const closed = new WeakSet<() => Promise<void>>();

/** Closes what is open (each once, errors ignored), so dropping the databases breaks no pool. */
async function closeAll(closers: ReadonlyArray<() => Promise<void>>): Promise<void> {
  for (const close of closers) {
    if (closed.has(close)) continue;
    closed.add(close);
    await close().catch(() => undefined);
  }
}

function formatTable(rows: readonly Row[]): string {
  const header = ['benchmark', 'unit', 'planverk', 'emmett', 'ours/theirs', 'target'];
  const lines = rows.map((r) => [
    r.benchmark,
    r.unit,
    String(r.ours),
    r.emmett === undefined ? '' : String(r.emmett),
    typeof r.ours === 'number' && r.emmett ? round(r.ours / r.emmett, 2).toFixed(2) : '',
    r.target === undefined ? '' : `${r.target}${r.met === undefined ? '' : r.met ? ' ✓' : ' ✗'}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [format(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...lines.map(format)].join(
    '\n',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
