import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startAccessWorld, WORLD_TIMEOUT_MS, type AccessWorld } from '../support/access-world.js';
import { countEvents } from '../support/test-api.js';

/**
 * An outsider cannot tell an internal plan from a missing one: every route answers both alike
 * (status and body, the plan's id aside), signed in or not, for the plan in the path, the
 * meeting that treats it, and the plans a command names (predecessor, parent, successor,
 * lineage, a meeting's plan). The reproductions: anonymous reads of an internal plan got
 * 401 where a missing plan got 404; an outsider's 403 named the organisation; `POST /plans` with
 * an internal plan as predecessor answered 201 (a missing one 404); `lineage/confirm` against
 * another organisation's internal plan answered 200 and recorded an event pointing at it.
 */
describe('an outsider cannot tell an internal plan from a missing one', () => {
  let world: AccessWorld;
  const SECRET = 'Hemmelig tiltak';
  const MISSING = 'oslo-sv-2099-2102';
  let secretMeasure: string;

  beforeAll(async () => {
    world = await startAccessWorld();
    const { A, B } = world;
    secretMeasure = (
      await world
        .admin()
        .post(`/plans/${A.plan}/measures`)
        .send({ sectionId: A.section, text: SECRET, responsible: ['FS'] })
        .expect(201)
    ).body.measureId;
    await world.admin().post(`/plans/${A.plan}/visibility`).send({ visibility: 'internal' }).expect(200);
    // Bergen's plan continues Oslo's internal plan (a system administrator linked them).
    await world.admin().post(`/plans/${B.plan}/links`).send({ predecessorPlanId: A.plan }).expect(200);
    await world.user('b-meeting-officer', [['bergen-sv', 'meeting_officer']]);
  }, WORLD_TIMEOUT_MS);
  afterAll(async () => {
    await world.close();
  });

  /**
   * The same request about the hidden plan and about a missing one, as `user`: the same status,
   * the same body once the hidden plan's id is read as the missing one's, and nothing appended.
   */
  async function alike(
    user: string | undefined,
    call: (plan: string) => (agent: ReturnType<AccessWorld['as']>) => request.Test,
    hidden = world.A.plan,
    missing = MISSING,
  ): Promise<request.Response> {
    const before = await countEvents(world.api.database);
    const hiddenAnswer = await call(hidden)(world.as(user));
    const missingAnswer = await call(missing)(world.as(user));
    expect(await countEvents(world.api.database)).toBe(before);
    const comparable = (r: request.Response, id: string) => ({
      status: r.status,
      body: (r.text ?? '').split(id).join('<plan>'),
    });
    expect(comparable(hiddenAnswer, hidden)).toEqual(comparable(missingAnswer, missing));
    expect(hiddenAnswer.text).not.toContain(SECRET);
    expect(hiddenAnswer.text).not.toContain('oslo-sv"');
    return hiddenAnswer;
  }

  const READS = [
    '',
    '/document?format=md',
    '/history',
    '/events',
    '/follow-up',
    '/report?from=2025-01-01&to=2026-01-01',
    '/diff?from=1',
    '/lineage',
    '/audit?format=md',
    '/redline?from=1&to=2&format=md',
    '/audit-export',
  ];

  it.each([
    ['signed out', undefined],
    ['as an admin of another organisation', 'b-admin'],
    ['as an admin of the parent organisation', 'sv-admin'],
    ['as a user with no role', 'nobody'],
  ])('reads of the plan %s: 404 like a missing plan', async (_who, user) => {
    for (const path of READS) {
      const answer = await alike(user, (plan) => (a) => a.get(`/plans/${plan}${path}`));
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    const viewer = await world.as('a-viewer').get(`/plans/${world.A.plan}`).expect(200);
    expect(viewer.text).toContain(SECRET);
  });

  it('the plan compared with, its measures, its meetings and its page: 404 like missing ones', async () => {
    const { A, B } = world;
    for (const user of [undefined, 'b-admin']) {
      await alike(user, (plan) => (a) => a.get(`/plans/${B.plan}/lineage?fromPlan=${plan}`));
      await alike(user, (plan) => (a) => a.get(`/plans/${B.plan}/diff?fromPlan=${plan}`));
      await alike(
        user,
        (measure) => (a) => a.get(`/measures/${measure}/history`),
        secretMeasure,
        '00000000-0000-4000-8000-000000000000',
      );
      for (const path of ['', '/protocol', '/preview?adopt=1']) {
        await alike(
          user,
          (meeting) => (a) => a.get(`/meetings/${meeting}${path}`),
          A.meeting,
          'no-such-meeting',
        );
      }
    }
    const page = await request(world.api.anonymous).get(`/plan/${A.plan}`);
    const missingPage = await request(world.api.anonymous).get(`/plan/${MISSING}`);
    expect(page.status).toBe(404);
    expect(page.text.split(A.plan).join('<plan>')).toEqual(missingPage.text.split(MISSING).join('<plan>'));
  });

  it('writes to the plan or its meeting by outsiders: the answer a missing one gets, nothing appended', async () => {
    const { A } = world;
    for (const user of ['b-plan-editor', 'b-admin', 'sv-admin']) {
      await alike(
        user,
        (plan) => (a) => a.post(`/plans/${plan}/sections`).send({ number: '9', title: 'Ny' }),
      );
      await alike(user, (plan) => (a) => a.post(`/plans/${plan}/title`).send({ title: 'Ny tittel' }));
      await alike(
        user,
        (plan) => (a) => a.post(`/plans/${plan}/visibility`).send({ visibility: 'published' }),
      );
      await alike(user, (plan) => (a) => a.get(`/plans/${plan}/access`));
    }
    await alike(
      'b-meeting-officer',
      (meeting) => (a) =>
        a
          .post(`/meetings/${meeting}/amendments`)
          .send({ no: 99, target: { section: '1' }, op: 'add_measure', measure: { text: 'Ny' } }),
      A.meeting,
      'no-such-meeting',
    );
    // No credentials, or no role anywhere: refused before anything is looked up, alike too.
    const anonymous = await alike(
      undefined,
      (plan) => (a) => a.post(`/plans/${plan}/sections`).send({ number: '9', title: 'Ny' }),
    );
    expect(anonymous.status).toBe(401);
    const nobody = await alike(
      'nobody',
      (plan) => (a) => a.post(`/plans/${plan}/sections`).send({ number: '9', title: 'Ny' }),
    );
    expect(nobody.status).toBe(403);
  });

  it('a plan a command names (predecessor, parent, successor, a meeting’s plan): as if it did not exist', async () => {
    const { B } = world;
    const newPlan =
      (field: 'predecessorPlanId' | 'parentPlanId') => (plan: string) => (a: ReturnType<AccessWorld['as']>) =>
        a.post('/plans').send({
          id: `bergen-sv-2028-${world.next()}`,
          organisationId: 'bergen-sv',
          title: 'Arbeidsplan',
          period: { from: 2028, to: 2031 },
          [field]: plan,
        });
    const created = await alike('b-plan-editor', newPlan('predecessorPlanId'));
    expect(created.status).toBe(404);
    await alike('b-plan-editor', newPlan('parentPlanId'));
    await alike(
      'b-plan-editor',
      (plan) => (a) => a.post(`/plans/${B.plan}/links`).send({ parentPlanId: plan }),
    );
    await alike(
      'b-plan-editor',
      (plan) => (a) => a.post(`/plans/${B.predecessor}/supersede`).send({ byPlanId: plan }),
    );
    const meeting = await alike(
      'b-meeting-officer',
      (plan) => (a) =>
        a.post('/meetings').send({
          id: `bergen-sv-rs-${world.next()}`,
          organisationId: 'bergen-sv',
          body: 'RS',
          date: '2026-06-10',
          planId: plan,
        }),
    );
    expect(meeting.status).toBe(404);
  });

  it('a lineage link to the internal plan is refused as one to a missing plan, and tells nothing of its elements', async () => {
    const { A, B } = world;
    for (const path of ['confirm', 'reject']) {
      for (const from of [[A.measure], [secretMeasure], ['00000000-0000-4000-8000-000000000000']]) {
        const answer = await alike(
          'b-plan-editor',
          (plan) => (a) =>
            a.post(`/plans/${B.plan}/lineage/${path}`).send({
              fromPlanId: plan,
              from,
              to: [B.measure],
              ...(path === 'confirm' ? { kind: 'unchanged' } : {}),
            }),
        );
        expect(answer.status).toBe(404);
      }
    }
    const events = await world.admin().get(`/plans/${B.plan}/events`).expect(200);
    expect(JSON.stringify(events.body)).not.toContain('LineageConfirmed');
    // A viewer of Oslo who edits Bergen's plan may link it.
    await world.user('ab-editor', [
      ['bergen-sv', 'plan_editor'],
      ['oslo-sv', 'viewer'],
    ]);
    await world
      .as('ab-editor')
      .post(`/plans/${B.plan}/lineage/confirm`)
      .send({ fromPlanId: A.plan, from: [A.measure], to: [B.measure], kind: 'unchanged' })
      .expect(200);
  });
});
