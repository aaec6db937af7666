import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { meetingDecider } from './meeting.decide.js';
import type { AmendmentFiled, MeetingEvent } from './meeting.events.js';
import { evolveMeeting, initialMeetingState, type ExistingMeeting } from './meeting.state.js';
import { effectiveVotingOrder, suggestVotingOrder, whatIsVotedOn } from './voting-order.js';
import { parseDeadline } from './deadline.js';
import {
  adopted1,
  filed1,
  filed2,
  filed3,
  meetingId,
  plan,
  planId,
  scheduled,
} from './__fixtures__/meeting-events.js';

const spec = deciderSpecification(meetingDecider);
const before = '2026-02-20T10:00:00.000Z';
const after = '2026-03-05T10:00:00.000Z';
const kari = 'user:kari';
const ola = 'user:ola';
const officer = 'user:leder';

/** The meeting with a deadline for amendments: noon on 1 March 2026, Oslo time. */
const withDeadline: MeetingEvent = {
  type: 'MeetingScheduled',
  data: { ...(scheduled.data as object), deadline: '2026-03-01T11:00:00.000Z' } as never,
};
const fileAs = (
  filedBy: string,
  asOfficer: boolean,
  now: string,
  rest: Record<string, unknown> = {},
): never =>
  ({
    type: 'FileAmendment',
    now,
    no: 1,
    proposer: 'Sagene SV',
    target: { measure: '4.2.J' },
    op: 'replace_text',
    fields: { from: 'to ganger i året', to: 'fire ganger i året' },
    filedBy,
    asOfficer,
    facts: { plan },
    ...rest,
  }) as never;
const filedBy = (by: string, extra: Partial<AmendmentFiled['data']> = {}): MeetingEvent => ({
  type: 'AmendmentFiled',
  data: { ...filed1.data, filedBy: by, ...extra },
});
const vote = (no: number, result: string, rest: Record<string, unknown> = {}): never =>
  ({
    type: 'RecordVote',
    now: after,
    no,
    result,
    facts: { plan, newElementId: `new-${no}` },
    ...rest,
  }) as never;
const recommend = (no: number, recommendation: string, extra: object = {}): MeetingEvent => ({
  type: 'RecommendationGiven',
  data: { meetingId, no, recommendation: recommendation as never, ...extra },
});
const fold = (events: readonly MeetingEvent[]): ExistingMeeting =>
  events.reduce(evolveMeeting, initialMeetingState()) as ExistingMeeting;

describe('the deadline for amendments (innsendingsfrist)', () => {
  it('reads a deadline as people write it, in Oslo time', () => {
    expect(parseDeadline('2026-03-01T12:00')).toBe('2026-03-01T11:00:00.000Z');
    expect(parseDeadline('2026-03-01')).toBe('2026-03-01T22:59:59.000Z');
    expect(parseDeadline('2026-06-01')).toBe('2026-06-01T21:59:59.000Z');
    expect(parseDeadline('2026-03-01T12:00:00+01:00')).toBe('2026-03-01T11:00:00.000Z');
    expect(parseDeadline('1. mars')).toBeUndefined();
    expect(parseDeadline('2026-02-30')).toBeUndefined();
  });

  it('given no meeting, when one is scheduled with a deadline and two thirds, then it records both', () => {
    spec
      .given([])
      .when({
        type: 'ScheduleMeeting',
        now: before,
        meetingId,
        organisationId: 'oslo-sv',
        body: 'ÅM',
        date: '2026-03-14',
        planId,
        deadline: '2026-03-01T12:00',
        majority: 'two_thirds',
        facts: { plan, planRevisionNow: 6 },
      })
      .then([
        {
          type: 'MeetingScheduled',
          data: {
            meetingId,
            organisationId: 'oslo-sv',
            body: 'ÅM',
            date: '2026-03-14',
            planId,
            planRevision: 6,
            deadline: '2026-03-01T11:00:00.000Z',
            majority: 'two_thirds',
          },
        },
      ]);
  });

  it('given a deadline it cannot read, when the meeting is scheduled, then it says how to write one', () => {
    const error = spec
      .given([])
      .when({
        type: 'ScheduleMeeting',
        now: before,
        meetingId,
        organisationId: 'oslo-sv',
        body: 'ÅM',
        date: '2026-03-14',
        planId,
        deadline: 'første mars',
        facts: { plan, planRevisionNow: 6 },
      })
      .thenThrows('INVALID_DEADLINE');
    expect(error.message).toBe(
      'Fristen «første mars» er ikke en dato eller et tidspunkt; skriv for eksempel 2026-03-01 eller 2026-03-01T12:00',
    );
  });

  it('given the deadline, when a member files before it, then the amendment is theirs', () => {
    spec
      .given([withDeadline])
      .when(fileAs(kari, false, before))
      .then([filedBy(kari)]);
  });

  it('given the deadline has passed, when a member files, then it is refused saying when it passed and who may file', () => {
    const error = spec
      .given([withDeadline])
      .when(fileAs(kari, false, after))
      .thenThrows('DEADLINE_PASSED');
    expect(error.message).toBe(
      'Fristen for å sende inn endringsforslag gikk ut 1. mars 2026 kl. 12.00; nå kan bare møteledelsen fremme forslag i møtet',
    );
  });

  it('given the deadline has passed, when the officer files, then it is marked as put forward in the meeting', () => {
    spec
      .given([withDeadline])
      .when(fileAs(officer, true, after))
      .then([filedBy(officer, { inMeeting: true })]);
  });

  it('given the deadline has passed, when the officer registers one sent in time, then it is not marked', () => {
    spec
      .given([withDeadline])
      .when(fileAs(officer, true, after, { inMeeting: false }))
      .then([filedBy(officer)]);
  });

  it('given a passed deadline, when the officer moves it, then members may file until the new one', () => {
    const moved: MeetingEvent = {
      type: 'DeadlineChanged',
      data: { meetingId, deadline: '2026-03-08T11:00:00.000Z' },
    };
    spec
      .given([withDeadline])
      .when({ type: 'ChangeDeadline', now: after, deadline: '2026-03-08T12:00' })
      .then([moved]);
    spec
      .given([withDeadline, moved])
      .when(fileAs(kari, false, after))
      .then([filedBy(kari)]);
    spec
      .given([withDeadline, moved])
      .when({ type: 'ChangeDeadline', now: after, deadline: '2026-03-08T12:00' })
      .thenNothingHappens();
    spec
      .given([withDeadline, moved])
      .when({ type: 'ChangeDeadline', now: after, deadline: null })
      .then([{ type: 'DeadlineChanged', data: { meetingId } }]);
  });
});

