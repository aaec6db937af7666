import { resolve } from 'node:path';

export type DatabaseConfig =
  { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite'; readonly dataDir: string };

export type EventStoreConfig =
  { readonly kind: 'postgres' } | { readonly kind: 'eventstoredb'; readonly connectionString: string };

export interface PlanverkConfig {
  readonly database: DatabaseConfig;
  readonly eventStore: EventStoreConfig;
  readonly port: number;
  /** Load the demo data (the seed plans) into an empty store at start-up. */
  readonly demo: boolean;
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
  if (esdb && !/^(esdb|kurrentdb|kurrent|esdb\+discover|kurrentdb\+discover):\/\//.test(esdb)) {
    throw new ConfigError(
      `EVENTSTORE_CONNECTION_STRING must start with esdb:// or kurrentdb://, got "${esdb}"`,
    );
  }
  return {
    database: databaseUrl
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'pglite', dataDir: resolve(env.PLANVERK_DATA_DIR?.trim() || './data') },
    eventStore: esdb ? { kind: 'eventstoredb', connectionString: esdb } : { kind: 'postgres' },
    port: parsePort(env.PORT),
    demo: parseFlag('PLANVERK_DEMO', env.PLANVERK_DEMO, true),
  };
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
