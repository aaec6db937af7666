import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { Role } from '@app/domain';
import request from 'supertest';
import { findRule } from '../../apps/api/src/auth/access-policy.js';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

/**
 * Who may do what, per organisation: each role allowed and denied per endpoint, across two
 * organisations (and a parent), through the public surface only. A refusal appends nothing.
 */
describe('access per organisation and role', () => {
  let api: TestApi;
  const tokens = new Map<string, string>();
  const userIds = new Map<string, string>();
  const PLAN_A = 'oslo-sv-2024-2027';
  const PLAN_B = 'bergen-sv-2024-2027';
  const measures = new Map<string, string>();
  const ROLE_USERS: Role[] = ['viewer', 'secretary', 'meeting_officer', 'plan_editor', 'admin'];

  const admin = () => request(api.http);
  const as = (user: string | undefined) => {
    const agent = request(api.anonymous);
    const token = user ? tokens.get(user) : undefined;
    return {
      post: (path: string) => {
        const r = agent.post(path);
        return token ? r.set('Authorization', `Bearer ${token}`) : r;
      },
      get: (path: string) => {
        const r = agent.get(path);
        return token ? r.set('Authorization', `Bearer ${token}`) : r;
      },
    };
  };

  async function user(name: string, grants: Array<[string, Role]>): Promise<void> {
    const password = `${name}-passord-lang`;
    const created = await admin().post('/users').send({ username: name, password }).expect(201);
    userIds.set(name, created.body.userId);
    for (const [organisationId, role] of grants) {
      await admin()
        .post(`/organisations/${organisationId}/roles`)
        .send({ userId: created.body.userId, role })
        .expect(200);
    }
    const issued = await request(api.anonymous)
      .post('/auth/tokens')
      .send({ username: name, password, label: 'test' })
      .expect(201);
    expect(issued.body.token).toMatch(/^pvk_/);
    tokens.set(name, issued.body.token);
  }

  async function plan(id: string, organisationId: string): Promise<void> {
    await admin()
      .post('/plans')
      .send({
        id,
        organisationId,
        title: 'Arbeidsplan',
        period: { from: 2024, to: 2027 },
        bodies: [
          { code: 'FS', name: 'Fylkesstyret' },
          { code: 'LL', name: 'Lokallag' },
        ],
      })
      .expect(201);
    const section = await admin()
      .post(`/plans/${id}/sections`)
      .send({ number: '1', title: 'Organisasjon' })
      .expect(201);
    const measure = await admin()
      .post(`/plans/${id}/measures`)
      .send({ sectionId: section.body.sectionId, text: 'Verve medlemmer', responsible: ['FS'] })
      .expect(201);
    measures.set(id, measure.body.measureId);
  }

  beforeAll(async () => {
    api = await startTestApi();
    await admin().post('/organisations').send({ id: 'sv', name: 'SV', level: 'national' }).expect(201);
    for (const id of ['oslo-sv', 'bergen-sv']) {
      await admin()
        .post('/organisations')
        .send({ id, name: id, level: 'county', parentId: 'sv' })
        .expect(201);
    }
    for (const role of ROLE_USERS) await user(`a-${role.replace('_', '-')}`, [['oslo-sv', role]]);
    await user('b-plan-editor', [['bergen-sv', 'plan_editor']]);
    await user('b-admin', [['bergen-sv', 'admin']]);
    await user('sv-admin', [['sv', 'admin']]);
    await user('nobody', []);
    await plan(PLAN_A, 'oslo-sv');
    await plan(PLAN_B, 'bergen-sv');
  });
  afterAll(async () => {
    await api.close();
  });

  let n = 0;
  const ENDPOINTS: Array<{
    name: string;
    route: string;
    allowed: Role[];
    call: (planId: string, user?: string) => request.Test;
  }> = [
    {
      name: 'add a section',
      route: 'POST /plans/:id/sections',
      allowed: ['plan_editor'],
      call: (p, u) =>
        as(u)
          .post(`/plans/${p}/sections`)
          .send({ number: `9.${++n}`, title: 'Ny del' }),
    },
    {
      name: 'retitle the plan',
      route: 'POST /plans/:id/title',
      allowed: ['plan_editor'],
      call: (p, u) =>
        as(u)
          .post(`/plans/${p}/title`)
          .send({ title: `Arbeidsplan ${++n}` }),
    },
    {
      name: 'report a status',
      route: 'POST /plans/:id/measures/:measureId/status',
      allowed: ['secretary'],
      call: (p, u) =>
        as(u)
          .post(`/plans/${p}/measures/${measures.get(p)}/status`)
          .send({ status: ++n % 2 ? 'in_progress' : 'done', note: `Rapport ${n}` }),
    },
    {
      name: 'note progress',
      route: 'POST /plans/:id/measures/:measureId/notes',
      allowed: ['secretary'],
      call: (p, u) =>
        as(u)
          .post(`/plans/${p}/measures/${measures.get(p)}/notes`)
          .send({ note: `Notat ${++n}` }),
    },
    {
      name: 'reassign a measure',
      route: 'POST /plans/:id/measures/:measureId/responsible',
      allowed: ['secretary'],
      call: (p, u) =>
        as(u)
          .post(`/plans/${p}/measures/${measures.get(p)}/responsible`)
          .send({ responsible: ++n % 2 ? ['LL'] : ['FS'], reason: 'Styrevedtak' }),
    },
    {
      name: 'adopt the plan',
      route: 'POST /plans/:id/adopt',
      allowed: ['meeting_officer', 'plan_editor'],
      call: (p, u) =>
        as(u)
          .post(`/plans/${p}/adopt`)
          .send({ body: 'ÅM', date: '2026-03-14', edition: `${++n}` }),
    },
    {
      name: 'mark the plan internal or published',
      route: 'POST /plans/:id/visibility',
      allowed: ['admin'],
      call: (p, u) => as(u).post(`/plans/${p}/visibility`).send({ visibility: 'published' }),
    },
    {
      name: 'grant a role in the organisation',
      route: 'POST /organisations/:id/roles',
      allowed: ['admin'],
      call: (p, u) =>
        as(u)
          .post(`/organisations/${p === PLAN_A ? 'oslo-sv' : 'bergen-sv'}/roles`)
          .send({ userId: userIds.get('nobody'), role: 'viewer' }),
    },
  ];

  const allowedFor = (role: Role, allowed: Role[]) => role === 'admin' || allowed.includes(role);

  describe.each(ENDPOINTS)('$name ($route)', ({ route, allowed, call }) => {
    it('has a row in the policy table', () => {
      const [method, path] = route.split(' ') as [string, string];
      expect(findRule(method, path)).toBeDefined();
    });

    it.each(ROLE_USERS)('%s of the organisation: allowed only with the role', async (role) => {
      const user = `a-${role.replace('_', '-')}`;
      const before = await countEvents(api.database);
      const response = await call(PLAN_A, user);
      if (allowedFor(role, allowed)) {
        expect(response.status).toBeGreaterThanOrEqual(200);
        expect(response.status).toBeLessThan(300);
      } else {
        expect(response.status).toBe(403);
        expect(await countEvents(api.database)).toBe(before);
      }
    });

    it.each(ROLE_USERS)('%s of organisation A on organisation B: 403, nothing appended', async (role) => {
      const before = await countEvents(api.database);
      const response = await call(PLAN_B, `a-${role.replace('_', '-')}`);
      expect(response.status).toBe(403);
      expect(await countEvents(api.database)).toBe(before);
    });

    it('an admin of the parent organisation has no rights in the child: 403', async () => {
      const before = await countEvents(api.database);
      expect((await call(PLAN_A, 'sv-admin')).status).toBe(403);
      expect(await countEvents(api.database)).toBe(before);
    });

    it('a user with no role: 403; no credentials: 401; nothing appended', async () => {
      const before = await countEvents(api.database);
      expect((await call(PLAN_A, 'nobody')).status).toBe(403);
      const anonymous = await call(PLAN_A, undefined);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(await countEvents(api.database)).toBe(before);
    });
  });

  it('a token of organisation B cannot change organisation A’s plan, create a plan there or import into it', async () => {
    const before = await countEvents(api.database);
    const denied = await as('b-plan-editor')
      .post(`/plans/${PLAN_A}/sections`)
      .send({ number: '7', title: 'Innbrudd' });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ statusCode: 403, error: 'FORBIDDEN' });
    await as('b-plan-editor')
      .post('/plans')
      .send({
        id: 'oslo-sv-2028-2031',
        organisationId: 'oslo-sv',
        title: 'Kapret',
        period: { from: 2028, to: 2031 },
      })
      .expect(403);
    const document = [
      'plan:',
      `  id: ${PLAN_A}`,
      '  org: bergen-sv',
      '  title: Kapret',
      '  period: { from: 2024, to: 2027 }',
      'sections: []',
    ].join('\n');
    await as('b-plan-editor').post('/imports').send({ content: document, format: 'document' }).expect(403);
    await as('b-admin')
      .post('/organisations/oslo-sv/roles')
      .send({ userId: userIds.get('b-admin'), role: 'admin' })
      .expect(403);
    expect(await countEvents(api.database)).toBe(before);
  });

  it('a plan editor imports into their own organisation, as themselves', async () => {
    const document = [
      'plan:',
      '  id: bergen-sv-2028-2031',
      '  org: bergen-sv',
      '  title: Arbeidsplan',
      '  period: { from: 2028, to: 2031 }',
      'sections: []',
    ].join('\n');
    await as('b-plan-editor').post('/imports').send({ content: document, format: 'document' }).expect(201);
    const events = await admin().get('/plans/bergen-sv-2028-2031/events').expect(200);
    expect(events.body[0].metadata.actor).toBe(`user:${userIds.get('b-plan-editor')}`);
  });

  it('records the authenticated principal as the actor, never a value from the body', async () => {
    await as('a-secretary')
      .post(`/plans/${PLAN_A}/measures/${measures.get(PLAN_A)}/notes`)
      .send({ note: 'Notat fra sekretæren' })
      .expect(200);
    const events = await admin().get(`/plans/${PLAN_A}/events`).expect(200);
    const last = events.body[events.body.length - 1];
    expect(last.type).toBe('ProgressNoted');
    expect(last.metadata.actor).toBe(`user:${userIds.get('a-secretary')}`);
  });

  it('logs a refusal with the actor’s id', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await as('a-viewer').post(`/plans/${PLAN_A}/title`).send({ title: 'Nei' }).expect(403);
      expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(
        expect.stringMatching(new RegExp(`Denied POST /plans/:id/title for user:${userIds.get('a-viewer')}`)),
      );
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses a bad, unknown or revoked token with 401', async () => {
    await request(api.anonymous).get('/auth/me').set('Authorization', 'Basic abc').expect(401);
    await request(api.anonymous)
      .get('/auth/me')
      .set('Authorization', 'Bearer pvk_nope-nope-nope')
      .expect(401);
    const issued = await as('a-viewer').post('/auth/tokens').send({ label: 'kortlivet' }).expect(201);
    const me = await request(api.anonymous)
      .get('/auth/me')
      .set('Authorization', `Bearer ${issued.body.token}`)
      .expect(200);
    expect(me.body).toMatchObject({
      userId: userIds.get('a-viewer'),
      roles: [{ organisationId: 'oslo-sv', role: 'viewer' }],
    });
    await request(api.anonymous)
      .delete(`/auth/tokens/${issued.body.tokenId}`)
      .set('Authorization', `Bearer ${issued.body.token}`)
      .expect(204);
    await request(api.anonymous)
      .get('/auth/me')
      .set('Authorization', `Bearer ${issued.body.token}`)
      .expect(401);
    await request(api.anonymous)
      .post('/auth/tokens')
      .send({ username: 'a-viewer', password: 'feil-passord-her' })
      .expect(401);
  });

  describe('internal plans', () => {
    beforeAll(async () => {
      await as('a-admin').post(`/plans/${PLAN_A}/visibility`).send({ visibility: 'internal' }).expect(200);
    });
    afterAll(async () => {
      await as('a-admin').post(`/plans/${PLAN_A}/visibility`).send({ visibility: 'published' }).expect(200);
    });

    it('need at least viewer in the organisation; published plans need no sign-in', async () => {
      await request(api.anonymous).get(`/plans/${PLAN_A}`).expect(401);
      await as('b-admin').get(`/plans/${PLAN_A}`).expect(404);
      await as('sv-admin').get(`/plans/${PLAN_A}/history`).expect(404);
      await as('a-viewer').get(`/plans/${PLAN_A}`).expect(200);
      await as('a-viewer').get(`/plans/${PLAN_A}/document`).expect(200);
      await request(api.anonymous).get(`/plans/${PLAN_B}`).expect(200);
      await request(api.anonymous)
        .get(`/measures/${measures.get(PLAN_A)}/history`)
        .expect(401);
      await request(api.anonymous)
        .get(`/measures/${measures.get(PLAN_B)}/history`)
        .expect(200);
    });

    it('are left out of lists for those who may not read them', async () => {
      const ids = (body: Array<{ id: string }>) => body.map((p) => p.id);
      expect(ids((await request(api.anonymous).get('/plans').expect(200)).body)).not.toContain(PLAN_A);
      expect(ids((await as('a-viewer').get('/plans').expect(200)).body)).toContain(PLAN_A);
      const organisation = await request(api.anonymous).get('/organisations/oslo-sv').expect(200);
      expect(ids(organisation.body.plans)).not.toContain(PLAN_A);
    });
  });

  it('answers who held which role on a day, grants and revocations included', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await user('temp-editor', [['oslo-sv', 'plan_editor']]);
    await as('a-admin')
      .post('/organisations/oslo-sv/roles/revoke')
      .send({ userId: userIds.get('temp-editor'), role: 'plan_editor' })
      .expect(200);
    const todays = await as('a-admin').get(`/organisations/oslo-sv/roles?at=${today}`).expect(200);
    expect(todays.body.holders).toContainEqual(
      expect.objectContaining({
        userId: userIds.get('temp-editor'),
        role: 'plan_editor',
        grantedBy: api.adminActor,
        revokedBy: `user:${userIds.get('a-admin')}`,
      }),
    );
    expect(todays.body.holders.map((h: { username: string }) => h.username)).toEqual(
      expect.arrayContaining(['a-admin', 'a-viewer', 'a-plan-editor']),
    );
    const next = await as('a-admin').get(`/organisations/oslo-sv/roles?at=${tomorrow}`).expect(200);
    expect(next.body.holders.map((h: { userId: string }) => h.userId)).not.toContain(
      userIds.get('temp-editor'),
    );
    expect(
      (await as('a-admin').get(`/organisations/oslo-sv/roles?at=${yesterday}`).expect(200)).body.holders,
    ).toEqual([]);
    await as('a-viewer').get(`/organisations/oslo-sv/roles?at=${today}`).expect(403);
    await as('a-admin').get('/organisations/oslo-sv/roles?at=2026-02-30').expect(400);
    // The revoked editor can no longer change the plan.
    await as('temp-editor').post(`/plans/${PLAN_A}/title`).send({ title: 'For sent' }).expect(403);
  });
});
