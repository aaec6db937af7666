import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSharedTestDatabase, type SharedTestDatabase } from '@app/testing';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/own-postgres.js';
import { runCli, startApiProcess, type ProcessResult } from '../support/processes.js';

const SEED = fileURLToPath(new URL('../../demo/seeds/001_23325c842a46d39f.txt', import.meta.url));
const PROTOCOL = fileURLToPath(new URL('../fixtures/oslo-sv-am-2026.protocol.yaml', import.meta.url));
const PLAN = 'oslo-sv-2024-2027';
const PASSWORD = 'et-langt-passord-for-testen';

/** The CLI in remote mode: the built api as a separate process, reached only over HTTP. */
describe('planverk --server (remote mode)', () => {
  let shared: SharedTestDatabase;
  let api: Awaited<ReturnType<typeof startApiProcess>>;
  let server: string;
  let adminId: string;
  let adminToken: string;
  let secretaryToken: string;
  /** A data directory no remote command may create anything in: remote mode opens no database. */
  let noDatabase: string;
  const outputs: ProcessResult[] = [];

  const remote = async (args: string[], token: string | undefined, input?: string) => {
    const env = { DATABASE_URL: '', PLANVERK_DATA_DIR: noDatabase, PLANVERK_SERVER: '', PLANVERK_TOKEN: '' };
    const result = await runCli(
      ['--server', server, ...(token ? ['--token', token] : []), ...args],
      env,
      input,
    );
    outputs.push(result);
    return result;
  };
  /** The api itself, as the administrator: what the CLI's writes are checked against. */
  const call = async (path: string, body?: object) => {
    const response = await fetch(`${server}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(response.status).toBeLessThan(300);
    return response.json();
  };
  const get = (path: string) => call(path);

  beforeAll(async () => {
    shared = await createSharedTestDatabase();
    noDatabase = mkdtempSync(join(tmpdir(), 'planverk-remote-'));
    // Users are made on the server's own database (before the api opens it: PGlite is one process).
    const admin = await runCli(['users', 'add', 'fjern-admin', '--system-admin'], {
      ...shared.env,
      PLANVERK_NEW_PASSWORD: PASSWORD,
    });
    expect(admin.code).toBe(0);
    adminId = /^User fjern-admin \(([^)]+)\)/m.exec(admin.stdout)![1]!;
    api = await startApiProcess({ ...shared.env, PORT: '0', PLANVERK_DEMO: '0' });
    server = `http://127.0.0.1:${api.port}`;
  });

  afterAll(async () => {
    await api?.stop();
    await shared.dispose();
    rmSync(noDatabase, { recursive: true, force: true });
  });

  it('logs in with the password on standard input and prints the token, and only that', async () => {
    const login = await remote(
      ['login', '--username', 'fjern-admin', '--label', 'remote test'],
      undefined,
      `${PASSWORD}\n`,
    );
    expect(login.stderr).toMatch(/shown only now, stored nowhere/);
    expect(login.code).toBe(0);
    expect(login.stdout).toMatch(/^pvk_\S+\n$/);
    adminToken = login.stdout.trim();
    expect(await get('/auth/me')).toMatchObject({ userId: adminId, via: 'token' });
    // A secretary of Oslo SV, with a token of her own, made through the api.
    await call('/organisations', { id: 'oslo-sv', name: 'Oslo SV', level: 'county' });
    const { userId } = (await call('/users', { username: 'kari', password: PASSWORD })) as { userId: string };
    await call('/organisations/oslo-sv/roles', { userId, role: 'secretary' });
    const issued = (await call('/auth/tokens', { username: 'kari', password: PASSWORD })) as {
      token: string;
    };
    secretaryToken = issued.token;
  });

  it('imports a plan over HTTP as the token’s user; the api shows it', async () => {
    const imported = await remote(['import', SEED], adminToken);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(new RegExp(`^Imported ${PLAN}: \\d+ events$`, 'm'));
    expect(imported.code).toBe(0);
    const history = (await get(`/plans/${PLAN}/history`)) as Array<{ actor: string }>;
    expect(history.map((h) => h.actor)).toContain(`user:${adminId}`);
    expect(history.map((h) => h.actor).join()).not.toMatch(/cli:/);
  });

  it('reads organisations, plans, a plan as Markdown and its follow-up', async () => {
    const [orgs, plans, md, followUp] = await Promise.all([
      remote(['organisations', 'list'], adminToken),
      remote(['plans', 'list', '--json'], adminToken),
      remote(['export', PLAN, '--format', 'md', '--line-numbers'], adminToken),
      remote(['follow-up', PLAN, '--json'], adminToken),
    ]);
    expect(orgs.stdout).toBe('oslo-sv\tcounty\t-\tOslo SV\n');
    expect(JSON.parse(plans.stdout).map((p: { id: string }) => p.id)).toEqual([PLAN]);
    expect(md.stdout).toMatch(
      /^ {5}# Oslo SVs arbeids- og organisasjonsplan 2024-2027.*\n 27 {2}## 1 Innledning$/m,
    );
    expect(JSON.parse(followUp.stdout)).toMatchObject({ planId: PLAN });
    for (const result of [orgs, plans, md, followUp]) expect(result.code).toBe(0);
  });

  it('replays a meeting protocol over HTTP', async () => {
    const replayed = await remote(['replay', PROTOCOL], adminToken);
    expect(replayed.stderr).toBe('');
    expect(replayed.stdout).toMatch(/^The plan as a whole: adopted \(adopted revision 1\)$/m);
    expect(replayed.code).toBe(0);
    expect(await get(`/plans/${PLAN}`)).toMatchObject({ status: 'adopted', adoptedRevision: 1 });
  });

  it('fails an amendment list from which nothing was filed over HTTP, naming each entry and why', async () => {
    const list = join(noDatabase, 'ingenting.txt');
    writeFileSync(
      list,
      '1.\nForslagsstillerStovner SV\nPlassLinje 400\nType forslagStryking\nForslagStryke hele punktet.\n',
    );
    const result = await remote(['amendments', 'import', list, '--meeting', 'oslo-sv-am-2026'], adminToken);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Nothing in this list could be filed$/m);
    expect(result.stdout).toMatch(/not filed: no\. 1: Linje 400 er utenfor sakspapirene/);
    rmSync(list);
  });

  it('says 403 with the api’s reason when the token’s user lacks the role, appending nothing', async () => {
    const before = ((await get(`/plans/${PLAN}/events`)) as unknown[]).length;
    const refused = await remote(['import', SEED, '--id', 'oslo-sv-kopi-2024-2027'], secretaryToken);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^planverk: ${server} answered 403 Forbidden: You need the role plan_editor in oslo-sv for this\\n$`,
      ),
    );
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(((await get('/plans')) as Array<{ id: string }>).map((p) => p.id)).toEqual([PLAN]);
    expect(((await get(`/plans/${PLAN}/events`)) as unknown[]).length).toBe(before);
  });

  it('says 401 for a token the server does not know, without printing it', async () => {
    const bad = 'pvk_this-token-was-never-issued-0123456789';
    const refused = await remote(['plans', 'list'], bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/answered 401 Unauthorized: The token is unknown, revoked or expired/);
    expect(refused.stderr + refused.stdout).not.toContain(bad);
  });

  it('refuses a command that only works against a database, and opens none', async () => {
    const rebuild = await remote(['projections', 'rebuild'], adminToken);
    expect(rebuild.code).toBe(1);
    expect(rebuild.stderr).toBe(
      'planverk: "projections rebuild" only works against a database; run it where the service runs ' +
        '(without --server and PLANVERK_SERVER)\n',
    );
    expect(readdirSync(noDatabase)).toEqual([]);
  });

  it('names the server when it cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const result = await runCli(['--server', closed, '--token', adminToken, 'plans', 'list'], {
      DATABASE_URL: '',
      PLANVERK_DATA_DIR: noDatabase,
    });
    outputs.push(result);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`planverk: cannot reach the Planverk server at ${closed} (ECONNREFUSED)\n`);
  });

  it('never printed the token anywhere but in login', () => {
    for (const result of outputs.slice(1)) {
      expect(result.stdout + result.stderr).not.toContain(adminToken);
      expect(result.stdout + result.stderr).not.toContain(secretaryToken);
    }
  });
});
