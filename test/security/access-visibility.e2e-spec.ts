import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startAccessWorld, type AccessWorld } from '../support/access-world.js';

/**
 * "Reads of a plan marked internal need at least viewer in the plan's organisation; published
 * plans can be read without signing in": on the organisation pages, and wherever another plan
 * is shown beside the one asked for (its predecessor in a diff, a lineage or an audit report).
 */
describe('internal plans are not shown to those who may not read them', () => {
  let world: AccessWorld;
  const SECRET_TITLE = 'Hemmelig arbeidsplan';
  const SECRET_MEASURE = 'Forhandle i det stille med kommunen';
  const anonymous = () => request(world.api.anonymous);

  beforeAll(async () => {
    world = await startAccessWorld();
    const { A } = world;
    await world.admin().post(`/plans/${A.plan}/title`).send({ title: SECRET_TITLE }).expect(200);
    await world
      .admin()
      .post(`/plans/${A.plan}/measures`)
      .send({ sectionId: A.section, text: SECRET_MEASURE, responsible: ['FS'] })
      .expect(201);
    await world
      .admin()
      .post(`/plans/${A.predecessor}/measures`)
      .send({ sectionId: (await sectionOf(A.predecessor)) ?? '', text: SECRET_MEASURE, responsible: ['LL'] })
      .expect(201);
    for (const plan of [A.plan, A.predecessor]) {
      await world.admin().post(`/plans/${plan}/visibility`).send({ visibility: 'internal' }).expect(200);
    }
  });
  afterAll(async () => {
    await world.close();
  });

  async function sectionOf(planId: string): Promise<string | undefined> {
    const plan = (await world.admin().get(`/plans/${planId}`).expect(200)).body;
    return plan.sections[0]?.id;
  }

  it('the organisation page and its responsibility page leave the internal plan out when signed out', async () => {
    for (const path of ['/org/oslo-sv', '/org/oslo-sv/ansvar']) {
      const page = await anonymous().get(path).expect(200);
      expect(page.text).not.toContain(SECRET_TITLE);
      expect(page.text).not.toContain(SECRET_MEASURE);
    }
    await anonymous().get(`/org/oslo-sv/ansvar?plan=${world.A.plan}`).expect(404);
  });

  it('and for a user of another organisation; a viewer of the organisation sees it', async () => {
    const other = await world.session('b-admin');
    const page = await other.agent.get('/org/oslo-sv').expect(200);
    expect(page.text).not.toContain(SECRET_TITLE);
    await other.agent.get(`/org/oslo-sv/ansvar?plan=${world.A.plan}`).expect(404);
    const viewer = await world.session('a-viewer');
    expect((await viewer.agent.get('/org/oslo-sv').expect(200)).text).toContain(SECRET_TITLE);
    const responsibility = await viewer.agent.get(`/org/oslo-sv/ansvar?plan=${world.A.plan}`).expect(200);
    expect(responsibility.text).toContain(SECRET_MEASURE);
  });

  it('a published plan is not compared with an internal predecessor for those who may not read it', async () => {
    const { B } = world;
    // Bergen's published plan, compared with Oslo's internal plans by name or as its predecessor.
    await world
      .admin()
      .post(`/plans/${B.plan}/links`)
      .send({ predecessorPlanId: world.A.predecessor })
      .expect(200);
    for (const path of [
      `/plans/${B.plan}/diff?fromPlan=${world.A.plan}`,
      `/plans/${B.plan}/lineage?fromPlan=${world.A.plan}`,
      `/plans/${B.plan}/audit?fromPlan=${world.A.plan}`,
      `/plans/${B.plan}/lineage`,
      `/plans/${B.plan}/audit`,
    ]) {
      await anonymous().get(path).expect(404);
      const refused = await world.as('b-admin').get(path).expect(404);
      expect(JSON.stringify(refused.body)).not.toContain(SECRET_MEASURE);
      const allowed = await world.as('a-viewer').get(path);
      expect(allowed.status).toBe(200);
    }
    const page = await anonymous().get(`/plan/${B.plan}/revisjon`).expect(200);
    expect(page.text).not.toContain(SECRET_MEASURE);
    await world.admin().post(`/plans/${B.plan}/links`).send({ predecessorPlanId: B.predecessor }).expect(200);
    await anonymous().get(`/plans/${B.plan}/lineage`).expect(200);
    await anonymous().get(`/plans/${B.plan}/diff?fromPlan=${B.predecessor}`).expect(200);
  });
});
