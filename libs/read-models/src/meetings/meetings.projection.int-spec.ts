import { afterAll, beforeAll, describe, it } from '@jest/globals';
import {
  evolveMeeting,
  initialMeetingState,
  type AmendmentOp,
  type MeetingEvent,
  type VoteResult,
} from '@app/domain';
import { planEvents, projectionSpecification, streamEvents, type SpecEvent } from '@app/testing';
import { loadMeetingState, meetingsProjection } from './meetings.projection.js';

const am = streamEvents<MeetingEvent>('meeting-am');

const scheduled = am('MeetingScheduled', {
  meetingId: 'am',
  organisationId: 'oslo',
  body: 'ÅM',
  date: '2026-03-01',
  planId: 'p1',
  planRevision: 12,
  title: 'Årsmøte 2026',
  edition: '2026',
});
const filed = (no: number, op: AmendmentOp = 'replace_text') =>
  am('AmendmentFiled', {
    meetingId: 'am',
    no,
    proposer: 'Frogner SV',
    cited: { measure: '4.2.A' },
    target: { kind: 'measure', id: `m${no}`, address: `4.2.${'ABCDEFGH'[no - 1]}` },
    op,
    fields: { from: 'jevnlig', to: 'hver måned' },
  });
const voted = (no: number, result: VoteResult) => am('VoteRecorded', { meetingId: 'am', no, result });

/** The meeting as the domain's own fold leaves it after the events (what the decider decides on). */
const foldedMeeting = (events: readonly SpecEvent[]) =>
  (events as readonly MeetingEvent[]).reduce(evolveMeeting, initialMeetingState());

describe('the meetings projection (rm_meetings, rm_amendments)', () => {
  const spec = projectionSpecification(meetingsProjection);
  beforeAll(() => spec.open());
  afterAll(() => spec.dispose());

  it('keeps a scheduled meeting with the plan revision it treats, nothing decided yet', () =>
    spec.given(scheduled).then('rm_meetings', [
      {
        meeting_id: 'am',
        organisation_id: 'oslo',
        plan_id: 'p1',
        body: 'ÅM',
        date: '2026-03-01',
        plan_revision: 12,
        title: 'Årsmøte 2026',
        edition: '2026',
        status: 'scheduled',
        decisions: 0,
        plan_vote: null,
        stream_revision: 0,
      },
    ]));

  it('keeps a filed amendment with what it targets, undecided', () =>
    spec
      .given(scheduled)
      .when(filed(1))
      .then('rm_amendments', [
        {
          meeting_id: 'am',
          no: 1,
          target_kind: 'measure',
          target_id: 'm1',
          target_address: '4.2.A',
          op: 'replace_text',
          status: 'filed',
          decided_seq: null,
        },
      ]));

  it.each([
    ['adopted', 'adopted'],
    ['rejected', 'rejected'],
    ['lapsed', 'lapsed'],
    ['referred', 'referred'],
  ] as const)('makes an amendment %s by a vote with that result', (result, status) =>
    spec
      .given(scheduled, filed(1))
      .when(voted(1, result))
      .then('rm_amendments', [{ no: 1, status, decided_seq: 1 }]),
  );

  it('numbers the decisions in the order they are made, a withdrawal too', () =>
    spec
      .given(scheduled, filed(1), filed(2), filed(3))
      .when(voted(2, 'rejected'), am('AmendmentWithdrawn', { meetingId: 'am', no: 1, reason: 'Trukket' }))
      .then('rm_amendments', [
        { no: 1, status: 'withdrawn', decided_seq: 2 },
        { no: 2, status: 'rejected', decided_seq: 1 },
        { no: 3, status: 'filed', decided_seq: null },
      ]));

  it("decides nothing by the committee's recommendation", () =>
    spec
      .given(scheduled, filed(1))
      .when(am('RecommendationGiven', { meetingId: 'am', no: 1, recommendation: 'adopt' }))
      .then('rm_amendments', [{ no: 1, status: 'filed', decided_seq: null }]));

  it('is concluded by the vote on the plan, the last decision', () =>
    spec
      .given(scheduled, filed(1), voted(1, 'adopted'))
      .when(am('PlanVoted', { meetingId: 'am', result: 'adopted', for: 80, against: 3 }))
      .then('rm_meetings', [
        {
          meeting_id: 'am',
          status: 'concluded',
          decisions: 2,
          plan_vote: { result: 'adopted', for: 80, against: 3, seq: 2 },
          stream_revision: 3,
        },
      ]));

  it('reads back as the meeting the domain folds from the same events, every detail included', () => {
    const events = [
      scheduled,
      am('DeadlineChanged', { meetingId: 'am', deadline: '2026-02-20T23:59:00.000Z' }),
      am('MajorityRuleSet', { meetingId: 'am', rule: 'two_thirds' }),
      filed(1),
      filed(2, 'strike_measure'),
      filed(3),
      am('RecommendationGiven', {
        meetingId: 'am',
        no: 1,
        recommendation: 'adopt_modified',
        modified: { to: 'hver uke' },
        note: 'Strammere',
      }),
      am('RecommendationContested', { meetingId: 'am', no: 2, contested: true }),
      am('VotingOrderSet', { meetingId: 'am', order: [2, 1] }),
      am('FloorSet', { meetingId: 'am', item: { kind: 'amendment', no: 2 } }),
      voted(2, 'rejected'),
      am('RecommendationsAccepted', { meetingId: 'am', nos: [1], for: 70 }),
      am('VoteRecorded', { meetingId: 'am', no: 1, result: 'adopted', modified: true, enBloc: true }),
      am('AmendmentWithdrawn', { meetingId: 'am', no: 3 }),
    ];
    return spec
      .given(events.slice(0, 6))
      .when(events.slice(6))
      .thenQuery((db) => loadMeetingState(db, 'am'), foldedMeeting(events));
  });

  it('keeps each meeting apart', () =>
    spec
      .given(scheduled, filed(1))
      .when(
        streamEvents<MeetingEvent>('meeting-ls')('MeetingScheduled', {
          meetingId: 'ls',
          organisationId: 'oslo',
          body: 'LS',
          date: '2026-06-01',
          planId: 'p1',
          planRevision: 20,
        }),
      )
      .then('rm_meetings', [
        { meeting_id: 'am', body: 'ÅM', stream_revision: 1 },
        { meeting_id: 'ls', body: 'LS', stream_revision: 0 },
      ]));

  it('keeps nothing of plan events (the plan changes an adopted amendment makes are the plan projections’ business)', () =>
    spec
      .given(planEvents('p1')('MeasureReworded', { measureId: 'm1', from: 'jevnlig', to: 'hver måned' }))
      .thenNoRows());
});
