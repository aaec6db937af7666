import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import {
  describeAccessMatrix,
  startAccessWorld,
  type AccessWorld,
  type Endpoint,
  type Side,
} from '../support/access-world.js';
import { countEvents, type TestApi } from '../support/test-api.js';

/**
 * Who may do what, per organisation: each role allowed and denied per endpoint of a plan,
 * across two organisations (and a parent), through the public surface only. A refusal appends
 * nothing. Meetings, organisations, users and page forms: access-meetings and access-admin.
 */
describe('access per organisation and role', () => {
  let world: AccessWorld;
  let api: TestApi;
  const PLAN_A = 'oslo-sv-2024-2027';
  const PLAN_B = 'bergen-sv-2024-2027';
  const measures = new Map<string, string>();
  let userIds: Map<string, string>;

  const admin = () => world.admin();
  const as = (user: string | undefined) => world.as(user);
  const user = (name: string, grants: Parameters<AccessWorld['user']>[1]) => world.user(name, grants);
  const n = () => world.next();

  beforeAll(async () => {
    world = await startAccessWorld();
    api = world.api;
    measures.set(PLAN_A, world.A.measure);
    measures.set(PLAN_B, world.B.measure);
    userIds = world.userIds;
  });
  afterAll(async () => {
    await world.close();
  });

  /** A measure added for one call (struck, moved), so every call finds one to act on. */
  const freshMeasure = async (side: Side): Promise<string> =>
    (
      await admin()
        .post(`/plans/${side.plan}/measures`)
        .send({ sectionId: side.section, text: `Tiltak ${n()}`, responsible: ['FS'] })
        .expect(201)
    ).body.measureId;
  const freshGoal = async (side: Side): Promise<string> =>
    (
      await admin()
        .post(`/plans/${side.plan}/goals`)
        .send({ sectionId: side.section, text: `Mål ${n()}` })
        .expect(201)
    ).body.goalId;

  const ENDPOINTS: Array<Endpoint<any>> = [
    {
      name: 'add a section',
      route: 'POST /plans/:id/sections',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/sections`)
          .send({ number: `9.${n()}`, title: 'Ny del' }),
    },
    {
      name: 'retitle a section',
      route: 'POST /plans/:id/sections/:sectionId/title',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/sections/${s.section}/title`)
          .send({ title: `Organisasjon ${n()}` }),
    },
    {
      name: 'retitle the plan',
      route: 'POST /plans/:id/title',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/title`)
          .send({ title: `Arbeidsplan ${n()}` }),
    },
    {
      name: 'add a measure',
      route: 'POST /plans/:id/measures',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/measures`)
          .send({ sectionId: s.section, text: `Nytt tiltak ${n()}`, responsible: ['LL'] }),
    },
    {
      name: 'link the plan to its predecessor',
      route: 'POST /plans/:id/links',
      allowed: ['plan_editor'],
      call: (s, u) => as(u).post(`/plans/${s.plan}/links`).send({ predecessorPlanId: s.predecessor }),
    },
    {
      name: 'declare a body of the plan',
      route: 'POST /plans/:id/bodies',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/bodies`)
          .send({ code: `K${n()}`, name: 'Komité' }),
    },
    {
      name: 'supersede a plan by the next',
      route: 'POST /plans/:id/supersede',
      allowed: ['plan_editor'],
      prepare: async (s) => {
        const id = `${s.organisation}-gammel-${n()}`;
        await admin()
          .post('/plans')
          .send({
            id,
            organisationId: s.organisation,
            title: 'Gammel plan',
            period: { from: 2016, to: 2019 },
          })
          .expect(201);
        return id;
      },
      call: (s, u, old: string) => as(u).post(`/plans/${old}/supersede`).send({ byPlanId: s.plan }),
    },
    {
      name: 'add a goal',
      route: 'POST /plans/:id/goals',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/goals`)
          .send({ sectionId: s.section, text: `Nytt mål ${n()}` }),
    },
    {
      name: 'reword a goal',
      route: 'POST /plans/:id/goals/:goalId/text',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/goals/${s.goal}/text`)
          .send({ text: `Flere medlemmer ${n()}` }),
    },
    {
      name: 'set a goal’s target',
      route: 'POST /plans/:id/goals/:goalId/target',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/goals/${s.goal}/target`)
          .send({ target: { metric: 'members', value: 1000 + n(), by: '2027-12-31' } }),
    },
    {
      name: 'strike a goal',
      route: 'POST /plans/:id/goals/:goalId/strike',
      allowed: ['plan_editor'],
      prepare: freshGoal,
      call: (s, u, goal: string) =>
        as(u).post(`/plans/${s.plan}/goals/${goal}/strike`).send({ reason: 'Nådd' }),
    },
    {
      name: 'record a measurement',
      route: 'POST /plans/:id/measurements',
      allowed: ['secretary'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/measurements`)
          .send({ goalId: s.goal, metric: 'members', value: 500 + n(), at: '2025-12-31' }),
    },
    {
      name: 'reword a measure',
      route: 'POST /plans/:id/measures/:measureId/text',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/measures/${s.measure}/text`)
          .send({ text: `Verve medlemmer ${n()}` }),
    },
    {
      name: 'move a measure',
      route: 'POST /plans/:id/measures/:measureId/move',
      allowed: ['plan_editor'],
      prepare: freshMeasure,
      call: (s, u, measure: string) =>
        as(u).post(`/plans/${s.plan}/measures/${measure}/move`).send({ sectionId: s.otherSection }),
    },
    {
      name: 'retime a measure',
      route: 'POST /plans/:id/measures/:measureId/timing',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/measures/${s.measure}/timing`)
          .send({ timing: `Høst ${2024 + (n() % 3)}` }),
    },
    {
      name: 'strike a measure',
      route: 'POST /plans/:id/measures/:measureId/strike',
      allowed: ['plan_editor'],
      prepare: freshMeasure,
      call: (s, u, measure: string) =>
        as(u).post(`/plans/${s.plan}/measures/${measure}/strike`).send({ reason: 'Utgår' }),
    },
    {
      name: 'report a status',
      route: 'POST /plans/:id/measures/:measureId/status',
      allowed: ['secretary'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/measures/${s.measure}/status`)
          .send({ status: n() % 2 ? 'in_progress' : 'done', note: `Rapport ${n()}` }),
    },
    {
      name: 'note progress',
      route: 'POST /plans/:id/measures/:measureId/notes',
      allowed: ['secretary'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/measures/${s.measure}/notes`)
          .send({ note: `Notat ${n()}` }),
    },
    {
      name: 'reassign a measure',
      route: 'POST /plans/:id/measures/:measureId/responsible',
      allowed: ['secretary'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/measures/${s.measure}/responsible`)
          .send({ responsible: n() % 2 ? ['LL'] : ['FS'], reason: 'Styrevedtak' }),
    },
    {
      name: 'confirm a lineage link',
      route: 'POST /plans/:id/lineage/confirm',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/lineage/confirm`)
          .send({
            fromPlanId: s.predecessor,
            from: [s.predecessorMeasure],
            to: [s.measure],
            kind: 'reworded',
          }),
    },
    {
      name: 'reject a lineage link',
      route: 'POST /plans/:id/lineage/reject',
      allowed: ['plan_editor'],
      prepare: freshMeasure,
      call: (s, u, measure: string) =>
        as(u)
          .post(`/plans/${s.plan}/lineage/reject`)
          .send({ fromPlanId: s.predecessor, from: [s.predecessorMeasure], to: [measure] }),
    },
    {
      name: 'adopt the plan',
      route: 'POST /plans/:id/adopt',
      allowed: ['meeting_officer', 'plan_editor'],
      call: (s, u) =>
        as(u)
          .post(`/plans/${s.plan}/adopt`)
          .send({ body: 'ÅM', date: '2026-03-14', edition: `${n()}` }),
    },
    {
      name: 'mark the plan internal or published',
      route: 'POST /plans/:id/visibility',
      allowed: ['admin'],
      call: (s, u) => as(u).post(`/plans/${s.plan}/visibility`).send({ visibility: 'published' }),
    },
    {
      name: 'grant a role in the organisation',
      route: 'POST /organisations/:id/roles',
      allowed: ['admin'],
      call: (s, u) =>
        as(u)
          .post(`/organisations/${s.organisation}/roles`)
          .send({ userId: userIds.get('nobody'), role: 'viewer' }),
    },
  ];

  describeAccessMatrix(() => world, ENDPOINTS);

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
    // A token cannot issue tokens (test/security/sessions.e2e-spec.ts): with the password.
    const issued = await request(api.anonymous)
      .post('/auth/tokens')
      .send({ username: 'a-viewer', password: world.passwords.get('a-viewer'), label: 'kortlivet' })
      .expect(201);
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

    it('need at least viewer in the organisation (others, signed out too, as if there were none); published plans need no sign-in', async () => {
      await request(api.anonymous).get(`/plans/${PLAN_A}`).expect(404);
      await as('b-admin').get(`/plans/${PLAN_A}`).expect(404);
      await as('sv-admin').get(`/plans/${PLAN_A}/history`).expect(404);
      await as('a-viewer').get(`/plans/${PLAN_A}`).expect(200);
      await as('a-viewer').get(`/plans/${PLAN_A}/document`).expect(200);
      await request(api.anonymous).get(`/plans/${PLAN_B}`).expect(200);
      await request(api.anonymous)
        .get(`/measures/${measures.get(PLAN_A)}/history`)
        .expect(404);
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