describe('withdrawing an amendment', () => {
  const withdraw = (by: string, asOfficer: boolean): never =>
    ({ type: 'WithdrawAmendment', now: before, no: 1, by, asOfficer }) as never;
  const withdrawn: MeetingEvent = { type: 'AmendmentWithdrawn', data: { meetingId, no: 1 } };

  it('given a member filed it, when they withdraw it, then it is withdrawn', () => {
    spec
      .given([withDeadline, filedBy(kari)])
      .when(withdraw(kari, false))
      .then([withdrawn]);
  });

  it('given a member filed it, when another member withdraws it, then it is refused as not theirs', () => {
    const error = spec
      .given([withDeadline, filedBy(kari)])
      .when(withdraw(ola, false))
      .thenThrows('NOT_YOUR_AMENDMENT');
    expect(error.message).toBe('Du kan bare trekke forslag du selv har sendt inn; forslag 1 er ikke ditt');
  });

  it("given anyone filed it, when the officer withdraws it (on the proposer's word), then it is withdrawn", () => {
    spec
      .given([withDeadline, filedBy(kari)])
      .when(withdraw(officer, true))
      .then([withdrawn]);
  });
});

describe('the majority rule against the counts', () => {
  it('given a simple majority, when "adopted" has more against than for, then the counts are refused as contradictory', () => {
    const error = spec
      .given([scheduled, filed1])
      .when(vote(1, 'adopted', { for: 40, against: 45, abstain: 10 }))
      .thenThrows('COUNTS_CONTRADICT_RESULT');
    expect(error.message).toBe(
      'Forslag 1 kan ikke være vedtatt med 40 for og 45 mot: det krever simpelt flertall av de avgitte stemmene. Sjekk tallene eller resultatet',
    );
  });

  it('given a simple majority, when "rejected" has more for than against, then it is refused', () => {
    spec
      .given([scheduled, filed1])
      .when(vote(1, 'rejected', { for: 60, against: 40 }))
      .thenThrows('COUNTS_CONTRADICT_RESULT');
  });

  it('given a tie, when it is recorded as rejected, then it stands: a tie is no majority', () => {
    spec
      .given([scheduled, filed1])
      .when(vote(1, 'rejected', { for: 50, against: 50 }))
      .then([{ type: 'VoteRecorded', data: { meetingId, no: 1, result: 'rejected', for: 50, against: 50 } }]);
  });

  it('given two thirds, when 60 of 100 votes cast adopt, then it is refused; 70 of 100 adopt', () => {
    const twoThirds: MeetingEvent = { type: 'MajorityRuleSet', data: { meetingId, rule: 'two_thirds' } };
    spec
      .given([scheduled])
      .when({ type: 'SetMajorityRule', now: before, rule: 'two_thirds' })
      .then([twoThirds]);
    const error = spec
      .given([scheduled, twoThirds, filed1])
      .when(vote(1, 'adopted', { for: 60, against: 40 }))
      .thenThrows('COUNTS_CONTRADICT_RESULT');
    expect(error.message).toMatch(/det krever to tredjedels flertall av de avgitte stemmene/);
    const [event] = meetingDecider.decide(
      vote(1, 'adopted', { for: 70, against: 30 }),
      fold([scheduled, twoThirds, filed1]),
    );
    expect(event).toMatchObject({ type: 'VoteRecorded', data: { result: 'adopted', for: 70, against: 30 } });
  });

  it('given counts without the votes against, when recorded, then they are not checked', () => {
    const [event] = meetingDecider.decide(vote(1, 'adopted', { for: 12 }), fold([scheduled, filed1]));
    expect(event).toMatchObject({ data: { result: 'adopted', for: 12 } });
  });

  it('given a lapsed or withdrawn amendment, when counts are sent with it, then they are refused', () => {
    spec
      .given([scheduled, filed1])
      .when(vote(1, 'lapsed', { for: 3, against: 1 }))
      .thenThrows('UNEXPECTED_COUNTS');
  });

  it('given the plan as a whole, when "adopted" has more against, then it is refused', () => {
    spec
      .given([scheduled, filed1, adopted1])
      .when({ type: 'VotePlan', now: after, result: 'adopted', for: 10, against: 90 })
      .thenThrows('COUNTS_CONTRADICT_RESULT');
  });
});

