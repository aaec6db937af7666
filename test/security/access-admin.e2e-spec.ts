import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import {
  describeAccessMatrix,
  ROLE_USERS,
  startAccessWorld,
  userOf,
  type AccessWorld,
  type Endpoint,
  type Side,
} from '../support/access-world.js';
import { countEvents, TEST_ADMIN_ID } from '../support/test-api.js';

/**
 * Organisations, users, roles, imports, new plans and the page forms: who may, per organisation;
 * a user's own password and tokens; who could change a plan on a day; every refusal logged.
 */
describe('access to organisations, users, imports and page forms', () => {
  let world: AccessWorld;
  const as = (user: string | undefined) => world.as(user);
  const n = () => world.next();

  beforeAll(async () => {
    world = await startAccessWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  const document = (s: Side, id: string) =>
    [
      'plan:',
      `  id: ${id}`,
      `  org: ${s.organisation}`,
      '  title: Importert',
      '  period: { from: 2028, to: 2031 }',
      'sections: []',
    ].join('\n');
  const form = async (u: string | undefined, path: string, fields: Record<string, string>) => {
    const { agent, csrf } = await world.session(u);
    return agent
      .post(path)
      .type('form')
      .send({ ...fields, _csrf: csrf });
  };

  const ENDPOINTS: Array<Endpoint<any>> = [
    {
      name: 'register a child organisation',
      route: 'POST /organisations',
      allowed: ['admin'],
      call: (s, u) =>
        as(u)
          .post('/organisations')
          .send({
            id: `${s.organisation}-lag-${n()}`,
            name: 'Lokallag',
            level: 'local',
            parentId: s.organisation,
          }),
    },
    {
      name: 'declare a body of the organisation',
      route: 'POST /organisations/:id/bodies',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post(`/organisations/${s.organisation}/bodies`)
          .send({ code: `U${n()}`, name: 'Utvalg' }),
    },
    {
      name: 'revoke a role in the organisation',
      route: 'POST /organisations/:id/roles/revoke',
      allowed: ['admin'],
      prepare: async (s) => {
        await world
          .admin()
          .post(`/organisations/${s.organisation}/roles`)
          .send({ userId: world.userIds.get('nobody'), role: 'viewer' })
          .expect(200);
      },
      call: (s, u) =>
        as(u)
          .post(`/organisations/${s.organisation}/roles/revoke`)
          .send({ userId: world.userIds.get('nobody'), role: 'viewer' }),
    },
    {
      name: 'create a plan',
      route: 'POST /plans',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post('/plans')
          .send({
            id: `${s.organisation}-ny-${n()}`,
            organisationId: s.organisation,
            title: 'Ny plan',
            period: { from: 2028, to: 2031 },
          }),
    },
    {
      name: 'import a plan',
      route: 'POST /imports',
      allowed: ['plan_editor'],
      call: (s, u) =>
        as(u)
          .post('/imports')
          .send({ content: document(s, `${s.organisation}-import-${n()}`), format: 'document' }),
    },
    {
      name: 'report a status from the plan page (session and CSRF)',
      route: 'POST /plan/:id/tiltak/:measureId/status',
      allowed: ['secretary'],
      page: true,
      call: (s, u) =>
        form(u, `/plan/${s.plan}/tiltak/${s.measure}/status`, {
          status: n() % 2 ? 'in_progress' : 'done',
          note: `Fra siden ${n()}`,
        }),
    },
    {
      name: 'reassign a measure from the plan page (session and CSRF)',
      route: 'POST /plan/:id/tiltak/:measureId/ansvar',
      allowed: ['secretary'],
      page: true,
      call: (s, u) =>
        form(u, `/plan/${s.plan}/tiltak/${s.measure}/ansvar`, {
          lead: n() % 2 ? 'LL' : 'FS',
          reason: 'Styrevedtak',
        }),
    },
  ];

  describeAccessMatrix(() => world, ENDPOINTS);

  it('creating a user account needs admin in some organisation', async () => {
    for (const role of ROLE_USERS) {
      const before = await countEvents(world.api.database);
      const response = await as(userOf(role))
        .post('/users')
        .send({ username: `ny-${n()}`, password: 'et-langt-passord-her' });
      if (role === 'admin') expect(response.status).toBe(201);
      else {
        expect(response.status).toBe(403);
        expect(await countEvents(world.api.database)).toBe(before);
      }
    }
    await as('b-admin')
      .post('/users')
      .send({ username: `ny-${n()}`, password: 'et-langt-passord-her' })
      .expect(201);
    await as('nobody')
      .post('/users')
      .send({ username: `ny-${n()}`, password: 'et-langt-passord-her' })
      .expect(403);
    await request(world.api.anonymous)
      .post('/users')
      .send({ username: `ny-${n()}`, password: 'et-langt-passord-her' })
      .expect(401);
    // A top-level organisation is the system administrators' to register.
    await as('a-admin')
      .post('/organisations')
      .send({ id: `toppnivaa-${n()}`, name: 'Topp', level: 'national' })
      .expect(403);
  });

  it('a password is one’s own to set (or a system administrator’s); a refusal is logged with the actor’s id', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      for (const role of ROLE_USERS) {
        const before = await countEvents(world.api.database);
        await as(userOf(role))
          .post(`/users/${world.userIds.get('nobody')}/password`)
          .send({ password: 'et-nytt-passord-her' })
          .expect(403);
        expect(await countEvents(world.api.database)).toBe(before);
      }
      expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(
        `Denied POST /users/:userId/password for user:${world.userIds.get('a-admin')}: You may set only your own password`,
      );
      // A user of its own: a new password ends the user's tokens, which the other tests use.
      const name = `passordeier-${n()}`;
      const own = await world.user(name, [['oslo-sv', 'viewer']]);
      await as(name).post(`/users/${own}/password`).send({ password: 'a-viewer-passord-lang' }).expect(204);
      // The token that set it ended with the old password (test/security/sessions.e2e-spec.ts).
      await as(name).get('/auth/me').expect(401);
      await world
        .admin()
        .post(`/users/${own}/password`)
        .send({ password: 'a-viewer-passord-lang' })
        .expect(204);
      await request(world.api.anonymous)
        .post(`/users/${own}/password`)
        .send({ password: 'et-nytt-passord-her' })
        .expect(401);
    } finally {
      warn.mockRestore();
    }
  });

  it('a token is revoked by its owner or a system administrator; a refusal is logged once', async () => {
    const issued = await request(world.api.anonymous)
      .post('/auth/tokens')
      .send({ username: 'a-viewer', password: world.passwords.get('a-viewer'), label: 'til-tilbakekalling' })
      .expect(201);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const before = await countEvents(world.api.database);
      await as('a-admin')
        .delete(`/auth/tokens/${issued.body.tokenId}?userId=${world.userIds.get('a-viewer')}`)
        .expect(403);
      expect(await countEvents(world.api.database)).toBe(before);
      const lines = warn.mock.calls
        .map((c) => String(c[0]))
        .filter((l) => l.startsWith('Denied DELETE /auth/tokens/:tokenId'));
      expect(lines).toEqual([
        `Denied DELETE /auth/tokens/:tokenId for user:${world.userIds.get('a-admin')}: Only a system administrator may revoke another user’s token`,
      ]);
    } finally {
      warn.mockRestore();
    }
    await as('a-viewer').delete(`/auth/tokens/${issued.body.tokenId}`).expect(204);
  });

  describe('who could change a plan on a day', () => {
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

    it('lists the organisation’s changing roles and the system administrators, with each grant’s event', async () => {
      const answer = (await as('a-admin').get(`/plans/${world.A.plan}/access?at=${today}`).expect(200)).body;
      expect(answer).toMatchObject({ planId: world.A.plan, organisationId: 'oslo-sv', at: today });
      const held = answer.holders.map(
        (h: { username: string; role: string; scope: string }) => `${h.username} ${h.role} ${h.scope}`,
      );
      expect(held).toEqual(
        expect.arrayContaining([
          'a-admin admin organisation',
          'a-meeting-officer meeting_officer organisation',
          'a-plan-editor plan_editor organisation',
          'a-secretary secretary organisation',
          'test-admin admin system',
        ]),
      );
      // A viewer only reads; other organisations' roles (the parent's admin too) change nothing here.
      expect(held.join('\n')).not.toMatch(/a-viewer|b-admin|b-plan-editor|sv-admin/);
      const system = answer.holders.find((h: { userId: string }) => h.userId === TEST_ADMIN_ID);
      expect(system).toMatchObject({ organisationId: '*', grantedBy: 'system:test', revokedAt: null });
      expect(system.grantEventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(system.grantPosition).toEqual(expect.any(String));
      expect(system.grantedAt.slice(0, 10)).toBe(today);
    });

    it('includes a role revoked during that day, and nobody granted later', async () => {
      const temp = await world.user(`midlertidig-${n()}`, [['oslo-sv', 'plan_editor']]);
      await as('a-admin')
        .post('/organisations/oslo-sv/roles/revoke')
        .send({ userId: temp, role: 'plan_editor' })
        .expect(200);
      const todays = (await as('a-admin').get(`/plans/${world.A.plan}/access?at=${today}`).expect(200)).body;
      expect(todays.holders).toContainEqual(
        expect.objectContaining({
          userId: temp,
          role: 'plan_editor',
          revokedBy: `user:${world.userIds.get('a-admin')}`,
        }),
      );
      const before = (await as('a-admin').get(`/plans/${world.A.plan}/access?at=${yesterday}`).expect(200))
        .body;
      expect(before.holders).toEqual([]);
    });

    it('is for the admins of the plan’s organisation (and system administrators)', async () => {
      await as('a-viewer').get(`/plans/${world.A.plan}/access`).expect(403);
      await as('a-plan-editor').get(`/plans/${world.A.plan}/access`).expect(403);
      await as('b-admin').get(`/plans/${world.A.plan}/access`).expect(403);
      await request(world.api.anonymous).get(`/plans/${world.A.plan}/access`).expect(401);
      await world.admin().get(`/plans/${world.B.plan}/access`).expect(200);
      await world.admin().get('/plans/ingen-slik-plan/access').expect(404);
      await as('a-admin').get(`/plans/${world.A.plan}/access?at=2026-02-30`).expect(400);
    });

    it('is described in the OpenAPI description', async () => {
      const openapi = (await request(world.api.anonymous).get('/docs/openapi.json').expect(200)).body;
      expect(openapi.paths['/plans/{id}/access'].get.summary).toMatch(/Who could change the plan/);
    });
  });
});
