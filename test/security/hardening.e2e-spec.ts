import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import { PlanImports } from '@app/runtime';
import { tablesOf } from '@app/testing';
import { sql } from 'kysely';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { ErrorFilter } from '../../apps/api/src/http/error.filter.js';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const PROTOCOL = readFileSync(new URL('../fixtures/oslo-sv-am-2026.protocol.yaml', import.meta.url), 'utf8');
const PLAN = 'hard-plan';
const ORG = 'hard-org';
const PASSWORD = 'et-langt-passord-for-kari';

/** The store's size and newest position: unchanged means nothing was appended. */
async function storeState(api: TestApi): Promise<{ count: number; head: unknown }> {
  const head = await tablesOf(api.database)
    .selectFrom('events')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirstOrThrow();
  return { count: await countEvents(api.database), head: head.max };
}

/** The cookies a response sets, as `name=value` pairs for a Cookie header (Secure ones too, unlike an agent over http). */
function cookiesOf(response: request.Response): string {
  const set = (response.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return set.map((c) => c.split(';')[0]).join('; ');
}

function csrfOf(page: request.Response): string {
  return /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
}

describe('hardening against bad input', () => {
  let api: TestApi;
  let sectionId: string;
  let measureId: string;

  beforeAll(async () => {
    api = await startTestApi();
    await request(api.http)
      .post('/organisations')
      .send({ id: ORG, name: 'Hardt', level: 'county' })
      .expect(201);
    await request(api.http)
      .post('/plans')
      .send({
        id: PLAN,
        organisationId: ORG,
        title: 'Herdet plan',
        period: { from: 2024, to: 2027 },
        bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
      })
      .expect(201);
    sectionId = (
      await request(api.http).post(`/plans/${PLAN}/sections`).send({ number: '1', title: 'Del' }).expect(201)
    ).body.sectionId;
    measureId = (
      await request(api.http).post(`/plans/${PLAN}/measures`).send({ sectionId, text: 'Tiltak' }).expect(201)
    ).body.measureId;
    const kari = await request(api.http)
      .post('/users')
      .send({ username: 'kari', password: PASSWORD })
      .expect(201);
    await request(api.http)
      .post(`/organisations/${ORG}/roles`)
      .send({ userId: kari.body.userId, role: 'secretary' })
      .expect(200);
  });
  afterAll(async () => {
    await api.close();
  });

  it('refuses a NUL or a lone surrogate anywhere in a request with 400, appending nothing', async () => {
    const before = await storeState(api);
    const yaml = (title: string) =>
      [
        'plan:',
        '  id: nul-plan',
        `  org: ${ORG}`,
        `  title: "${title}"`,
        '  period: { from: 2024, to: 2027 }',
        'sections:',
        '  - { number: "1", title: Del, measures: [{ text: "Et tiltak." }] }',
        '',
      ].join('\n');
    // The same document without the character is one the import reads.
    await request(api.http)
      .post('/imports?dryRun=true')
      .send({ content: yaml('Plan') })
      .expect(200);
    const cases: Array<[string, () => request.Test]> = [
      [
        'plan title with NUL',
        () => request(api.http).post(`/plans/${PLAN}/title`).send({ title: 'Ny\u0000tittel' }),
      ],
      [
        'plan title, lone high surrogate',
        () => request(api.http).post(`/plans/${PLAN}/title`).send({ title: '\ud800' }),
      ],
      [
        'section title, lone low surrogate',
        () =>
          request(api.http).post(`/plans/${PLAN}/sections/${sectionId}/title`).send({ title: 'x\udc00y' }),
      ],
      [
        'organisation name',
        () =>
          request(api.http).post('/organisations').send({ id: 'nul-org', name: 'A\u0000B', level: 'county' }),
      ],
      [
        'a key of the body',
        () => request(api.http).post(`/plans/${PLAN}/title`).send({ 'ti\u0000tle': 'x' }),
      ],
      [
        'import as JSON content',
        () =>
          request(api.http)
            .post('/imports')
            .send({ content: yaml('Plan\u0000') }),
      ],
      [
        'import as YAML with a NUL escape',
        () =>
          request(api.http).post('/imports').set('Content-Type', 'application/yaml').send(yaml('Plan\\0')),
      ],
      [
        'import as YAML with a lone surrogate escape',
        () =>
          request(api.http)
            .post('/imports')
            .set('Content-Type', 'application/yaml')
            .send(yaml('Plan\\ud800')),
      ],
      [
        'import as plan text',
        () =>
          request(api.http).post('/imports').set('Content-Type', 'text/plain').send('Arbeidsplan\u0000 2024'),
      ],
      [
        'a query parameter',
        () =>
          request(api.http)
            .post('/imports?sourceName=a%00b')
            .send({ content: yaml('Plan') }),
      ],
      [
        'a path parameter',
        () => request(api.http).post(`/plans/${PLAN}/sections/a%00b/title`).send({ title: 'x' }),
      ],
      [
        'a meeting protocol with a NUL escape',
        () =>
          request(api.http)
            .post('/meetings/replay')
            .set('Content-Type', 'application/yaml')
            // The fixture protocol, with a NUL written as a YAML escape in a proposer.
            .send(PROTOCOL.replace('proposer: Sagene SV', 'proposer: "Sagene\\0 SV"')),
      ],
      [
        'an amendment list',
        () =>
          request(api.http)
            .post('/meetings/nul-meeting/amendments/import')
            .set('Content-Type', 'text/plain')
            .send('Forslag 1\nForslagsstiller: \u0000\n'),
      ],
    ];
    for (const [name, send] of cases) {
      const response = await send();
      expect({ name, status: response.status }).toEqual({ name, status: 400 });
      expect({ name, error: response.body.error }).toEqual({ name, error: 'MALFORMED_TEXT' });
      expect(response.body.message).toMatch(/NUL character or an unpaired UTF-16 surrogate/);
    }
    // A page's form post: the refusal is a page in Norwegian.
    const page = await request(api.http)
      .post(`/plan/${PLAN}/tiltak/${measureId}/status`)
      .type('form')
      .send({ status: 'done', note: 'Ferdig\u0000' })
      .expect(400);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Teksten inneholder tegn som ikke kan lagres');
    expect(await storeState(api)).toEqual(before);
    // Well-formed text around such characters is stored as it is: astral characters are pairs.
    await request(api.http).post(`/plans/${PLAN}/title`).send({ title: 'Plan 🌍 \u202eRTL' }).expect(200);
    expect((await request(api.http).get(`/plans/${PLAN}`).expect(200)).body.title).toBe('Plan 🌍 \u202eRTL');
  });

  it('answers text the database refuses anyway (PostgreSQL 22P05, 22021) with 400, not 500', async () => {
    const errors: unknown[] = [];
    for (const query of [sql`select ${'a\u0000b'}::text`, sql`select ${'"\\u0000"'}::jsonb`]) {
      errors.push(
        await query.execute(api.database.db).then(
          () => undefined,
          (error: unknown) => error,
        ),
      );
    }
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(['22021', '22P05']);
    for (const error of errors) {
      const sent: { status?: number; body?: unknown } = {};
      const response = {
        status(code: number) {
          sent.status = code;
          return this;
        },
        json(body: unknown) {
          sent.body = body;
          return this;
        },
        setHeader() {
          return this;
        },
      };
      const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
      new ErrorFilter().catch(error, host);
      expect(sent).toEqual({ status: 400, body: expect.objectContaining({ error: 'MALFORMED_TEXT' }) });
    }
  });

  it('refuses a body over the 2 MB limit with 413, appending nothing', async () => {
    const before = await storeState(api);
    const big = 'x'.repeat(2 * 1024 * 1024 + 10);
    const json = await request(api.http).post(`/plans/${PLAN}/title`).send({ title: big }).expect(413);
    expect(json.body).toEqual({ statusCode: 413, message: 'The request body is too large' });
    await request(api.http).post('/imports').set('Content-Type', 'text/plain').send(big).expect(413);
    await request(api.http)
      .post(`/plan/${PLAN}/tiltak/${measureId}/status`)
      .type('form')
      .send(`status=done&note=${big}`)
      .expect(413);
    expect(await storeState(api)).toEqual(before);
  });

  it('answers an unexpected failure with a bare 500: no stack trace, no SQL', async () => {
    const imports = api.app.get(PlanImports);
    // A dependency failing the way a broken query does: a real PostgreSQL syntax error.
    const spy = jest.spyOn(imports, 'read').mockImplementation(async () => {
      await sql`SELEC plan_id FROM events WHERE 1 = 1`.execute(api.database.db);
      throw new Error('unreachable');
    });
    try {
      const response = await request(api.http)
        .post('/imports')
        .send({ content: 'plan:\n  id: x\n' })
        .expect(500);
      expect(response.body).toEqual({ statusCode: 500, message: 'Internal server error' });
      expect(response.text).not.toMatch(/SELEC|syntax|events|\bat\b|\.ts|node_modules/);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  describe('sessions and page forms', () => {
    async function signIn(agent: ReturnType<typeof request.agent>): Promise<void> {
      const csrf = csrfOf(await agent.get('/logg-inn').expect(200));
      await agent
        .post('/logg-inn')
        .type('form')
        .send({ brukernavn: 'kari', passord: PASSWORD, _csrf: csrf })
        .expect(303);
    }

    it('refuses a page form post on a session without its CSRF token (403), appending nothing', async () => {
      const agent = request.agent(api.anonymous);
      await signIn(agent);
      const before = await storeState(api);
      const form = { status: 'in_progress', note: 'Startet' };
      await agent.post(`/plan/${PLAN}/tiltak/${measureId}/status`).type('form').send(form).expect(403);
      await agent
        .post(`/plan/${PLAN}/tiltak/${measureId}/status`)
        .type('form')
        .send({ ...form, _csrf: 'forged-token' })
        .expect(403);
      expect(await storeState(api)).toEqual(before);
      // The same post with the session's token goes through: it was the token that was missing.
      const csrf = csrfOf(await agent.get('/logg-inn').expect(200));
      await agent
        .post(`/plan/${PLAN}/tiltak/${measureId}/status`)
        .type('form')
        .send({ ...form, _csrf: csrf })
        .expect(303);
      expect((await storeState(api)).count).toBe(before.count + 1);
    });

    it('sets the session cookie HttpOnly and SameSite=Lax, not Secure over plain http nor on an untrusted X-Forwarded-Proto', async () => {
      for (const forwarded of [undefined, 'https']) {
        const page = await request(api.anonymous).get('/logg-inn').expect(200);
        let post = request(api.anonymous).post('/logg-inn').set('Cookie', cookiesOf(page)).type('form');
        if (forwarded) post = post.set('X-Forwarded-Proto', forwarded);
        const signedIn = await post
          .send({ brukernavn: 'kari', passord: PASSWORD, _csrf: csrfOf(page) })
          .expect(303);
        const session = (signedIn.headers['set-cookie'] as unknown as string[]).find((c) =>
          c.startsWith('pv_session='),
        )!;
        expect(session).toMatch(/; HttpOnly/);
        expect(session).toMatch(/; SameSite=Lax/);
        expect(session).not.toMatch(/; Secure/);
      }
    });
  });
});

describe('behind a trusted proxy', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env: { PLANVERK_TRUST_PROXY: '1', PLANVERK_RATE_LIMIT_SIGN_IN: '3' } });
    await request(api.http).post('/users').send({ username: 'ola', password: PASSWORD }).expect(201);
  });
  afterAll(async () => {
    await api.close();
  });

  it('sets the session cookie Secure when the request came over https (X-Forwarded-Proto)', async () => {
    const page = await request(api.anonymous).get('/logg-inn').set('X-Forwarded-Proto', 'https').expect(200);
    expect(cookiesOf(page)).toMatch(/pv_csrf=/);
    const signedIn = await request(api.anonymous)
      .post('/logg-inn')
      .set('X-Forwarded-Proto', 'https')
      .set('X-Forwarded-For', '203.0.113.1')
      .set('Cookie', cookiesOf(page))
      .type('form')
      .send({ brukernavn: 'ola', passord: PASSWORD, _csrf: csrfOf(page) })
      .expect(303);
    const session = (signedIn.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('pv_session='),
    )!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).toMatch(/; Secure/);
  });

  it('limits sign-in attempts on the sign-in page per client address: 429 with Retry-After', async () => {
    const page = await request(api.anonymous).get('/logg-inn').expect(200);
    const attempt = (client: string, password = 'feil-passord-feil') =>
      request(api.anonymous)
        .post('/logg-inn')
        .set('X-Forwarded-For', client)
        .set('Cookie', cookiesOf(page))
        .type('form')
        .send({ brukernavn: 'ola', passord: password, _csrf: csrfOf(page) });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt('198.51.100.7')).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await attempt('198.51.100.7');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password is refused while the limit lasts; another address is not limited.
    const right = await attempt('198.51.100.7', PASSWORD);
    expect(right.status).toBe(429);
    expect((await attempt('198.51.100.8')).status).toBe(401);
    // Reading the sign-in page is not limited.
    for (let i = 0; i < 5; i++)
      await request(api.anonymous).get('/logg-inn').set('X-Forwarded-For', '198.51.100.7').expect(200);
  });
});