describe("the committee's recommendations, accepted en bloc", () => {
  const filed5: MeetingEvent = {
    type: 'AmendmentFiled',
    data: {
      meetingId,
      no: 5,
      cited: { measure: '4.2.B' },
      target: {
        kind: 'measure',
        id: 'm42b',
        address: '4.2.B',
        text: 'Det skal i 2026 særskilt ringes for å mobilisere til dørbankaksjoner.',
      },
      op: 'strike_text',
      fields: { text: 'særskilt ' },
    },
  };
  const accept = (rest: Record<string, unknown> = {}): never =>
    ({
      type: 'AcceptRecommendations',
      now: after,
      facts: { plan, newElementIds: {} },
      ...rest,
    }) as never;
  const contested = (no: number): MeetingEvent => ({
    type: 'RecommendationContested',
    data: { meetingId, no, contested: true },
  });

  it('given a recommendation, when a delegate contests it, then it gets a vote of its own', () => {
    spec
      .given([scheduled, filed1, recommend(1, 'reject')])
      .when({ type: 'ContestRecommendation', now: after, no: 1, contested: true })
      .then([contested(1)]);
    spec
      .given([scheduled, filed1])
      .when({ type: 'ContestRecommendation', now: after, no: 1, contested: true })
      .thenThrows('NO_RECOMMENDATION');
  });

  it('given recommendations, when the meeting accepts them en bloc, then each uncontested one is settled as recommended (in the voting order) and the contested stays', () => {
    spec
      .given([
        scheduled,
        filed1,
        filed3,
        filed5,
        recommend(1, 'adopt'),
        recommend(3, 'reject'),
        recommend(5, 'adopt'),
        contested(3),
      ])
      .when(accept({ for: 100, against: 2 }))
      .then([
        { type: 'RecommendationsAccepted', data: { meetingId, nos: [1, 5], for: 100, against: 2 } },
        {
          type: 'VoteRecorded',
          data: {
            meetingId,
            no: 5,
            enBloc: true,
            result: 'adopted',
            changes: [
              {
                type: 'RewordMeasure',
                measureId: 'm42b',
                text: 'Det skal i 2026 ringes for å mobilisere til dørbankaksjoner.',
              },
            ],
          },
        },
        {
          type: 'VoteRecorded',
          data: {
            meetingId,
            no: 1,
            enBloc: true,
            result: 'adopted',
            changes: [
              {
                type: 'RewordMeasure',
                measureId: 'm42j',
                text: 'Vi skal arrangere “Ny i SV”-møter fire ganger i året.',
              },
            ],
          },
        },
      ]);
  });

  it('given a rejection recommended, when accepted en bloc, then the amendment falls without a vote of its own', () => {
    spec
      .given([scheduled, filed2, recommend(2, 'reject')])
      .when(accept())
      .then([
        { type: 'RecommendationsAccepted', data: { meetingId, nos: [2] } },
        { type: 'VoteRecorded', data: { meetingId, no: 2, enBloc: true, result: 'rejected' } },
      ]);
  });

  it('given an adoption that takes the text of a pending amendment, when accepted en bloc, then that one lapses too', () => {
    const events = meetingDecider.decide(accept(), fold([scheduled, filed1, filed2, recommend(1, 'adopt')]));
    expect(
      events.map((e) => [
        e.type,
        (e.data as { no?: number; result?: string }).no,
        (e.data as { result?: string }).result,
      ]),
    ).toEqual([
      ['RecommendationsAccepted', undefined, undefined],
      ['VoteRecorded', 1, 'adopted'],
      ['VoteRecorded', 2, 'lapsed'],
    ]);
  });

  it('given no uncontested recommendation, when accepted en bloc, then there is nothing to accept', () => {
    spec.given([scheduled, filed1]).when(accept()).thenThrows('NOTHING_TO_ACCEPT');
    spec
      .given([scheduled, filed1, recommend(1, 'adopt'), contested(1)])
      .when(accept({ nos: [1] }))
      .thenThrows('RECOMMENDATION_CONTESTED');
  });

  it('leaves out of what is voted on separately what the recommendations settle', () => {
    const meeting = fold([
      scheduled,
      filed1,
      filed3,
      filed5,
      recommend(1, 'adopt'),
      recommend(3, 'reject'),
      contested(3),
    ]);
    const order = effectiveVotingOrder(meeting, suggestVotingOrder(meeting, plan, after));
    expect(order).toEqual([5, 3, 1]);
    expect(whatIsVotedOn(meeting, order)).toEqual({ enBloc: [1], separately: [5, 3] });
  });
});

