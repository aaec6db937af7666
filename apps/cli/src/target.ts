import type { Command } from 'commander';

/**
 * Where the commands of this run go: the database of this machine (the api's configuration:
 * DATABASE_URL or the embedded PGlite), or a Planverk api over HTTP (--server / PLANVERK_SERVER)
 * with a bearer token (--token / PLANVERK_TOKEN).
 */
export type Target =
  | { readonly kind: 'local' }
  | { readonly kind: 'remote'; readonly server: URL; readonly token: string | undefined };

let target: Target = { kind: 'local' };
let commandName = 'this command';

export function currentTarget(): Target {
  return target;
}

/** A command that only a database can answer was asked of a server: refused, nothing opened. */
export class LocalOnlyError extends Error {}

/**
 * Refuses in remote mode. Every path that opens the database passes here first, so a command
 * without an HTTP counterpart never falls back to a local database when a server was named.
 */
export function requireDatabase(what = `"${commandName}"`): void {
  if (target.kind === 'remote') {
    throw new LocalOnlyError(
      `${what} only works against a database; run it where the service runs ` +
        '(without --server and PLANVERK_SERVER)',
    );
  }
}

/** `--server` and `--token`, before the command (`planverk --server URL plans list`). */
export function addTargetOptions(program: Command): void {
  program
    .option(
      '--server <url>',
      'talk to this Planverk api over HTTP instead of a database (env PLANVERK_SERVER)',
    )
    .option('--token <token>', 'bearer token for --server, from POST /auth/tokens (env PLANVERK_TOKEN)')
    // Global options go before the command, so `users add --token <label>` keeps its own --token.
    .enablePositionalOptions()
    .hook('preAction', (_program, action) => {
      commandName = commandPath(action);
      const { server, token } = program.opts<{ server?: string; token?: string }>();
      target = resolveTarget(server, token, process.env);
    });
}

export function resolveTarget(
  serverOption: string | undefined,
  tokenOption: string | undefined,
  env: NodeJS.ProcessEnv,
): Target {
  const server = serverOption ?? (env.PLANVERK_SERVER || undefined);
  if (server === undefined) {
    if (tokenOption !== undefined) throw new Error('--token goes with --server <url> (or PLANVERK_SERVER)');
    return { kind: 'local' };
  }
  const token = tokenOption ?? (env.PLANVERK_TOKEN || undefined);
  return { kind: 'remote', server: serverUrl(server), token };
}

function serverUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `--server must be the api's address, such as https://planverk.example.org, got "${text}"`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`--server must be an http:// or https:// address, got "${url.protocol}"`);
  }
  if (url.username || url.password) {
    throw new Error('--server must not carry a user name or password; use --token (or PLANVERK_TOKEN)');
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
