import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL server of the test's own: initdb into a temporary folder, its own port and
 * socket directory, the machine's binaries (/usr/lib/postgresql/<version>/bin). Stopping and
 * starting it never touches the machine's shared server. As root, it runs as `postgres`.
 */
export interface OwnPostgres {
  readonly url: string;
  readonly port: number;
  start(): void;
  /** `fast`: a clean shutdown that ends every connection; `immediate`: as after a crash. */
  stop(mode?: 'fast' | 'immediate'): void;
  dispose(): void;
}

export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('No PostgreSQL binaries in /usr/lib/postgresql/*/bin');
  const dir = mkdtempSync(join(tmpdir(), 'planverk-own-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]): void => {
    const [command, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) {
      throw new Error(
        `${tool} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
      );
    }
  };
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  // fsync=off is for speed, and sound for what the fault tests claim. They stop the server, with
  // `fast` or `immediate` (SIGQUIT: no checkpoint, crash recovery from the WAL on the next
  // start), but never the machine: a commit is acknowledged only after its WAL record has been
  // written to the kernel (synchronous_commit=on, set here; fsync=off only skips the flush to
  // the disk), and the kernel keeps it across the death of every PostgreSQL process. So "no
  // acknowledged write is lost" holds across an immediate stop. It would not across a power cut
  // or a kernel crash, which these tests do not simulate; that would need fsync=on.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=on -c max_connections=50`;
  const own: OwnPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () =>
      run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']),
    stop: (mode = 'fast') => run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']),
    dispose: () => {
      try {
        own.stop('immediate');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  own.start();
  return own;
}

/** A port nothing listens on (now): for a server of the test's own, or one that is not there. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