describe('the voting order and what the meeting treats now', () => {
  it('given pending amendments, when the officer sets the order, then it is kept, the rest following as suggested', () => {
    const set: MeetingEvent = { type: 'VotingOrderSet', data: { meetingId, order: [2, 1] } };
    spec
      .given([scheduled, filed1, filed2, filed3])
      .when({ type: 'SetVotingOrder', now: after, order: [2, 1] })
      .then([set]);
    const meeting = fold([scheduled, filed1, filed2, filed3, set]);
    expect(suggestVotingOrder(meeting, plan, after).toVote).toEqual([3, 1, 2]);
    expect(effectiveVotingOrder(meeting, suggestVotingOrder(meeting, plan, after))).toEqual([2, 1, 3]);
  });

  it('given a decided amendment, when the officer puts it in the order, then it is refused; so is a number twice', () => {
    spec
      .given([scheduled, filed1, filed2, adopted1])
      .when({ type: 'SetVotingOrder', now: after, order: [1, 2] })
      .thenThrows('AMENDMENT_DECIDED');
    spec
      .given([scheduled, filed1, filed2])
      .when({ type: 'SetVotingOrder', now: after, order: [2, 2] })
      .thenThrows('DUPLICATE_AMENDMENT_NO');
    spec
      .given([scheduled, filed1])
      .when({ type: 'SetVotingOrder', now: after, order: [7] })
      .thenThrows('AMENDMENT_NOT_FOUND');
  });

  it('given a meeting, when the officer takes up an amendment, then it is on the floor until the next', () => {
    const onFloor: MeetingEvent = {
      type: 'FloorSet',
      data: { meetingId, item: { kind: 'amendment', no: 1 } },
    };
    spec
      .given([scheduled, filed1])
      .when({ type: 'SetFloor', now: after, item: { kind: 'amendment', no: 1 } })
      .then([onFloor]);
    spec
      .given([scheduled, filed1, onFloor])
      .when({ type: 'SetFloor', now: after, item: { kind: 'amendment', no: 1 } })
      .thenNothingHappens();
    spec
      .given([scheduled, filed1, onFloor])
      .when({ type: 'SetFloor', now: after, item: { kind: 'plan' } })
      .then([{ type: 'FloorSet', data: { meetingId, item: { kind: 'plan' } } }]);
    spec
      .given([scheduled, filed1, onFloor])
      .when({ type: 'SetFloor', now: after, item: null })
      .then([{ type: 'FloorSet', data: { meetingId } }]);
    spec
      .given([scheduled])
      .when({ type: 'SetFloor', now: after, item: { kind: 'amendment', no: 4 } })
      .thenThrows('AMENDMENT_NOT_FOUND');
    expect(fold([scheduled, filed1, onFloor]).floor).toEqual({ kind: 'amendment', no: 1 });
  });
});

it('keeps the filer, the marks and the en bloc vote in the meeting state', () => {
  const meeting = fold([
    withDeadline,
    filedBy(officer, { inMeeting: true }),
    filed2,
    recommend(2, 'reject'),
    { type: 'RecommendationsAccepted', data: { meetingId, nos: [2], for: 90 } },
    { type: 'VoteRecorded', data: { meetingId, no: 2, enBloc: true, result: 'rejected' } },
  ]);
  expect(meeting.amendments.get(1)).toMatchObject({ filedBy: officer, inMeeting: true, contested: false });
  expect(meeting.amendments.get(2)!.vote).toMatchObject({ result: 'rejected', enBloc: true, seq: 1 });
  expect(meeting.enBloc).toEqual([{ nos: [2], for: 90, seq: 1 }]);
  expect(meeting.deadline).toBe('2026-03-01T11:00:00.000Z');
});
