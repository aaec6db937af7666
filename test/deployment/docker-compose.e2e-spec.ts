import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@app/config';
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/processes.js';

interface ComposeFile {
  services: Record<
    string,
    {
      environment?: Record<string, string> | string[];
      profiles?: string[];
      volumes?: string[];
      depends_on?: string[] | Record<string, unknown>;
    }
  >;
}

// `merge`: the services share their environment through YAML merge keys (`<<: *planverk`), as compose reads them.
const compose = parse(readFileSync(`${REPO_ROOT}docker-compose.yml`, 'utf8'), { merge: true }) as ComposeFile;

/** A service's environment as name -> value (compose allows a mapping or a list of NAME=value). */
function environmentOf(service: string): Record<string, string> {
  const environment = compose.services[service]?.environment ?? {};
  if (!Array.isArray(environment)) return environment;
  return Object.fromEntries(
    environment.map((entry) => [entry.split('=')[0]!, entry.slice(entry.indexOf('=') + 1)]),
  );
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[?-])([^}]*))?\}/g;
/** Exactly one variable that compose refuses to start without: `${NAME:?message}`. */
const REQUIRED = /^\$\{[A-Za-z_][A-Za-z0-9_]*:\?[^}]+\}$/;

/** What compose makes of a value: variables filled from `env`; unset required ones stop it. */
function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(REFERENCE, (_match, name: string, operator: string | undefined, argument: string) => {
    const set = env[name];
    if (operator === ':?' && !set)
      throw new Error(`required variable ${name} is missing a value: ${argument}`);
    if (operator === '?' && set === undefined)
      throw new Error(`required variable ${name} is missing: ${argument}`);
    if (operator === ':-') return set || argument;
    if (operator === '-') return set ?? argument;
    return set ?? '';
  });
}

