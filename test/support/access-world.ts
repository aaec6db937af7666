import { describe, expect, it } from '@jest/globals';
import type { Role } from '@app/domain';
import request from 'supertest';
import { findRule } from '../../apps/api/src/auth/access-policy.js';
import { countEvents, startTestApi, type TestApi } from './test-api.js';

/**
 * Two county organisations under a national one, each with a plan (and a predecessor, a second
 * section, a goal and a meeting), one user per role in organisation A, and a few others: the
 * world the access tests ask "who may do what" in, through the public surface only.
 */
export const ROLE_USERS: Role[] = [
  'viewer',
  'member',
  'secretary',
  'meeting_officer',
  'plan_editor',
  'admin',
];

/** One organisation's side of the world; a call is made against A (allowed) or B (someone else's). */
export interface Side {
  readonly key: 'A' | 'B';
  readonly organisation: string;
  readonly plan: string;
  readonly predecessor: string;
  readonly section: string;
  readonly otherSection: string;
  readonly measure: string;
  readonly predecessorMeasure: string;
  readonly goal: string;
  readonly meeting: string;
}

export interface AccessWorld {
  readonly api: TestApi;
  readonly A: Side;
  readonly B: Side;
  readonly userIds: Map<string, string>;
  readonly passwords: Map<string, string>;
  /** Requests as a user with their bearer token (undefined: no credentials). */
  as(user: string | undefined): Agent;
  /** The test administrator (a system admin). */
  admin(): Agent;
  /** A signed-in page session for a user (undefined: signed out), with a CSRF token for its forms. */
  session(user: string | undefined): Promise<{ agent: ReturnType<typeof request.agent>; csrf: string }>;
  /** A fresh number, for unique ids and texts. */
  next(): number;
  user(name: string, grants: Array<[string, Role]>): Promise<string>;
  close(): Promise<void>;
}

export interface Agent {
  post(path: string): request.Test;
  get(path: string): request.Test;
  delete(path: string): request.Test;
}

export const userOf = (role: Role): string => `a-${role.replace('_', '-')}`;

/** How long building the world may take: a dozen users with argon2-hashed passwords, a minute or more on a busy machine. */
export const WORLD_TIMEOUT_MS = 180_000;

export async function startAccessWorld(): Promise<AccessWorld> {
  const api = await startTestApi();
  const tokens = new Map<string, string>();
  const userIds = new Map<string, string>();
  const passwords = new Map<string, string>();
  const sessions = new Map<string, { agent: ReturnType<typeof request.agent>; csrf: string }>();
  let n = 0;

  const agent = (token: string | undefined): Agent => {
    const server = request(api.anonymous);
    const auth = (r: request.Test) => (token ? r.set('Authorization', `Bearer ${token}`) : r);
    return {
      post: (path) => auth(server.post(path)),
      get: (path) => auth(server.get(path)),
      delete: (path) => auth(server.delete(path)),
    };
  };
  const as = (user: string | undefined) => agent(user ? tokens.get(user) : undefined);
  const admin = () => agent(api.adminToken);

  async function user(name: string, grants: Array<[string, Role]>): Promise<string> {
    const password = `${name}-passord-lang`;
    const created = await admin().post('/users').send({ username: name, password }).expect(201);
    userIds.set(name, created.body.userId);
    passwords.set(name, password);
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
    return created.body.userId as string;
  }

  async function plan(id: string, organisationId: string, period: { from: number; to: number }) {
    await admin()
      .post('/plans')
      .send({
        id,
        organisationId,
        title: 'Arbeidsplan',
        period,
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
    const other = await admin()
      .post(`/plans/${id}/sections`)
      .send({ number: '2', title: 'Politikk' })
      .expect(201);
    const measure = await admin()
      .post(`/plans/${id}/measures`)
      .send({ sectionId: section.body.sectionId, text: 'Verve medlemmer', responsible: ['FS'] })
      .expect(201);
    const goal = await admin()
      .post(`/plans/${id}/goals`)
      .send({ sectionId: section.body.sectionId, text: 'Flere medlemmer' })
      .expect(201);
    return {
      section: section.body.sectionId as string,
      otherSection: other.body.sectionId as string,
      measure: measure.body.measureId as string,
      goal: goal.body.goalId as string,
    };
  }

  async function side(key: 'A' | 'B', organisation: string): Promise<Side> {
    const predecessor = `${organisation}-2020-2023`;
    const planId = `${organisation}-2024-2027`;
    const before = await plan(predecessor, organisation, { from: 2020, to: 2023 });
    const now = await plan(planId, organisation, { from: 2024, to: 2027 });
    await admin().post(`/plans/${planId}/links`).send({ predecessorPlanId: predecessor }).expect(200);
    const meeting = `${organisation}-am-2026`;
    await admin()
      .post('/meetings')
      .send({ id: meeting, organisationId: organisation, body: 'ÅM', date: '2026-03-14', planId })
      .expect(201);
    return {
      key,
      organisation,
      plan: planId,
      predecessor,
      predecessorMeasure: before.measure,
      meeting,
      ...now,
    };
  }

  await admin().post('/organisations').send({ id: 'sv', name: 'SV', level: 'national' }).expect(201);
  for (const id of ['oslo-sv', 'bergen-sv']) {
    await admin().post('/organisations').send({ id, name: id, level: 'county', parentId: 'sv' }).expect(201);
  }
  for (const role of ROLE_USERS) await user(userOf(role), [['oslo-sv', role]]);
  await user('b-plan-editor', [['bergen-sv', 'plan_editor']]);
  await user('b-admin', [['bergen-sv', 'admin']]);
  await user('sv-admin', [['sv', 'admin']]);
  await user('nobody', []);
  const A = await side('A', 'oslo-sv');
  const B = await side('B', 'bergen-sv');

  async function session(name: string | undefined) {
    const key = name ?? '';
    const known = sessions.get(key);
    if (known) return known;
    const browser = request.agent(api.anonymous);
    const signIn = await browser.get('/logg-inn').expect(200);
    let csrf = /name="_csrf" value="([^"]+)"/.exec(signIn.text)![1]!;
    if (name) {
      await browser
        .post('/logg-inn')
        .type('form')
        .send({ brukernavn: name, passord: passwords.get(name), _csrf: csrf })
        .expect(303);
      // The signed-in session's own token, from the sign-out form every page's header shows it.
      const page = await browser.get(`/plan/${B.plan}`).expect(200);
      csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    }
    const made = { agent: browser, csrf };
    sessions.set(key, made);
    return made;
  }

  return {
    api,
    A,
    B,
    userIds,
    passwords,
    as,
    admin,
    session,
    next: () => ++n,
    user,
    close: () => api.close(),
  };
}

