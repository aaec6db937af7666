import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { ALL_PROJECTIONS } from '@app/read-models';
import { runningProjections, sample } from '../support/metrics.js';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres.js';
import { REPO_ROOT, runCli, startApiProcess, transactionsWriting } from '../support/processes.js';
import { projectionsCaughtUp, readModelSnapshot } from '../support/read-models.js';

const PLAN = 'oslo-sv-2024-2027';
const SECRET = 'x'.repeat(40);
const COMMANDS = 1_000;
const CLIENTS = 8;
/** Acknowledged commands before the projector holding the leases is killed. */
const KILL_AFTER = 300;
const NAMES = ALL_PROJECTIONS.map((p) => p.name).sort();

interface Role {
  readonly name: string;
  readonly child: ChildProcess;
  readonly base: string;
}

/** The projections a process runs now, from its /metrics. */
const running = (role: Role): Promise<string[]> => runningProjections(role.base, NAMES);

/**
 * The production shape on a PostgreSQL server of the test's own: two api processes
 * (PLANVERK_ROLE=api) and two projector processes (PLANVERK_ROLE=projector), the built
 * `dist/apps/api/src/main.js` as `npm start` runs it. 1,000 commands go to both apis while both
 * are read; the projector running the projections (holding their leases) is killed with SIGKILL
 * while it applies a batch, and the other takes every projection over within 5 s. At the end
 * every acknowledged command is stored exactly once, the read models show each of them, and
 * they equal what `planverk projections rebuild` builds, run against the running deployment.
 * A second rebuild runs while both apis are read, anonymously and with a viewer's token: no
 * read sees an empty or partial read model, an internal plan, or a valid token refused.
 */
