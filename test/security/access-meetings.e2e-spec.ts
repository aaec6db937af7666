import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  describeAccessMatrix,
  startAccessWorld,
  type AccessWorld,
  type Endpoint,
  type Side,
} from '../support/access-world.js';

/**
 * Meetings: scheduling, amendments, recommendations, votes and replay are the meeting officer's,
 * in the meeting's organisation and the plan's; a member files amendments and withdraws their
 * own; a meeting of an internal plan is read like the plan.
 */
describe('access to meetings', () => {
  let world: AccessWorld;
  const as = (user: string | undefined) => world.as(user);
  const n = () => world.next();

  beforeAll(async () => {
    world = await startAccessWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  const amendment = (no: number) => ({
    no,
    proposer: 'Lokallaget',
    target: { section: '1' },
    op: 'add_measure',
    measure: { text: `Forslag ${no}` },
  });
  /** A pending amendment filed for one call (withdrawn, recommended, voted on). */
  const pending = async (side: Side): Promise<number> => {
    const no = n();
    await world.admin().post(`/meetings/${side.meeting}/amendments`).send(amendment(no)).expect(201);
    return no;
  };
  const meeting = (side: Side) => ({
    id: `${side.organisation}-rs-${n()}`,
    organisationId: side.organisation,
    body: 'RS',
    date: '2026-06-10',
    planId: side.plan,
  });

  const ENDPOINTS: Array<Endpoint<any>> = [
    {
      name: 'schedule a meeting',
      route: 'POST /meetings',
      allowed: ['meeting_officer'],
      call: (s, u) => as(u).post('/meetings').send(meeting(s)),
    },
    {
      name: 'replay a protocol',
      route: 'POST /meetings/replay',
      allowed: ['meeting_officer'],
      call: (s, u) => {
        const m = meeting(s);
        return as(u)
          .post('/meetings/replay')
          .send({
            meeting: { id: m.id, org: m.organisationId, body: m.body, date: m.date, plan: m.planId },
            amendments: [],
            votes: [],
          });
      },
    },
    {
      name: 'file an amendment',
      route: 'POST /meetings/:id/amendments',
      allowed: ['member', 'meeting_officer'],
      call: (s, u) => as(u).post(`/meetings/${s.meeting}/amendments`).send(amendment(n())),
    },
    {
      name: 'import an amendment list',
      route: 'POST /meetings/:id/amendments/import',
      allowed: ['meeting_officer'],
      call: (s, u) =>
        as(u)
          .post(`/meetings/${s.meeting}/amendments/import`)
          .set('Content-Type', 'text/plain')
          .send(
            // A list that files (one from which nothing is filed is refused with 422, whoever sends it).
            (() => {
              const no = n();
              return `Forslag ${no}\nForslagsstiller: Lokallaget\nPlass: Ny linje 5\nType forslag: Tillegg\nForslag: Nytt punkt: «Listeforslag ${no}»\n`;
            })(),
          ),
    },
    {
      name: 'withdraw an amendment',
      route: 'POST /meetings/:id/amendments/:no/withdraw',
      allowed: ['member', 'meeting_officer'],
      // In A a member files it, so the member withdrawing it withdraws their own.
      prepare: async (side: Side) => {
        const no = n();
        const filer = side.key === 'A' ? as('a-member') : world.admin();
        await filer.post(`/meetings/${side.meeting}/amendments`).send(amendment(no)).expect(201);
        return no;
      },
      call: (s, u, no: number) =>
        as(u).post(`/meetings/${s.meeting}/amendments/${no}/withdraw`).send({ reason: 'Trukket' }),
    },
    {
      name: 'recommend on an amendment',
      route: 'POST /meetings/:id/amendments/:no/recommendation',
      allowed: ['meeting_officer'],
      prepare: pending,
      call: (s, u, no: number) =>
        as(u)
          .post(`/meetings/${s.meeting}/amendments/${no}/recommendation`)
          .send({ recommendation: 'adopt' }),
    },
    {
      name: 'record the vote on an amendment',
      route: 'POST /meetings/:id/amendments/:no/vote',
      allowed: ['meeting_officer'],
      prepare: pending,
      call: (s, u, no: number) =>
        as(u)
          .post(`/meetings/${s.meeting}/amendments/${no}/vote`)
          .send({ result: 'rejected', for: 1, against: 9 }),
    },
    {
      name: 'record the vote on the plan',
      route: 'POST /meetings/:id/plan-vote',
      allowed: ['meeting_officer'],
      prepare: async (s) => {
        const m = meeting(s);
        await world.admin().post('/meetings').send(m).expect(201);
        return m.id;
      },
      call: (_s, u, id: string) =>
        as(u).post(`/meetings/${id}/plan-vote`).send({ result: 'adopted', for: 40 }),
    },
  ];

  describeAccessMatrix(() => world, ENDPOINTS);

  describe('of an internal plan', () => {
    beforeAll(async () => {
      await world
        .admin()
        .post(`/plans/${world.A.plan}/visibility`)
        .send({ visibility: 'internal' })
        .expect(200);
    });
    afterAll(async () => {
      await world
        .admin()
        .post(`/plans/${world.A.plan}/visibility`)
        .send({ visibility: 'published' })
        .expect(200);
    });

    it('are read only by viewers of its organisation: others, signed out too, as if there were none', async () => {
      const { A, B } = world;
      for (const path of [
        `/meetings/${A.meeting}`,
        `/meetings/${A.meeting}/protocol`,
        `/meetings/${A.meeting}/preview?adopt=1`,
      ]) {
        await request(world.api.anonymous).get(path).expect(404);
        const other = await as('b-admin').get(path).expect(404);
        expect(JSON.stringify(other.body)).not.toContain(A.plan);
        await as('sv-admin').get(path).expect(404);
      }
      await as('a-viewer').get(`/meetings/${A.meeting}`).expect(200);
      await as('a-viewer').get(`/meetings/${A.meeting}/protocol`).expect(200);
      await request(world.api.anonymous).get(`/meetings/${B.meeting}`).expect(200);
    });

    it('are left out of the list of meetings for those who may not read the plan', async () => {
      const { A, B } = world;
      const ids = (body: Array<{ id: string }>) => body.map((m) => m.id);
      const signedOut = ids((await request(world.api.anonymous).get('/meetings').expect(200)).body);
      expect(signedOut).not.toContain(A.meeting);
      expect(signedOut).toContain(B.meeting);
      expect(ids((await as('b-admin').get(`/meetings?planId=${A.plan}`).expect(200)).body)).toEqual([]);
      expect(ids((await as('a-viewer').get('/meetings').expect(200)).body)).toContain(A.meeting);
    });
  });
});