/** One write endpoint and how to call it against a side. */
export interface Endpoint<P = undefined> {
  readonly name: string;
  /** `METHOD /path` as the policy table names it. */
  readonly route: string;
  /** The roles (besides admin) that may call it in their own organisation. */
  readonly allowed: Role[];
  /** What one call needs, arranged as the test administrator before the events are counted. */
  readonly prepare?: (side: Side) => Promise<P>;
  readonly call: (
    side: Side,
    user: string | undefined,
    prepared: P,
  ) => request.Test | Promise<request.Response>;
  /** A page form: an allowed call may answer with a redirect (303) back to the page. */
  readonly page?: boolean;
}

/**
 * The role matrix of each endpoint: a row in the policy table; each role of organisation A
 * allowed or refused there; each role of A refused on organisation B (nothing appended); the
 * parent organisation's admin, a user with no role, and no credentials refused.
 */
export function describeAccessMatrix(
  world: () => AccessWorld,
  endpoints: ReadonlyArray<Endpoint<any>>,
): void {
  const allowedFor = (role: Role, allowed: Role[]) => role === 'admin' || allowed.includes(role);
  const callAs = async (endpoint: Endpoint<any>, side: Side, user: string | undefined) => {
    const prepared = endpoint.prepare ? await endpoint.prepare(side) : undefined;
    // A page form signs in first (once per user): the session's own event is not the call's.
    if (endpoint.page && user) await world().session(user);
    const before = await countEvents(world().api.database);
    const response = await endpoint.call(side, user, prepared);
    return { response, appended: (await countEvents(world().api.database)) - before };
  };

  describe.each(endpoints)('$name ($route)', (endpoint) => {
    it('has a row in the policy table', () => {
      const [method, path] = endpoint.route.split(' ') as [string, string];
      expect(findRule(method, path)).toBeDefined();
    });

    it.each(ROLE_USERS)('%s of the organisation: allowed only with the role', async (role) => {
      const { response, appended } = await callAs(endpoint, world().A, userOf(role));
      if (allowedFor(role, endpoint.allowed)) {
        const ok =
          (response.status >= 200 && response.status < 300) || (endpoint.page && response.status === 303);
        if (!ok) throw new Error(`${response.status}: ${JSON.stringify(response.body) || response.text}`);
      } else {
        expect(response.status).toBe(403);
        expect(appended).toBe(0);
      }
    });

    it.each(ROLE_USERS)('%s of organisation A on organisation B: 403, nothing appended', async (role) => {
      const { response, appended } = await callAs(endpoint, world().B, userOf(role));
      expect(response.status).toBe(403);
      expect(appended).toBe(0);
    });

    it('an admin of the parent organisation has no rights in the child: 403', async () => {
      const { response, appended } = await callAs(endpoint, world().A, 'sv-admin');
      expect(response.status).toBe(403);
      expect(appended).toBe(0);
    });

    it('a user with no role: 403; no credentials: 401; nothing appended', async () => {
      const none = await callAs(endpoint, world().A, 'nobody');
      expect(none.response.status).toBe(403);
      expect(none.appended).toBe(0);
      const anonymous = await callAs(endpoint, world().A, undefined);
      expect(anonymous.response.status).toBe(401);
      expect(anonymous.response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(anonymous.appended).toBe(0);
    });
  });
}
