/**
 * `npm start` as a newcomer runs it, right after `npm install`: no second build when nothing
 * changed, serving the demo on the embedded database within 10 seconds (the bound issue 16 asks
 * for), and a log a person can read on a terminal.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/processes.js';

const STAMP = join(REPO_ROOT, 'dist', '.build-complete');
/** The port the api says it listens on (started with PORT=0: the system chose it), once it does. */
const portIn = (output: string): number | undefined => {
  const running = /Planverk is running on http:\/\/localhost:(\d+)/.exec(output);
  return running ? Number(running[1]) : undefined;
};

/** A process group of our own, so `npm start` and the node it starts stop together. */
function startGroup(command: string, args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...inherited, PLANVERK_DATA_DIR: '', ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

async function waitFor(what: () => Promise<boolean> | boolean, child: ChildProcess, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until && child.exitCode === null) {
    if (await what()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { redirect: 'manual' });
    return res.status < 400;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'planverk-start-'));
    // What `npm install` ends with: its prepare script (the build, and the demo's database).
    const { DATABASE_URL: _unused, ...env } = process.env;
    const prepared = spawnSync('npm', ['run', 'prepare', '--silent'], {
      cwd: REPO_ROOT,
      env: { ...env, PLANVERK_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(prepared.status).toBe(0);
    expect(prepared.stdout).toContain(`Planverk: the demo data is ready in ${dataDir}`);
  }, 300_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the demo on the embedded database within 10 s right after npm install, without building again', async () => {
    const started = Date.now();
    const api = startGroup('npm', ['start'], { PORT: '0', PLANVERK_DATA_DIR: dataDir });
    try {
      const serving = await waitFor(
        async () => {
          const port = portIn(api.output());
          return port !== undefined && (await answers(`http://127.0.0.1:${port}/org/oslo-sv`));
        },
        api.child,
        60_000,
      );
      const elapsed = Date.now() - started;
      expect(serving).toBe(true);
      expect(api.output()).not.toMatch(/Building/);
      expect(elapsed).toBeLessThan(10_000);
      // The demo administrator's password comes last, in a box, after the start-up log.
      await waitFor(() => /└─+┘/.test(api.output()), api.child, 5_000);
      const out = api.output();
      const open = out.indexOf('┌');
      const close = out.indexOf('┘', open);
      const box = out.slice(open, close + 1);
      expect(box).toMatch(/│ Planverk is running on http:\/\/localhost:\d+ \(embedded PGlite in /);
      expect(box).toMatch(/│ Demo administrator \(shown only now\): admin \/ \S{12,}\s+│/);
      // Not on a terminal: the log before it is JSON lines (and npm's own two lines).
      for (const line of out
        .slice(0, open)
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('>')))
        expect(() => JSON.parse(line)).not.toThrow();
      // Nothing of the start-up comes after it: only the requests this test made.
      for (const line of out
        .slice(close + 1)
        .split('\n')
        .filter((l) => l.trim()))
        expect(JSON.parse(line)).toHaveProperty('req');
    } finally {
      await api.stop();
    }
  });

  it('builds again only when a source changed since the last complete build', () => {
    const quiet = spawnSync(process.execPath, ['scripts/build.mjs', '--if-changed'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe('');
    // A source saved after the last build (here: the build made to look older than it).
    const source = statSync(join(REPO_ROOT, 'apps', 'api', 'src', 'main.ts')).mtime;
    const earlier = new Date(source.getTime() - 60_000);
    utimesSync(STAMP, earlier, earlier);
    const rebuilt = spawnSync(process.execPath, ['scripts/build.mjs', '--if-changed'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(/Building: the sources changed since the last build/);
    expect(statSync(STAMP).mtimeMs).toBeGreaterThan(source.getTime() - 1);
  }, 180_000);

  it('logs pino-pretty lines on a terminal, JSON lines otherwise', async () => {
    const terminal = startGroup('script', ['-qec', `node dist/apps/api/src/main.js`, '/dev/null'], {
      PORT: '0',
      PLANVERK_DATA_DIR: dataDir,
      PLANVERK_DEMO: '0',
      TERM: 'dumb',
    });
    try {
      expect(await waitFor(() => /Planverk is running/.test(terminal.output()), terminal.child, 60_000)).toBe(
        true,
      );
      await fetch(`http://127.0.0.1:${portIn(terminal.output())}/health`);
      await waitFor(() => /GET \/health 200/.test(terminal.output()), terminal.child, 5_000);
      const text = terminal.output();
      expect(text).not.toMatch(/\{"level":/);
      expect(text).toMatch(/INFO.*\[NestApplication\] Nest application successfully started/);
      expect(text).toMatch(/INFO.*request completed GET \/health 200 \(\d+ ms\)/);
      // Nest's listing of every module and route stays out of a person's way.
      expect(text).not.toMatch(/Mapped \{/);
    } finally {
      await terminal.stop();
    }
  });
});
