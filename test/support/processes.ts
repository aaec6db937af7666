import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built `planverk` command as a user would, with the given environment on top of ours
 * (and `input` on its standard input, which is then closed).
 */
export function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/planverk.js', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

/**
 * Starts the built api (`node dist/apps/api/src/main.js`) and resolves once it listens, with the
 * port it listens on: give `PORT: '0'` and the system chooses a free one (a port chosen by the
 * test could be taken meanwhile by any connection on the machine).
 */
export async function startApiProcess(env: Record<string, string>): Promise<{
  child: ChildProcess;
  port: number;
  output: () => string;
  stop: () => Promise<number | null>;
}> {
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`api did not start within 60 s:\n${output}`)), 60_000);
    const check = (): void => {
      const running = /Planverk is running on http:\/\/localhost:(\d+)/.exec(output);
      if (running) {
        clearTimeout(timer);
        resolve(Number(running[1]));
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`api exited before it started:\n${output}`));
    });
  });
  return {
    child,
    port,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * How many open transactions of the process connected as `applicationName` (its
 * DATABASE_URL's `application_name`) have written: a projector applying a batch, seen from outside.
 */
export async function transactionsWriting(
  client: { query<R>(text: string, values: unknown[]): Promise<{ rows: R[] }> },
  applicationName: string,
): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    'select count(*)::int as n from pg_stat_activity where application_name = $1 and backend_xid is not null',
    [applicationName],
  );
  return rows[0]!.n;
}
