import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { meetingCommandId } from '@app/plans';
import { randomUUID } from 'node:crypto';
import { startAccessWorld, WORLD_TIMEOUT_MS, type AccessWorld } from '../support/access-world.js';
import { countEvents } from '../support/test-api.js';

/**
 * A command id belongs to the principal who first used it and to the content it carried
 * (issue 13, point 2). The reproductions: re-sending a commandId with another status answered
 * 200 `appended: false` and dropped the change; a secretary who sent a status change under the
 * id a meeting derives for an amendment's change made the adopted amendment vanish from the
 * plan; the same id used by a secretary of another organisation on their own plan made the vote
 * answer 500, on every retry.
 */
describe('a command id cannot be turned against anyone', () => {
  let world: AccessWorld;

  beforeAll(async () => {
    world = await startAccessWorld();
    await world.user('b-secretary', [['bergen-sv', 'secretary']]);
  }, WORLD_TIMEOUT_MS);
  afterAll(async () => {
    await world.close();
  });

  const status = (user: string, plan: string, measure: string, body: object) =>
    world.as(user).post(`/plans/${plan}/measures/${measure}/status`).send(body);

  /** The measure's status as the plan shows it. */
  async function statusOf(plan: string, measure: string): Promise<string> {
    const view = (await world.admin().get(`/plans/${plan}`).expect(200)).body;
    const measures = view.sections.flatMap(
      (s: { measures: Array<{ id: string; status: string }> }) => s.measures,
    );
    return measures.find((m: { id: string }) => m.id === measure).status;
  }

  it('the same id with the same content is answered as before; with other content it is refused (409), nothing appended', async () => {
    const { A } = world;
    const commandId = randomUUID();
    const first = await status('a-secretary', A.plan, A.measure, { status: 'in_progress', commandId }).expect(
      200,
    );
    expect(first.body.appended).toBe(true);
    const retry = await status('a-secretary', A.plan, A.measure, { status: 'in_progress', commandId }).expect(
      200,
    );
    expect(retry.body).toMatchObject({ appended: false, revision: first.body.revision });

    const before = await countEvents(world.api.database);
    const other = await status('a-secretary', A.plan, A.measure, { status: 'done', commandId });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: 'COMMAND_ID_TAKEN' });
    expect(other.body.message).toMatch(/was used for a different command; nothing was changed/);
    // The same as the Idempotency-Key header.
    const header = await world
      .as('a-secretary')
      .post(`/plans/${A.plan}/measures/${A.measure}/status`)
      .set('Idempotency-Key', commandId)
      .send({ status: 'done', note: 'Ferdig' });
    expect(header.status).toBe(409);
    expect(await countEvents(world.api.database)).toBe(before);
    expect(await statusOf(A.plan, A.measure)).toBe('in_progress');
  });

  it("another principal's id is refused (409), even with the same content", async () => {
    const { A } = world;
    const commandId = randomUUID();
    await status('a-secretary', A.plan, A.measure, { status: 'postponed', commandId }).expect(200);
    const before = await countEvents(world.api.database);
    const taken = await status('a-admin', A.plan, A.measure, { status: 'postponed', commandId });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toMatch(/was used by someone else/);
    expect(await countEvents(world.api.database)).toBe(before);
  });

  it('an id used on another plan is refused (409, never 500), whoever sends it', async () => {
    const { A } = world;
    const commandId = randomUUID();
    await status('a-secretary', A.plan, A.measure, { status: 'not_started', commandId }).expect(200);
    const before = await countEvents(world.api.database);
    for (const [user, plan, measure] of [
      ['a-secretary', A.predecessor, A.predecessorMeasure],
      ['b-secretary', world.B.plan, world.B.measure],
    ] as const) {
      const reused = await status(user, plan, measure, { status: 'done', commandId });
      expect(reused.status).toBe(409);
      expect(reused.body).toMatchObject({ error: 'COMMAND_ID_TAKEN' });
      expect(reused.body.message).toMatch(/was used for a command on another plan/);
    }
    expect(await countEvents(world.api.database)).toBe(before);
  });

  it('a page form sent again with other values under its id (back button, changed form) is refused in Norwegian', async () => {
    const { A } = world;
    const { agent, csrf } = await world.session('a-secretary');
    const commandId = randomUUID();
    const send = (status: string) =>
      agent
        .post(`/plan/${A.plan}/tiltak/${A.measure}/status`)
        .type('form')
        .send({ status, commandId, view: 'measure', _csrf: csrf });
    expect((await send('in_progress')).status).toBe(303);
    // The same form again is the same command: answered as before.
    expect((await send('in_progress')).status).toBe(303);
    const before = await countEvents(world.api.database);
    const changed = await send('dropped');
    expect(changed.status).toBe(422);
    expect(changed.text).toContain('Dette skjemaet er allerede sendt, med annet innhold.');
    expect(await countEvents(world.api.database)).toBe(before);
  });

  it('no client can send a command under an id the server derives (a meeting step, an import): 400', async () => {
    const { A } = world;
    const predicted = meetingCommandId(A.meeting, 'amendment-1/change-0');
    const body = { status: 'done', commandId: predicted };
    const before = await countEvents(world.api.database);
    const asBody = await status('a-secretary', A.plan, A.measure, body);
    expect(asBody.status).toBe(400);
    expect(asBody.body.message).toMatch(/name-based UUIDs \(version 3 or 5\) are the ones Planverk derives/);
    const asHeader = await world
      .as('a-secretary')
      .post(`/plans/${A.plan}/measures/${A.measure}/status`)
      .set('Idempotency-Key', predicted)
      .send({ status: 'done' });
    expect(asHeader.status).toBe(400);
    expect(await countEvents(world.api.database)).toBe(before);
  });

  it('the reproduction: an amendment whose step id was sent first by a secretary (here or in another organisation) still reaches the plan when adopted', async () => {
    const { A, B } = world;
    for (const side of ['same organisation', 'other organisation'] as const) {
      const no = 100 + world.next();
      const text = `Vedtatt forslag ${no} skal stå i planen`;
      const predicted = meetingCommandId(A.meeting, `amendment-${no}/change-0`);
      const attack =
        side === 'same organisation'
          ? await status('a-secretary', A.plan, A.measure, { status: 'done', commandId: predicted })
          : await status('b-secretary', B.plan, B.measure, { status: 'done', commandId: predicted });
      expect(attack.status).toBe(400);

      await world
        .as('a-meeting-officer')
        .post(`/meetings/${A.meeting}/amendments`)
        .send({ no, proposer: 'Lokallaget', target: { section: '1' }, op: 'add_measure', measure: { text } })
        .expect(201);
      const vote = await world
        .as('a-meeting-officer')
        .post(`/meetings/${A.meeting}/amendments/${no}/vote`)
        .send({ result: 'adopted', for: 40, against: 2 });
      expect(vote.status).toBe(200);
      const plan = await world.admin().get(`/plans/${A.plan}`).expect(200);
      expect(JSON.stringify(plan.body)).toContain(text);
    }
  }, 60_000);

  it('a vote the plan can no longer take is refused before it is recorded: never adopted in the meeting and absent from the plan', async () => {
    const { A } = world;
    // A measure the meeting's papers have (a later one is not in them); the last test to use it.
    const measureId = A.measure;
    const view = (await world.admin().get(`/plans/${A.plan}`).expect(200)).body;
    const address = view.sections
      .flatMap((s: { measures: Array<{ id: string; address: string }> }) => s.measures)
      .find((m: { id: string }) => m.id === measureId).address;
    const no = 200 + world.next();
    await world
      .as('a-meeting-officer')
      .post(`/meetings/${A.meeting}/amendments`)
      .send({
        no,
        proposer: 'Lokallaget',
        target: { measure: address },
        op: 'change_timing',
        timing: 'Høst 2027',
      })
      .expect(201);
    await world
      .admin()
      .post(`/plans/${A.plan}/measures/${measureId}/strike`)
      .send({ reason: 'Gjennomført' })
      .expect(200);

    const before = await countEvents(world.api.database);
    const vote = await world
      .as('a-meeting-officer')
      .post(`/meetings/${A.meeting}/amendments/${no}/vote`)
      .send({ result: 'adopted', for: 30, against: 3 });
    expect(vote.status).toBe(409);
    expect(vote.body.message).toMatch(
      new RegExp(`Forslag ${no} kan ikke vedtas: Tiltak ${address} er strøket`),
    );
    expect(await countEvents(world.api.database)).toBe(before);
    const meeting = (await world.admin().get(`/meetings/${A.meeting}`).expect(200)).body;
    expect(JSON.stringify(meeting)).not.toMatch(new RegExp(`"no":${no}[^}]*"status":"adopted"`));
    const plan = (await world.admin().get(`/plans/${A.plan}`).expect(200)).body;
    expect(JSON.stringify(plan)).not.toContain('Høst 2027');
  }, 60_000);
});
