// Not the adapter's index: that loads the EventStoreDB client (~30 MiB) into every process.
import { clientConnectionString } from '@app/event-store-esdb/connection-string';
import { resolve } from 'node:path';

export type DatabaseConfig =
  { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite'; readonly dataDir: string };

export type EventStoreConfig =
  { readonly kind: 'postgres' } | { readonly kind: 'eventstoredb'; readonly connectionString: string };

/**
 * What a process of the deployment does (PLANVERK_ROLE): `all` serves and runs the projections
 * (one process, as `npm start`); `api` serves and runs none; `projector` runs them and serves
 * only /health and /metrics.
 */
export type ProcessRole = 'all' | 'api' | 'projector';

export const PROCESS_ROLES: readonly ProcessRole[] = ['all', 'api', 'projector'];

export interface PlanverkConfig {
  readonly role: ProcessRole;
  readonly database: DatabaseConfig;
  readonly eventStore: EventStoreConfig;
  readonly port: number;
  /** Load the demo data (the seed plans) into an empty store at start-up. */
  readonly demo: boolean;
  /** Sign-in, sessions, rate limits and OIDC (see the README's Security section). */
  readonly security: SecurityConfig;
}

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  /** Absent for a public client (PKCE alone). */
  readonly clientSecret: string | undefined;
  readonly redirectUri: string;
  readonly scope: string;
}

export interface SecurityConfig {
  /**
   * Signs session cookies and CSRF tokens (PLANVERK_SESSION_SECRET, 32 characters or more).
   * Unset: the embedded demo keeps a generated one in its data directory; with PostgreSQL a
   * random one per process is used (with a warning), and NODE_ENV=production refuses to start.
   */
  readonly sessionSecret: string | undefined;
  readonly sessionHours: number;
  /** Trust X-Forwarded-* from this many proxies (PLANVERK_TRUST_PROXY), so cookies are secure behind https. */
  readonly trustProxy: number;
  /** Requests per minute and client address. */
  readonly rateLimits: { readonly signInPerMinute: number; readonly writesPerMinute: number };
  readonly oidc: OidcConfig | undefined;
  readonly logLevel: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and checks the configuration once, at start-up, so a bad variable stops the
 * process with a message naming it instead of failing later in a request.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): PlanverkConfig {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be a postgres:// or postgresql:// URL, got "${databaseUrl}"`);
  }
  const esdb = env.EVENTSTORE_CONNECTION_STRING?.trim();
  if (esdb) {
    try {
      clientConnectionString(esdb);
    } catch (error) {
      throw new ConfigError(`EVENTSTORE_CONNECTION_STRING: ${(error as Error).message}`);
    }
  }
  const role = (env.PLANVERK_ROLE?.trim() || 'all') as ProcessRole;
  if (!PROCESS_ROLES.includes(role)) {
    throw new ConfigError(
      `PLANVERK_ROLE must be one of ${PROCESS_ROLES.join(', ')}, got "${env.PLANVERK_ROLE}"`,
    );
  }
  if (role !== 'all' && !databaseUrl) {
    throw new ConfigError(
      `PLANVERK_ROLE=${role} needs DATABASE_URL: the embedded database opens in one process only, which runs all roles`,
    );
  }
  return {
    role,
    database: databaseUrl
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'pglite', dataDir: resolve(env.PLANVERK_DATA_DIR?.trim() || './data') },
    eventStore: esdb ? { kind: 'eventstoredb', connectionString: esdb } : { kind: 'postgres' },
    port: parsePort(env.PORT),
    demo: parseFlag('PLANVERK_DEMO', env.PLANVERK_DEMO, true),
    security: loadSecurityConfig(env),
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function loadSecurityConfig(env: NodeJS.ProcessEnv): SecurityConfig {
  const secret = env.PLANVERK_SESSION_SECRET?.trim() || undefined;
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError(
      'PLANVERK_SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)',
    );
  }
  if (secret === undefined && env.NODE_ENV === 'production') {
    throw new ConfigError(
      'PLANVERK_SESSION_SECRET must be set when NODE_ENV=production: it signs session cookies and CSRF tokens (32 characters or more, e.g. `openssl rand -hex 32`)',
    );
  }
  const logLevel = env.PLANVERK_LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`PLANVERK_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  return {
    sessionSecret: secret,
    sessionHours: parseWhole('PLANVERK_SESSION_HOURS', env.PLANVERK_SESSION_HOURS, 12, 1, 24 * 90),
    trustProxy: parseWhole('PLANVERK_TRUST_PROXY', env.PLANVERK_TRUST_PROXY, 0, 0, 10),
    rateLimits: {
      signInPerMinute: parseWhole('PLANVERK_RATE_LIMIT_SIGN_IN', env.PLANVERK_RATE_LIMIT_SIGN_IN, 10, 1, 1e9),
      writesPerMinute: parseWhole('PLANVERK_RATE_LIMIT_WRITES', env.PLANVERK_RATE_LIMIT_WRITES, 300, 1, 1e9),
    },
    oidc: loadOidcConfig(env),
    logLevel,
  };
}

/** OIDC is on when OIDC_ISSUER is set; then the client id and redirect URI are required too. */
export function loadOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const value = (name: string) => env[name]?.trim() || undefined;
  const issuer = value('OIDC_ISSUER');
  const clientId = value('OIDC_CLIENT_ID');
  const clientSecret = value('OIDC_CLIENT_SECRET');
  const redirectUri = value('OIDC_REDIRECT_URI');
  if (!issuer) {
    const stray = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'].filter((n) => value(n));
    if (stray.length > 0) throw new ConfigError(`${stray.join(', ')} set without OIDC_ISSUER`);
    return undefined;
  }
  const url = (name: string, raw: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
    }
    const local = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1';
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
      throw new ConfigError(`${name} must be an https:// URL (http:// only for localhost), got "${raw}"`);
    }
    return raw;
  };
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID must be set when OIDC_ISSUER is');
  if (!redirectUri) throw new ConfigError('OIDC_REDIRECT_URI must be set when OIDC_ISSUER is');
  return {
    issuer: url('OIDC_ISSUER', issuer),
    clientId,
    clientSecret,
    redirectUri: url('OIDC_REDIRECT_URI', redirectUri),
    scope: value('OIDC_SCOPE') ?? 'openid profile email',
  };
}

function parseWhole(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${value}"`);
  }
  return port;
}

function parseFlag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(value.trim().toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1 or 0 (true or false), got "${value}"`);
}