/** The `NAME=value` lines of .env.example. */
function envExample(): Record<string, string> {
  const lines = readFileSync(`${REPO_ROOT}.env.example`, 'utf8').split('\n');
  return Object.fromEntries(
    lines
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** `ENV NAME=value` of the Dockerfile's last stage: what the api container runs with. */
function imageEnvironment(): Record<string, string> {
  const stages = readFileSync(`${REPO_ROOT}Dockerfile`, 'utf8').split(/^FROM /m);
  const last = stages[stages.length - 1]!;
  return Object.fromEntries(
    [...last.matchAll(/^ENV ([A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!] as const),
  );
}

/**
 * `docker compose up` as a user runs it: secrets only from their environment or their `.env`
 * (made from .env.example), none written in docker-compose.yml, and the api container's
 * configuration (NODE_ENV=production from the Dockerfile) accepted as it starts.
 */
describe('the docker compose deployment', () => {
  it('has no password or secret written in docker-compose.yml: each one is a variable compose requires', () => {
    const secrets: string[] = [];
    for (const service of Object.keys(compose.services)) {
      for (const [name, value] of Object.entries(environmentOf(service))) {
        if (/PASSWORD|SECRET|TOKEN|_KEY$/.test(name)) {
          secrets.push(`${service}.${name}`);
          expect({ [`${service}.${name}`]: value }).toEqual({
            [`${service}.${name}`]: expect.stringMatching(REQUIRED),
          });
        }
        // A password inside a URL (postgres://user:password@host) must be a required variable too.
        const userinfo = /^[a-z+]+:\/\/[^/@:]*:([^@]*)@/.exec(String(value));
        if (userinfo) {
          secrets.push(`${service}.${name} (password in the URL)`);
          expect({ [`${service}.${name}`]: userinfo[1] }).toEqual({
            [`${service}.${name}`]: expect.stringMatching(REQUIRED),
          });
        }
      }
    }
    expect(secrets).toEqual(
      expect.arrayContaining([
        'postgres.POSTGRES_PASSWORD',
        'api.PLANVERK_SESSION_SECRET',
        'api.DATABASE_URL (password in the URL)',
      ]),
    );
  });

  it('names in .env.example, without values, every variable compose requires, and refuses to start while one is empty', () => {
    const example = envExample();
    const required = new Set<string>();
    for (const service of Object.keys(compose.services)) {
      for (const value of Object.values(environmentOf(service))) {
        for (const m of String(value).matchAll(REFERENCE)) if (m[2] === ':?') required.add(m[1]!);
      }
    }
    expect(Object.keys(example).sort()).toEqual([...required].sort());
    // An example, not a secret: copied unchanged, compose stops and says what to set.
    expect(Object.values(example).every((value) => value === '')).toBe(true);
    expect(() => interpolate(environmentOf('api').PLANVERK_SESSION_SECRET!, example)).toThrow(
      /PLANVERK_SESSION_SECRET.*openssl rand/,
    );
    expect(() => interpolate(environmentOf('api').DATABASE_URL!, example)).toThrow(/POSTGRES_PASSWORD/);
  });

  it("gives the api container, which runs with the image's NODE_ENV=production, a configuration it starts with", () => {
    const filled = {
      PLANVERK_SESSION_SECRET: randomBytes(32).toString('hex'),
      POSTGRES_PASSWORD: randomBytes(24).toString('hex'),
    };
    const image = imageEnvironment();
    expect(image.NODE_ENV).toBe('production');
    const container = {
      ...image,
      ...Object.fromEntries(
        Object.entries(environmentOf('api')).map(([name, value]) => [
          name,
          interpolate(String(value), filled),
        ]),
      ),
    };
    const config = loadConfig(container);
    expect(config.security.sessionSecret).toBe(filled.PLANVERK_SESSION_SECRET);
    expect(config.database).toEqual({
      kind: 'postgres',
      url: `postgres://postgres:${filled.POSTGRES_PASSWORD}@postgres:5432/planverk`,
    });
    expect(config.eventStore.kind).toBe('eventstoredb');
    // The same container without the secret does not start (what compose used to do).
    const { PLANVERK_SESSION_SECRET: _omitted, ...withoutSecret } = container;
    expect(() => loadConfig(withoutSecret)).toThrow(
      /PLANVERK_SESSION_SECRET must be set when NODE_ENV=production/,
    );
  });

  it('stops the built api at start-up under NODE_ENV=production without PLANVERK_SESSION_SECRET, saying why', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://planverk@127.0.0.1:1/never-reached',
      PLANVERK_DEMO: '0',
    };
    delete env.PLANVERK_SESSION_SECRET;
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['dist/apps/api/src/main.js'],
        { cwd: REPO_ROOT, env, timeout: 30_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
      );
      child.stdin?.end();
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Configuration error: PLANVERK_SESSION_SECRET must be set when NODE_ENV=production/,
    );
    expect(result.stdout).not.toMatch(/Planverk is running/);
  });

  it('has a scaled profile: two api replicas behind Caddy, one projector, on the same PostgreSQL and KurrentDB', () => {
    const scaled = Object.entries(compose.services)
      .filter(([, service]) => service.profiles?.includes('scaled'))
      .map(([name]) => name)
      .sort();
    expect(scaled).toEqual(['api-1', 'api-2', 'projector', 'proxy']);
    const filled = {
      PLANVERK_SESSION_SECRET: randomBytes(32).toString('hex'),
      POSTGRES_PASSWORD: randomBytes(24).toString('hex'),
    };
    const configOf = (service: string) =>
      loadConfig({
        ...imageEnvironment(),
        ...Object.fromEntries(
          Object.entries(environmentOf(service)).map(([name, value]) => [
            name,
            interpolate(String(value), filled),
          ]),
        ),
      });
    const single = configOf('api');
    expect(single.role).toBe('all');
    expect(configOf('api-1').role).toBe('api');
    expect(configOf('api-2').role).toBe('api');
    expect(configOf('projector').role).toBe('projector');
    // Every process on the same databases with the same session secret (a session signed by one is read by the others).
    for (const service of ['api-1', 'api-2', 'projector']) {
      const config = configOf(service);
      expect(config.database).toEqual(single.database);
      expect(config.eventStore).toEqual(single.eventStore);
      expect(config.security.sessionSecret).toBe(filled.PLANVERK_SESSION_SECRET);
    }
    expect(environmentOf('api').EVENTSTORE_CONNECTION_STRING).toMatch(/^kurrentdb:\/\/kurrentdb:2113/);
    // Caddy spreads requests over both replicas, each checked at /health/ready.
    expect(compose.services.proxy?.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    const caddyfile = readFileSync(`${REPO_ROOT}deploy/Caddyfile`, 'utf8');
    expect(caddyfile).toMatch(/reverse_proxy api-1:3000 api-2:3000/);
    expect(caddyfile).toMatch(/health_uri \/health\/ready/);
  });

  const composeCli = findComposeCli();
  (composeCli ? it : it.skip)(
    composeCli
      ? `is valid for ${composeCli.join(' ')} config, both shapes`
      : 'is valid for docker compose config: skipped, no docker compose (or docker-compose) client installed',
    () => {
      const env = {
        ...process.env,
        PLANVERK_SESSION_SECRET: randomBytes(32).toString('hex'),
        POSTGRES_PASSWORD: randomBytes(24).toString('hex'),
      };
      for (const profile of [[], ['--profile', 'scaled']]) {
        const result = spawnSync(
          composeCli![0]!,
          [...composeCli!.slice(1), ...profile, 'config', '--services'],
          {
            cwd: REPO_ROOT,
            env,
            encoding: 'utf8',
          },
        );
        expect({ profile, stderr: result.stderr, status: result.status }).toEqual({
          profile,
          stderr: '',
          status: 0,
        });
        // The standalone docker-compose (v1) lists every service whatever the profile; the plugin only the active ones.
        const services = result.stdout.trim().split('\n');
        expect(services).toEqual(expect.arrayContaining(['api', 'kurrentdb', 'postgres']));
        if (profile.length > 0) {
          expect(services).toEqual(expect.arrayContaining(['api-1', 'api-2', 'projector', 'proxy']));
        }
      }
    },
  );
});

/** `docker compose` (the plugin) or `docker-compose` (the standalone client), whichever answers; undefined without either. */
function findComposeCli(): string[] | undefined {
  for (const cli of [['docker', 'compose'], ['docker-compose']]) {
    const probe = spawnSync(cli[0]!, [...cli.slice(1), 'version'], { encoding: 'utf8' });
    if (probe.status === 0) return cli;
  }
  return undefined;
}
