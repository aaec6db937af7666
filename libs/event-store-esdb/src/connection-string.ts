/**
 * KurrentDB (EventStoreDB's new name) documents `kurrentdb://` connection strings, and the
 * config accepts them, but @eventstore/db-client 6.2 parses only `esdb://` and
 * `esdb+discover://` and throws a ParseError for anything else at start-up. The rest of the
 * string means the same to both, so only the scheme is translated.
 */
const SCHEMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(kurrentdb|kurrent|kdb)\+discover:\/\//i, 'esdb+discover://'],
  [/^(kurrentdb|kurrent|kdb):\/\//i, 'esdb://'],
  [/^esdb\+discover:\/\//i, 'esdb+discover://'],
  [/^esdb:\/\//i, 'esdb://'],
];

export function clientConnectionString(connectionString: string): string {
  const trimmed = connectionString.trim();
  for (const [scheme, replacement] of SCHEMES) {
    if (scheme.test(trimmed)) return trimmed.replace(scheme, replacement);
  }
  throw new Error(
    `An EventStoreDB/KurrentDB connection string starts with esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover://, got "${trimmed.replace(/\/\/[^@/]*@/, '//…@')}"`,
  );
}

/** The user and password in a connection string (`esdb://user:pass@host`), if it names them. */
export function connectionCredentials(
  connectionString: string,
): { readonly username: string; readonly password: string } | undefined {
  const match = /^[a-z+]+:\/\/([^:@/]+):([^@/]*)@/i.exec(connectionString.trim());
  if (!match) return undefined;
  return { username: decodeURIComponent(match[1]!), password: decodeURIComponent(match[2]!) };
}

/** Whether the connection string turns TLS off (`tls=false`): the client then sends no credentials at all. */
export function isInsecure(connectionString: string): boolean {
  return /[?&]tls=false(&|$)/i.test(connectionString);
}