describe('two apis and two projectors on one PostgreSQL', () => {
  let server: OwnPostgres;
  let watcher: pg.Client;
  const roles: Role[] = [];
  let token: string;
  const measureIds: string[] = [];

  function env(role: string, name: string): Record<string, string> {
    const url = new URL(server.url);
    url.searchParams.set('application_name', name);
    return {
      DATABASE_URL: url.toString(),
      PLANVERK_ROLE: role,
      PLANVERK_DEMO: '0',
      PLANVERK_SESSION_SECRET: SECRET,
      PLANVERK_RATE_LIMIT_WRITES: '1000000',
      PLANVERK_LOG_LEVEL: 'warn',
    };
  }

  async function start(role: 'api' | 'projector', name: string): Promise<Role> {
    const { child, port } = await startApiProcess({ ...env(role, name), PORT: '0' });
    const started = { name, child, base: `http://127.0.0.1:${port}` };
    roles.push(started);
    return started;
  }

  const byName = (name: string): Role => roles.find((r) => r.name === name)!;

  beforeAll(async () => {
    server = await startOwnPostgres();
    watcher = new pg.Client({ connectionString: server.url });
    await watcher.connect();
    // The first projector migrates the database; then the others, side by side.
    await start('projector', 'projector-1');
    await Promise.all([start('projector', 'projector-2'), start('api', 'api-1'), start('api', 'api-2')]);
    // The first administrator, made with the CLI on the running deployment's database.
    const admin = await runCli(['users', 'add', 'driftsansvarlig', '--system-admin', '--token', 'test'], {
      DATABASE_URL: server.url,
    });
    expect(admin.code).toBe(0);
    token = /API token \(shown only now\): (\S+)/.exec(admin.stdout)![1]!;
    const auth = { Authorization: `Bearer ${token}` };
    const api = byName('api-1').base;
    await request(api)
      .post('/plans')
      .set(auth)
      .send({
        id: PLAN,
        organisationId: 'oslo-sv',
        title: 'Plan',
        period: { from: 2024, to: 2027 },
        bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
      })
      .expect(201);
    // Written on one api, read at once on the other.
    const section = await request(byName('api-2').base)
      .post(`/plans/${PLAN}/sections`)
      .set(auth)
      .send({ number: '1', title: 'Del' })
      .expect(201);
    for (const text of ['Tiltak A', 'Tiltak B', 'Tiltak C', 'Tiltak D']) {
      const measure = await request(api)
        .post(`/plans/${PLAN}/measures`)
        .set(auth)
        .send({ sectionId: section.body.sectionId, text })
        .expect(201);
      measureIds.push(measure.body.measureId);
    }
  }, 180_000);

  afterAll(async () => {
    for (const role of roles)
      if (role.child.exitCode === null && role.child.signalCode === null) role.child.kill('SIGKILL');
    await watcher?.end();
    server?.dispose();
  });

  it('serves only health and metrics from a projector, and runs no projection in an api', async () => {
    const projector = byName('projector-1');
    await request(projector.base).get('/health').expect(200);
    await request(projector.base).get(`/plans/${PLAN}`).expect(404);
    await request(projector.base).get('/').expect(404);
    expect(await running(projector)).toEqual(NAMES);
    expect(await running(byName('projector-2'))).toEqual([]);
    expect(await running(byName('api-1'))).toEqual([]);
    expect(await running(byName('api-2'))).toEqual([]);
    // Reads and writes on an api; its /health reports the lag the projectors leave.
    await request(byName('api-1').base).get(`/plans/${PLAN}`).expect(200);
    await projectionsCaughtUp(byName('api-2').base);
  });

  it('takes 1,000 commands over both apis, survives the lease holder killed mid-batch, and stores each once', async () => {
    const apis = [byName('api-1').base, byName('api-2').base];
    const auth = { Authorization: `Bearer ${token}` };
    const acknowledged = new Map<string, string>(); // command id -> measure id
    const statuses = new Map<number, number>();
    const notSeenOnTheOther: string[] = [];
    let tickets = 0;
    let kill: { holder: string; writing: number; signal: unknown; tookOverMs: number } | undefined;
    let killing: Promise<void> | undefined;

    async function killTheHolder(): Promise<void> {
      const holder = (await running(byName('projector-1'))).length > 0 ? 'projector-1' : 'projector-2';
      const other = holder === 'projector-1' ? 'projector-2' : 'projector-1';
      let seenWriting = 0;
      for (const deadline = Date.now() + 10_000; seenWriting === 0 && Date.now() < deadline;) {
        seenWriting = await transactionsWriting(watcher, holder);
      }
      const child = byName(holder).child;
      const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
      const killedAt = Date.now();
      child.kill('SIGKILL');
      const signal = await exited;
      for (;;) {
        const taken = await running(byName(other)).catch(() => []);
        if (taken.length === NAMES.length) break;
        if (Date.now() - killedAt > 30_000) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      kill = { holder, writing: seenWriting, signal, tookOverMs: Date.now() - killedAt };
    }

    async function client(id: number): Promise<void> {
      for (let n = tickets++; n < COMMANDS; n = tickets++) {
        const commandId = randomUUID();
        const measureId = measureIds[n % measureIds.length]!;
        const api = apis[(id + n) % 2]!;
        for (let attempt = 0; ; attempt++) {
          if (attempt >= 100) throw new Error(`command ${n} not acknowledged after 100 attempts`);
          const response = await request(api)
            .post(`/plans/${PLAN}/measures/${measureId}/notes`)
            .set(auth)
            .set('Idempotency-Key', commandId)
            .send({ note: `notat ${n}` })
            .timeout(15_000)
            .catch(() => undefined);
          const status = response?.status ?? 0;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === 200) {
            acknowledged.set(commandId, measureId);
            // Read-your-writes across the replicas: the other api, given the write's position,
            // shows what this one answered (unless it says it could not wait for it).
            if (n % 10 === 0) {
              const history = await request(apis[(id + n + 1) % 2]!)
                .get(`/measures/${measureId}/history`)
                .set(auth)
                .set('Planverk-Position', response!.headers['planverk-position'] as string);
              const rows = history.body as Array<{ commandId: string }>;
              const waited = history.headers['planverk-read-models'] === undefined;
              if (waited && !rows.some((row) => row.commandId === commandId))
                notSeenOnTheOther.push(commandId);
            }
            break;
          }
          // 409: another client appended to the plan first; 0 and 503: try again, same key.
          if (![0, 409, 503].includes(status)) {
            throw new Error(`command ${n}: unexpected ${status} ${JSON.stringify(response?.body)}`);
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        if (acknowledged.size >= KILL_AFTER) killing ??= killTheHolder();
      }
    }

    let reading = true;
    const reads = { ok: 0, failed: [] as string[] };
    async function reader(api: string): Promise<void> {
      while (reading) {
        const plan = await request(api).get(`/plans/${PLAN}`).timeout(15_000);
        const measures = JSON.stringify(plan.body).match(/Tiltak [ABCD]/g) ?? [];
        if (plan.status === 200 && new Set(measures).size === 4) reads.ok++;
        else reads.failed.push(`${plan.status} ${JSON.stringify(plan.body).slice(0, 200)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    const readers = apis.map((api) => reader(api));
    const started = Date.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    const seconds = (Date.now() - started) / 1000;
    await killing;
    reading = false;
    await Promise.all(readers);

    expect(acknowledged.size).toBe(COMMANDS);
    expect(reads.failed).toEqual([]);
    expect(reads.ok).toBeGreaterThan(0);
    expect(notSeenOnTheOther).toEqual([]);
    // The holder was killed with SIGKILL while it applied a batch, and the other took over in time.
    expect(kill).toMatchObject({ signal: 'SIGKILL', writing: expect.any(Number) });
    expect(kill!.writing).toBeGreaterThan(0);
    expect(kill!.tookOverMs).toBeLessThan(5_000);

    // Every acknowledged command stored exactly once.
    const stored = await watcher.query<{ command_id: string; n: number }>(
      "select metadata->>'commandId' as command_id, count(*)::int as n from events where type = 'ProgressNoted' group by 1",
    );
    const storedTimes = new Map(stored.rows.map((r) => [r.command_id, r.n]));
    expect([...acknowledged.keys()].filter((id) => storedTimes.get(id) !== 1)).toEqual([]);
    expect(stored.rows.every((r) => r.n === 1)).toBe(true);

    // The remaining projector shows each of them, and its read models equal a clean rebuild,
    // run by the CLI against the running deployment (it waits for the leases, then gives them back).
    const survivor = kill!.holder === 'projector-1' ? byName('projector-2') : byName('projector-1');
    await projectionsCaughtUp(survivor.base, 60_000);
    const live = await readModelSnapshot(server.url);
    const notes = live.tables.rm_plan_history!.filter(
      (row) => (JSON.parse(row) as { event_type: string }).event_type === 'ProgressNoted',
    );
    expect(notes).toHaveLength(stored.rows.length);
    const rebuilt = await runCli(['projections', 'rebuild'], { DATABASE_URL: server.url });
    expect(rebuilt.code).toBe(0);
    expect(await readModelSnapshot(server.url)).toEqual(live);
    // ...and the survivor runs every projection again afterwards.
    for (const deadline = Date.now() + 10_000; (await running(survivor)).length < NAMES.length;) {
      if (Date.now() > deadline)
        throw new Error('the projector did not take its projections back after the rebuild');
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(
      `replicas test: ${acknowledged.size} commands in ${seconds.toFixed(1)} s over two apis, ` +
        `${reads.ok} reads, statuses ${JSON.stringify([...statuses])}, kill ${JSON.stringify(kill)}`,
    );
  }, 300_000);

  it('rebuilds under read load on both apis: no empty or partial read model, no internal plan shown, no valid token refused', async () => {
    const apis = [byName('api-1').base, byName('api-2').base];
    const admin = { Authorization: `Bearer ${token}` };
    const INTERNAL = 'oslo-sv-styret-2024-2027';
    await request(apis[0]!)
      .post('/plans')
      .set(admin)
      .send({
        id: INTERNAL,
        organisationId: 'oslo-sv',
        title: 'Styrets plan',
        period: { from: 2024, to: 2027 },
      })
      .expect(201);
    const section = await request(apis[1]!)
      .post(`/plans/${INTERNAL}/sections`)
      .set(admin)
      .send({ number: '1', title: 'Intern del' })
      .expect(201);
    await request(apis[0]!)
      .post(`/plans/${INTERNAL}/measures`)
      .set(admin)
      .send({ sectionId: section.body.sectionId, text: 'Internt tiltak' })
      .expect(201);
    await request(apis[1]!)
      .post(`/plans/${INTERNAL}/visibility`)
      .set(admin)
      .send({ visibility: 'internal' })
      .expect(200);
    const viewer = await runCli(
      ['users', 'add', 'kari', '--org', 'oslo-sv', '--role', 'viewer', '--token', 'lesing'],
      {
        DATABASE_URL: server.url,
      },
    );
    expect(viewer.code).toBe(0);
    const kari = {
      Authorization: `Bearer ${/API token \(shown only now\): (\S+)/.exec(viewer.stdout)![1]!}`,
    };
    const notes = (await request(apis[0]!).get(`/plans/${PLAN}/history`).set(admin).expect(200)).body
      .length as number;

    let reading = true;
    const problems: string[] = [];
    let reads = 0;
    const check = (what: string, ok: boolean, response: { status: number; text: string }): void => {
      reads++;
      if (!ok) problems.push(`${what}: ${response.status} ${response.text.slice(0, 160)}`);
    };
    async function reader(api: string): Promise<void> {
      while (reading) {
        const published = await request(api).get(`/plans/${PLAN}`).timeout(15_000);
        check(
          'the published plan, whole',
          published.status === 200 && new Set(published.text.match(/Tiltak [ABCD]/g)).size === 4,
          published,
        );
        const hidden = await request(api).get(`/plans/${INTERNAL}`).timeout(15_000);
        check(
          'the internal plan to an outsider',
          hidden.status === 404 && !hidden.text.includes('Internt tiltak'),
          hidden,
        );
        const list = await request(api).get('/plans').timeout(15_000);
        check(
          'the plan list to an outsider',
          list.status === 200 && list.text.includes(PLAN) && !list.text.includes(INTERNAL),
          list,
        );
        const member = await request(api).get(`/plans/${INTERNAL}`).set(kari).timeout(15_000);
        check(
          'the internal plan to its viewer',
          member.status === 200 && member.text.includes('Internt tiltak'),
          member,
        );
        const history = await request(api).get(`/plans/${PLAN}/history`).set(kari).timeout(15_000);
        check(
          'the whole history',
          history.status === 200 && (history.body as unknown[]).length === notes,
          history,
        );
      }
    }
    // How far the rebuild has come, as an operator's Prometheus sees it on an api.
    const progress: number[] = [];
    async function scraper(): Promise<void> {
      while (reading) {
        const metrics = await request(apis[0]!).get('/metrics').timeout(15_000);
        const ratio = sample(metrics.text, 'planverk_rebuild_progress_ratio{projection="plan-history"}');
        if (ratio !== undefined) progress.push(ratio);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const readers = [...apis.flatMap((api) => [reader(api), reader(api)]), scraper()];
    await new Promise((r) => setTimeout(r, 500));
    const before = reads;
    const rebuilt = await runCli(['projections', 'rebuild'], { DATABASE_URL: server.url });
    const during = reads - before;
    reading = false;
    await Promise.all(readers);
    expect(rebuilt.code).toBe(0);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(during).toBeGreaterThan(20);
    expect(progress.every((ratio) => ratio >= 0 && ratio <= 1)).toBe(true);
    console.log(
      `replicas test: ${during} reads on two apis during the rebuild, none empty, partial or refused; ` +
        `rebuild progress seen on /metrics: ${JSON.stringify(progress)}`,
    );
  }, 180_000);
});

describe('PLANVERK_ROLE', () => {
  /** Starts the built api with `env` on top of ours and waits for it to exit. */
  function start(env: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['dist/apps/api/src/main.js'],
        { cwd: REPO_ROOT, env: { ...process.env, PORT: '0', ...env }, timeout: 30_000 },
        (error, _stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
      );
    });
  }

  it('stops at start-up with a message naming the variable when the role is unknown, or needs a database it has not got', async () => {
    const unknown = await start({ PLANVERK_ROLE: 'worker', DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /Configuration error: PLANVERK_ROLE must be one of all, api, projector, got "worker"/,
    );
    for (const role of ['api', 'projector']) {
      const embedded = await start({ PLANVERK_ROLE: role, DATABASE_URL: '' });
      expect(embedded.code).toBe(1);
      expect(embedded.stderr).toMatch(
        new RegExp(
          `Configuration error: PLANVERK_ROLE=${role} needs DATABASE_URL: the embedded database opens in one process only`,
        ),
      );
    }
  });
});
