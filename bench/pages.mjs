/* global setTimeout, clearTimeout, performance, fetch */
// Server time of each board page on the demo data: starts the built api (`npm run build`
// first) on an empty data directory with the demo loaded, requests every page 20 times after a
// warm-up, and prints p50/p95 of the `Server-Timing: app;dur=` the page controllers send
// (and of the time measured here, on localhost). Budget: 300 ms server time per page.
//
//   npm run build --silent && npm run bench:pages
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 20;
const WARM_UP = 3;
const BUDGET_MS = 300;
const PLAN = 'oslo-sv-2024-2027';
// The demo imports the plans today, so the plan exists as of today (not before).
const TODAY = new Date().toISOString().slice(0, 10);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startApi(port, dataDir) {
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), PLANVERK_DATA_DIR: dataDir, PLANVERK_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the api did not start within 120 s:\n${output}`)),
      120_000,
    );
    child.stdout.on('data', () => {
      if (/Planverk is running/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the api exited (${code}) before it started:\n${output}`));
    });
  });
  return child;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(base, path) {
  const server = [];
  const client = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const started = performance.now();
    const response = await fetch(base + path);
    await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    const timing = /app;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
    if (!timing) throw new Error(`${path} sent no Server-Timing header`);
    if (i < WARM_UP) continue;
    server.push(Number(timing[1]));
    client.push(elapsed);
  }
  server.sort((a, b) => a - b);
  client.sort((a, b) => a - b);
  return {
    path,
    serverP50: percentile(server, 50),
    serverP95: percentile(server, 95),
    clientP50: percentile(client, 50),
    clientP95: percentile(client, 95),
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'planverk-bench-pages-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let api;
try {
  api = await startApi(port, dataDir);
  const plan = await (await fetch(`${base}/plans/${PLAN}`)).json();
  const measures = (sections) => sections.flatMap((s) => [...s.measures, ...measures(s.sections)]);
  const measureId = measures(plan.sections).find((m) => m.address === '4.1.A').id;
  const pages = [
    '/org/oslo-sv',
    '/org/oslo-sv/ansvar?body=FS',
    '/org/oslo-sv/ansvar?body=LL&section=4&status=not_started&due=2026',
    `/plan/${PLAN}`,
    `/plan/${PLAN}?asOf=${TODAY}`,
    `/plan/${PLAN}/tiltak/${measureId}`,
    `/plan/${PLAN}/tiltak/${measureId}/oppfolging?view=plan`,
    `/plan/${PLAN}/endringer?fromAsOf=${TODAY}`,
    `/plan/${PLAN}/revisjon`,
    `/plan/${PLAN}/mal`,
    '/plan/sv-2022-2025',
  ];
  const results = [];
  for (const path of pages) results.push(await measure(base, path));

  const width = Math.max(...pages.map((p) => p.length));
  console.log(`Board pages on the demo data: ${RUNS} requests each after ${WARM_UP} warm-up, times in ms`);
  console.log(`${'page'.padEnd(width)}  server p50  server p95  client p50  client p95`);
  for (const r of results) {
    const cells = [r.serverP50, r.serverP95, r.clientP50, r.clientP95].map((v) => v.toFixed(1).padStart(10));
    console.log(
      `${r.path.padEnd(width)}  ${cells.join('  ')}${r.serverP95 > BUDGET_MS ? '  OVER BUDGET' : ''}`,
    );
  }
  const over = results.filter((r) => r.serverP95 > BUDGET_MS);
  console.log(
    over.length === 0
      ? `Every page is under ${BUDGET_MS} ms server time (p95).`
      : `${over.length} page(s) over the ${BUDGET_MS} ms budget.`,
  );
  process.exitCode = over.length === 0 ? 0 : 1;
} finally {
  api?.kill('SIGTERM');
  await new Promise((resolve) => (api && api.exitCode === null ? api.once('exit', resolve) : resolve()));
  rmSync(dataDir, { recursive: true, force: true });
}
