import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CommandBus } from '@nestjs/cqrs';
import { EventStore, type RecordedEvent } from '@app/event-store';
import { ProjectionRunner } from '@app/read-models';
import { tablesOf } from '@app/testing';
import { parseMeetingProtocol } from '@app/plan-document';
import {
  ChangeMeetingCommand,
  ChangePlanCommand,
  MeetingDecisions,
  ReplayProtocolCommand,
  meetingStreamId,
  planStreamId,
  protocolSteps,
  replayStepBinding,
  replayStepEnvelope,
  type ReplayResult,
} from '@app/plans';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/test-api.js';

const seed = readFileSync(new URL('../../../shared/seeds/001_23325c842a46d39f.txt', import.meta.url), 'utf8');
const { protocol } = parseMeetingProtocol(
  readFileSync(new URL('../fixtures/oslo-sv-am-2026.protocol.yaml', import.meta.url), 'utf8'),
);
const PLAN = protocol.meeting.plan;
const MEETING = protocol.meeting.id;
const ACTOR = 'user:moteleder';
const NOW = '2026-03-14T20:00:00.000Z';

/** An api with the Oslo SV draft imported, as the annual meeting received it. */
async function withDraft(): Promise<{ api: TestApi; imported: number }> {
  const api = await startTestApi();
  await request(api.http).post('/imports').set('Content-Type', 'text/plain').send(seed).expect(201);
  const imported = (await api.app.get(EventStore).readStream(planStreamId(PLAN))).length;
  return { api, imported };
}

/** The meeting's events and the plan's since the draft: everything the meeting wrote, as stored. */
async function meetingWrote(api: TestApi, imported: number) {
  const store = api.app.get(EventStore);
  const stored = (e: RecordedEvent) => ({
    id: e.id,
    revision: e.revision,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
  });
  return {
    meeting: (await store.readStream(meetingStreamId(MEETING))).map(stored),
    plan: (await store.readStream(planStreamId(PLAN), { fromRevision: BigInt(imported) })).map(stored),
  };
}

/** Steps of the protocol as the meeting's commands, one at a time, each carried into the plan. */
async function commandsOneByOne(api: TestApi, steps: ReturnType<typeof protocolSteps>): Promise<void> {
  const bus = api.app.get(CommandBus);
  const context = { meetingId: MEETING, date: protocol.meeting.date, actor: ACTOR, now: NOW };
  for (const step of steps) {
    await bus.execute(
      new ChangeMeetingCommand(
        MEETING,
        step.change,
        replayStepEnvelope(step, context),
        replayStepBinding(MEETING, step),
      ),
    );
  }
}

const replay = (api: TestApi): Promise<ReplayResult> =>
  api.app
    .get(CommandBus)
    .execute(new ReplayProtocolCommand(protocol, { dryRun: false, actor: ACTOR, now: NOW }));

/**
 * A replayed protocol is decided in memory and appended in a few appends per stream; what it
 * writes must be what its commands, run one by one with the meeting's process manager carrying
 * each vote into the plan, wrote: the same events, ids, metadata and order in each stream.
 */
