import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@app/config';
import { createSharedTestDatabase, type SharedTestDatabase } from '@app/testing';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api.js';
import { runCli } from '../support/processes.js';

/** The first users of a deployment without the demo: made from the command line. */
describe('planverk users', () => {
  let shared: SharedTestDatabase;
  let token: string;
  let output: string;

  /** The api on the shared database, asked something, then closed again (one process at a time). */
  async function withApi<T>(
    work: (http: ReturnType<Awaited<ReturnType<typeof createApi>>['getHttpServer']>) => Promise<T>,
  ): Promise<T> {
    const database = await shared.open();
    const app = await createApi({
      config: loadConfig({ PLANVERK_DEMO: '0' }),
      runProjections: true,
      database,
      logger: false,
    });
    try {
      return await work(app.getHttpServer());
    } finally {
      await app.close();
      await database.close();
    }
  }

  beforeAll(async () => {
    shared = await createSharedTestDatabase();
    const admin = await runCli(
      ['users', 'add', 'forste-admin', '--system-admin', '--token', 'oppsett'],
      shared.env,
    );
    expect(admin.code).toBe(0);
    const adminToken = /API token \(shown only now\): (\S+)/.exec(admin.stdout)![1]!;
    await withApi(async (http) => {
      const auth = { Authorization: `Bearer ${adminToken}` };
      for (const [id, org] of [
        ['oslo-sv-2024-2027', 'oslo-sv'],
        ['bergen-sv-2024-2027', 'bergen-sv'],
      ]) {
        await request(http)
          .post('/plans')
          .set(auth)
          .send({ id, organisationId: org, title: 'Arbeidsplan', period: { from: 2024, to: 2027 } })
          .expect(201);
      }
    });
    const secretary = await runCli(
      ['users', 'add', 'kari', '--org', 'oslo-sv', '--role', 'secretary', '--token', 'skript'],
      shared.env,
    );
    output = secretary.stdout;
    expect(secretary.code).toBe(0);
    token = /API token \(shown only now\): (\S+)/.exec(secretary.stdout)![1]!;
  });
  afterAll(async () => {
    await shared.dispose();
  });

  it('prints the new password and token once', () => {
    expect(output).toMatch(/^User kari \(/m);
    expect(output).toMatch(/^Password \(shown only now\): \S{12,}$/m);
    expect(token.length).toBeGreaterThan(20);
  });

  it("gives the secretary's token rights in her organisation and none in another", async () => {
    await withApi(async (http) => {
      const auth = { Authorization: `Bearer ${token}` };
      // Retitling is a plan editor's work, not a secretary's.
      await request(http)
        .post('/plans/oslo-sv-2024-2027/title')
        .set(auth)
        .send({ title: 'Ny tittel' })
        .expect(403);
      await request(http)
        .post('/plans/bergen-sv-2024-2027/measurements')
        .set(auth)
        .send({ metric: 'members', value: 1, at: '2025-12-31' })
        .expect(403);
      await request(http)
        .post('/plans/oslo-sv-2024-2027/measurements')
        .set(auth)
        .send({ metric: 'members', value: 3394, at: '2025-12-31' })
        .expect(200);
      const history = (await request(http).get('/plans/oslo-sv-2024-2027/history').set(auth).expect(200))
        .body;
      expect(history.map((h: { eventType: string }) => h.eventType)).toEqual([
        'PlanCreated',
        'IndicatorMeasured',
      ]);
      expect(history[1].actor).toBe('user:' + /\(([^)]+)\)/.exec(output)![1]);
    });
  });

  it('refuses an unknown role, naming the roles there are', async () => {
    const result = await runCli(['users', 'add', 'ola', '--org', 'oslo-sv', '--role', 'king'], shared.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Unknown role "king" \(roles: viewer, member, secretary, meeting_officer, plan_editor, admin\)/,
    );
  });
});
