import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@app/config';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/processes.js';

interface ComposeFile {
  services: Record<string, { environment?: Record<string, string> | string[] }>;
}

const compose = parse(readFileSync(`${REPO_ROOT}docker-compose.yml`, 'utf8')) as ComposeFile;

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
});