describe('a meeting protocol replayed in a few appends, not command by command', () => {
  let oneByOne: { api: TestApi; imported: number };
  let replayed: { api: TestApi; imported: number };
  let expected: Awaited<ReturnType<typeof meetingWrote>>;
  let first: ReplayResult;

  beforeAll(async () => {
    [oneByOne, replayed] = await Promise.all([withDraft(), withDraft()]);
    // The commands one at a time, as the replay ran them before it appended them together.
    await commandsOneByOne(oneByOne.api, protocolSteps(protocol, ACTOR));
    expected = await meetingWrote(oneByOne.api, oneByOne.imported);
    first = await replay(replayed.api);
  });

  afterAll(async () => {
    await Promise.all([oneByOne?.api.close(), replayed?.api.close()]);
  });

  it('appends what the commands one by one appended: the same events, ids and metadata', async () => {
    expect(expected.meeting.length).toBeGreaterThan(70);
    expect(expected.plan.length).toBeGreaterThan(10);
    expect(await meetingWrote(replayed.api, replayed.imported)).toEqual(expected);
    expect(first.appended).toBe(expected.meeting.length + expected.plan.length);
    expect(first).toMatchObject({ planVote: 'adopted', adoptedRevision: 1, dryRun: false });
  });

  it('gives the same rows and pages as the commands one by one', async () => {
    const seen = async (api: TestApi) => {
      const store = api.app.get(EventStore);
      const newest = await Promise.all(
        [meetingStreamId(MEETING), planStreamId(PLAN)].map((id) =>
          store.readStream(id, { direction: 'backwards', maxCount: 1 }),
        ),
      );
      const runner = api.app.get(ProjectionRunner);
      for (const [event] of newest) await runner.caughtUpTo(event!.position, 30_000);
      const tables = tablesOf(api.database);
      const get = async (path: string) => (await request(api.http).get(path).expect(200)).body;
      return {
        meetings: await tables.selectFrom('rm_meetings').selectAll().execute(),
        amendments: await tables.selectFrom('rm_amendments').selectAll().orderBy('no').execute(),
        meeting: await get(`/meetings/${MEETING}`),
        protocol: (await request(api.http).get(`/meetings/${MEETING}/protocol`).expect(200)).text,
        plan: await get(`/plans/${PLAN}`),
        // What the meeting recorded (the draft's import carries the moment each api imported it).
        history: (await get(`/plans/${PLAN}/history`)).filter(
          (row: { recordedAt: string }) => row.recordedAt === NOW,
        ),
      };
    };
    const [before, now] = await Promise.all([seen(oneByOne.api), seen(replayed.api)]);
    expect(now.amendments).toHaveLength(protocol.amendments.length);
    expect(now.history.length).toBeGreaterThan(10);
    expect(now).toEqual(before);
  });

  it('appends nothing when retried, and the process manager finds nothing left to carry into the plan', async () => {
    const again = await replay(replayed.api);
    expect(again.appended).toBe(0);
    expect({ ...again, planEvents: [] }).toEqual({ ...first, appended: 0, planEvents: [] });
    const carried = await replayed.api.app
      .get(MeetingDecisions)
      .apply(MEETING, { actor: ACTOR, now: NOW, commandId: 'a-later-vote' });
    expect(carried).toEqual([]);
    expect(await meetingWrote(replayed.api, replayed.imported)).toEqual(expected);
  });

  it('carries the recorded decisions into the plan when retried after failing between its appends', async () => {
    const { api, imported } = await withDraft();
    try {
      const store = api.app.get(EventStore);
      const append = store.appendToStream.bind(store);
      const crash = jest
        .spyOn(store, 'appendToStream')
        .mockImplementation(async (streamId, events, options) => {
          if (streamId === planStreamId(PLAN))
            throw new Error('the process died before appending to the plan');
          return append(streamId, events, options);
        });
      await expect(replay(api)).rejects.toThrow('the process died');
      crash.mockRestore();
      const half = await meetingWrote(api, imported);
      expect(half).toEqual({ meeting: expected.meeting, plan: [] });

      const retried = await replay(api);
      expect(retried.appended).toBe(expected.plan.length);
      expect(retried).toMatchObject({ planVote: 'adopted', adoptedRevision: 1 });
      expect(await meetingWrote(api, imported)).toEqual(expected);
    } finally {
      await api.close();
    }
  });

  it('records the rest of a replay that stopped half way through its votes, as the commands would have', async () => {
    const { api, imported } = await withDraft();
    try {
      const steps = protocolSteps(protocol, ACTOR);
      const votes = steps.filter((s) => s.change.type === 'RecordVote');
      // Everything up to the middle vote recorded, its changes in the plan; the rest not yet.
      await commandsOneByOne(api, steps.slice(0, steps.indexOf(votes[Math.floor(votes.length / 2)]!)));
      const half = await meetingWrote(api, imported);
      expect(half.meeting.length).toBeLessThan(expected.meeting.length);
      expect(half.plan.length).toBeGreaterThan(0);

      const retried = await replay(api);
      expect(retried.appended).toBe(
        expected.meeting.length + expected.plan.length - half.meeting.length - half.plan.length,
      );
      expect(await meetingWrote(api, imported)).toEqual(expected);
    } finally {
      await api.close();
    }
  });

  it('decides again when another command changed the plan between its read and its append', async () => {
    const { api, imported } = await withDraft();
    try {
      const store = api.app.get(EventStore);
      const append = store.appendToStream.bind(store);
      let raced = false;
      const race = jest
        .spyOn(store, 'appendToStream')
        .mockImplementation(async (streamId, events, options) => {
          if (streamId === planStreamId(PLAN) && !raced) {
            raced = true;
            // A secretary renames the plan while the replay appends the meeting's decisions.
            await api.app
              .get(CommandBus)
              .execute(
                new ChangePlanCommand(
                  PLAN,
                  { type: 'RetitlePlan', title: 'Arbeidsplan 2024-2027' },
                  { commandId: 'secretary-retitles', actor: 'user:sekretaer', now: NOW },
                ),
              );
          }
          return append(streamId, events, options);
        });
      const replayed = await replay(api);
      race.mockRestore();
      const wrote = await meetingWrote(api, imported);
      expect(wrote.meeting).toEqual(expected.meeting);
      expect(wrote.plan[0]).toMatchObject({
        type: 'PlanRetitled',
        metadata: { commandId: 'secretary-retitles' },
      });
      // The meeting's changes after it, as decided again on the renamed plan.
      const after = wrote.plan.slice(1);
      expect(after.map(({ id, type, data }) => ({ id, type, data }))).toEqual(
        expected.plan.map(({ id, type, data }) => ({ id, type, data })),
      );
      expect(replayed.appended).toBe(expected.meeting.length + expected.plan.length);
    } finally {
      await api.close();
    }
  });
});
