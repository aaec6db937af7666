import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSharedTestDatabase, tablesOf, type SharedTestDatabase } from '@app/testing';
import { readFileSync } from 'node:fs';
import { runCli, startApiProcess } from '../support/processes.js';

const USERNAME = 'kari.nordmann@example.org';
const PASSWORD = 'et-langt-hemmelig-passord';
const SEED = readFileSync(new URL('../../../shared/seeds/001_23325c842a46d39f.txt', import.meta.url), 'utf8');
const PROTOCOL = readFileSync(new URL('../fixtures/oslo-sv-am-2026.protocol.yaml', import.meta.url), 'utf8');
const LIST = `Forslag 1
Forslagsstiller: Østensjø SV
Plass: Linje 141 tom 142
Type forslag: Endring
Forslag: Stryke: «minst to medlemsaktiviteter per halvår» Erstatte med: «minst tre medlemsaktiviteter per halvår»
`;

interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly req?: { id?: string };
  readonly res?: { statusCode?: number };
  readonly commandId?: string;
  readonly actor?: string;
}

/**
 * The built api's request log, as `npm start` writes it: each command's lines carry the request
 * id and the id of the command that the stored events carry, with the actor's id, and nothing
 * personal (no username, e-mail, password, token or request body).
 */
describe('the request log of the api process', () => {
  let shared: SharedTestDatabase;
  let output = '';
  let lines: LogLine[] = [];
  let events: Array<{ type: string; metadata: { commandId: string; correlationId?: string; actor: string } }>;
  let token = '';
  let userId = '';

  beforeAll(async () => {
    shared = await createSharedTestDatabase();
    const added = await runCli(['users', 'add', USERNAME, '--system-admin'], {
      ...shared.env,
      PLANVERK_NEW_PASSWORD: PASSWORD,
    });
    expect(added.code).toBe(0);
    const api = await startApiProcess({
      ...shared.env,
      PORT: '0',
      PLANVERK_DEMO: '0',
      PLANVERK_LOG_LEVEL: 'info',
    });
    const base = `http://127.0.0.1:${api.port}`;
    const send = async (
      rid: string,
      method: string,
      path: string,
      body?: string,
      headers: Record<string, string> = {},
    ) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { 'X-Request-Id': rid, ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
        ...(body !== undefined ? { body } : {}),
        redirect: 'manual',
      });
      return response;
    };
    const json = { 'Content-Type': 'application/json' };
    try {
      const issued = await send(
        'log-token',
        'POST',
        '/auth/tokens',
        JSON.stringify({ username: USERNAME, password: PASSWORD, label: 'logger' }),
        json,
      );
      expect(issued.status).toBe(201);
      ({ token, userId } = (await issued.json()) as { token: string; userId: string });
      expect(
        (
          await send(
            'log-org',
            'POST',
            '/organisations',
            JSON.stringify({ id: 'oslo-sv', name: 'Loggfylket SV', level: 'county' }),
            json,
          )
        ).status,
      ).toBe(201);
      expect(
        (await send('log-import', 'POST', '/imports', SEED, { 'Content-Type': 'text/plain' })).status,
      ).toBe(201);
      expect(
        (
          await send(
            'log-meeting',
            'POST',
            '/meetings',
            JSON.stringify({
              id: 'oslo-sv-am-2026',
              organisationId: 'oslo-sv',
              body: 'ÅM',
              date: '2026-03-14',
              planId: 'oslo-sv-2024-2027',
            }),
            json,
          )
        ).status,
      ).toBe(201);
      expect(
        (
          await send('log-amendments', 'POST', '/meetings/oslo-sv-am-2026/amendments/import', LIST, {
            'Content-Type': 'text/plain',
          })
        ).status,
      ).toBe(201);
      const replay = PROTOCOL.replace('id: oslo-sv-am-2026', 'id: oslo-sv-xm-2026');
      expect(
        (await send('log-replay', 'POST', '/meetings/replay', replay, { 'Content-Type': 'application/yaml' }))
          .status,
      ).toBe(201);

      // A page action on a session: sign in with the form, then change a measure's status.
      const saved = token;
      token = '';
      const signInPage = await send('log-signin-page', 'GET', '/logg-inn');
      const cookies = (res: Response) =>
        res.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; ');
      const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
      const signedIn = await send(
        'log-signin',
        'POST',
        '/logg-inn',
        new URLSearchParams({
          brukernavn: USERNAME,
          passord: PASSWORD,
          _csrf: csrfOf(await signInPage.text()),
        }).toString(),
        { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies(signInPage) },
      );
      expect(signedIn.status).toBe(303);
      const session = cookies(signedIn)
        .split('; ')
        .filter((c) => c.startsWith('pv_session='))
        .join('; ');
      const formPage = await send('log-form-page', 'GET', '/logg-inn', undefined, { Cookie: session });
      const plan = (await (
        await fetch(`${base}/plans/oslo-sv-2024-2027`, { headers: { Authorization: `Bearer ${saved}` } })
      ).json()) as {
        sections: Array<{
          measures: Array<{ id: string }>;
          sections: Array<{ measures: Array<{ id: string }> }>;
        }>;
      };
      const measureId = [...plan.sections, ...plan.sections.flatMap((s) => s.sections)].find(
        (s) => s.measures.length > 0,
      )!.measures[0]!.id;
      const action = await send(
        'log-page-action',
        'POST',
        `/plan/oslo-sv-2024-2027/tiltak/${measureId}/status`,
        new URLSearchParams({
          status: 'in_progress',
          note: 'Hemmelig merknad',
          _csrf: csrfOf(await formPage.text()),
        }).toString(),
        { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `${session}; ${cookies(formPage)}` },
      );
      expect(action.status).toBe(303);
      token = saved;
    } finally {
      expect(await api.stop()).toBe(0);
      output = api.output();
    }
    lines = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);
    const database = await shared.open();
    try {
      events = (await tablesOf(database)
        .selectFrom('events')
        .select(['type', 'metadata'])
        .orderBy('position')
        .execute()) as typeof events;
    } finally {
      await database.close();
    }
  }, 180_000);
  afterAll(async () => {
    await shared.dispose();
  });

  const COMMANDS = [
    'log-token',
    'log-org',
    'log-import',
    'log-meeting',
    'log-amendments',
    'log-replay',
    'log-page-action',
  ];

  it.each(COMMANDS)('logs %s with its request id, the command id its events carry, and the actor', (rid) => {
    const own = lines.filter((l) => l.req?.id === rid);
    const closing = own.find((l) => l.res?.statusCode !== undefined);
    expect(closing).toBeDefined();
    expect(closing!.actor).toBe(`user:${userId}`);
    expect(closing!.commandId).toMatch(/^[0-9a-f-]{36}$/);
    // Every line of the request names the command, not only the closing one.
    for (const line of own) expect(line.commandId).toBe(closing!.commandId);
    // A request running one command: its events' commandId; several (a replay, an amendment
    // list): the id they all carry as correlationId.
    const stored = events.filter(
      (e) => e.metadata.commandId === closing!.commandId || e.metadata.correlationId === closing!.commandId,
    );
    expect(stored.length).toBeGreaterThan(0);
    for (const e of stored) expect(e.metadata.actor).toBe(closing!.actor);
  });

  it('logs nothing personal: no username, e-mail, password, token or request body', () => {
    expect(lines.length).toBeGreaterThan(COMMANDS.length);
    const log = lines.map((l) => JSON.stringify(l)).join('\n');
    for (const secret of [
      USERNAME,
      'kari.nordmann',
      'example.org',
      PASSWORD,
      token,
      'pvk_',
      'Loggfylket',
      'Hemmelig merknad',
      'Østensjø',
    ]) {
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });
});
