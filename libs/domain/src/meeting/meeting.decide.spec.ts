import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { meetingDecider } from './meeting.decide.js';
import { meetingPapers } from './papers/meeting-papers.js';
import type { MeetingEvent } from './meeting.events.js';
import {
  adopted1,
  filed1,
  filed2,
  filed3,
  meetingId,
  now,
  plan,
  planAfter1,
  planId,
  scheduled,
} from './__fixtures__/meeting-events.js';

const spec = deciderSpecification(meetingDecider);
const treated = { plan, papers: meetingPapers({ plan, intros: new Map(), responsibleNotes: new Map() }) };
const schedule = {
  type: 'ScheduleMeeting' as const,
  now,
  meetingId,
  organisationId: 'oslo-sv',
  body: 'ÅM',
  date: '2026-03-14',
  planId,
  facts: { plan, planRevisionNow: 6 },
};
const file = (no: number, rest: Record<string, unknown>) =>
  ({ type: 'FileAmendment', now, no, facts: treated, ...rest }) as never;
const vote = (no: number, result: string, rest: Record<string, unknown> = {}) =>
  ({
    type: 'RecordVote',
    now,
    no,
    result,
    facts: { plan, newElementId: `new-${no}` },
    ...rest,
  }) as never;

describe('scheduling a meeting', () => {
  it('schedules a meeting treating the plan as it is now', () => {
    spec.given([]).when(schedule).then([scheduled]);
  });

  it('changes nothing when the same meeting is scheduled again', () => {
    spec.given([scheduled]).when(schedule).thenNothingHappens();
  });

  it('refuses another meeting under the same id', () => {
    const error = spec
      .given([scheduled])
      .when({ ...schedule, date: '2026-03-15' })
      .thenThrows('MEETING_EXISTS');
    expect(error.message).toMatch(/date/);
  });

  it('refuses a body that does not adopt plans, naming the known ones', () => {
    const error = spec
      .given([])
      .when({ ...schedule, body: 'XYZ' })
      .thenThrows('UNKNOWN_MEETING_BODY');
    expect(error.message).toBe('Ukjent organ «XYZ»; møter holdes av ÅM, RS, LS, LM');
  });

  it('refuses a plan that does not exist, and a revision the plan never had', () => {
    spec
      .given([])
      .when({ ...schedule, facts: { plan: undefined, planRevisionNow: -1 } })
      .thenThrows('PLAN_NOT_FOUND');
    spec
      .given([])
      .when({ ...schedule, planRevision: 9 })
      .thenThrows('INVALID_PLAN_REVISION');
  });
});

describe('filing an amendment', () => {
  it('resolves "4.2.J" to the measure and keeps the text it quotes', () => {
    spec
      .given([scheduled])
      .when(
        file(1, {
          proposer: 'Sagene SV',
          target: { measure: '4.2.J' },
          op: 'replace_text',
          fields: { from: 'to ganger i året', to: 'fire ganger i året' },
        }),
      )
      .then([filed1]);
  });

  it('resolves cited lines to the element on them that holds the quoted text', () => {
    const [event] = meetingDecider.decide(
      file(4, { target: { lines: 'Linje 141 tom 142' }, op: 'Stryking', fields: { text: 'særskilt ' } }),
      meetingDecider.evolve(meetingDecider.initialState(), scheduled),
    );
    expect(event).toMatchObject({
      type: 'AmendmentFiled',
      data: { no: 4, op: 'strike_text', target: { kind: 'measure', id: 'm42b', address: '4.2.B' } },
    });
  });

  it('puts a new measure on a new line into the section around that line (Tillegg)', () => {
    const [event] = meetingDecider.decide(
      file(5, {
        target: { line: 140, new: true },
        op: 'Tillegg',
        fields: { measure: { text: 'Ringe alle nye medlemmer', timing: 'Høst 2026', responsible: ['LL'] } },
      }),
      meetingDecider.evolve(meetingDecider.initialState(), scheduled),
    );
    expect(event).toMatchObject({ data: { op: 'add_measure', target: { kind: 'section', address: '4.2' } } });
  });

  it('says which elements share the cited lines when the text does not pick one', () => {
    const error = spec
      .given([scheduled])
      .when(file(4, { target: { lines: '141-142' }, op: 'change_timing', fields: { timing: 'Høst 2026' } }))
      .thenThrows('AMBIGUOUS_TARGET');
    expect(error.message).toBe(
      'Linje 141–142 gjelder flere: tiltak 4.2.B (linje 141–142) og tiltak 4.2.J (linje 141–142). Oppgi hvilket (for eksempel «4.2.B»), eller siter mer av teksten',
    );
  });

  it('resolves "4.2.2", as a document that numbers its measures writes it, to measure 4.2.B', () => {
    // The import letters numbered measures in their order (1.1 is 1.A); delegates cite the numbers.
    const [event] = meetingDecider.decide(
      file(7, { target: { measure: '4.2.2' }, op: 'change_timing', fields: { timing: 'Høst 2026' } }),
      meetingDecider.evolve(meetingDecider.initialState(), scheduled),
    );
    expect(event).toMatchObject({ data: { target: { kind: 'measure', id: 'm42b', address: '4.2.B' } } });
    expect(
      spec
        .given([scheduled])
        .when(
          file(7, { target: { measure: '4.2.26' }, op: 'change_timing', fields: { timing: 'Høst 2026' } }),
        )
        .thenThrows('TARGET_NOT_FOUND').message,
    ).toBe('Tiltak 4.2.26 finnes ikke i planen');
  });

  it('refuses a measure that is not in the plan', () => {
    const error = spec
      .given([scheduled])
      .when(file(6, { target: { measure: '4.2.Z' }, op: 'strike_measure', fields: {} }))
      .thenThrows('TARGET_NOT_FOUND');
    expect(error.message).toBe('Tiltak 4.2.Z finnes ikke i planen');
    expect(error.details.field).toBe('target');
  });

  it('refuses a `from` text that is not in the target, quoting the target', () => {
    const error = spec
      .given([scheduled])
      .when(
        file(6, { target: { measure: '4.2.J' }, op: 'replace_text', fields: { from: 'hver uke', to: 'x' } }),
      )
      .thenThrows('TEXT_NOT_FOUND');
    expect(error.message).toBe(
      '«hver uke» står ikke i tiltak 4.2.J, som lyder: «Vi skal arrangere “Ny i SV”-møter to ganger i året.». Kopier teksten nøyaktig fra sakspapirene',
    );
    expect(error.details.field).toBe('from');
  });

  it('refuses a text that occurs twice, asking for more of it', () => {
    spec
      .given([scheduled])
      .when(file(6, { target: { measure: '4.2.J' }, op: 'strike_text', fields: { text: 'e' } }))
      .thenThrows('AMBIGUOUS_TEXT');
  });

  it('refuses an unknown body, naming the field', () => {
    const error = spec
      .given([scheduled])
      .when(file(6, { target: { measure: '4.2.J' }, op: 'reassign', fields: { responsible: ['FS', 'XX'] } }))
      .thenThrows('UNKNOWN_BODY');
    expect(error.details.field).toBe('responsible');
  });

  it('refuses an operation it does not know, and one that does not fit the target', () => {
    spec
      .given([scheduled])
      .when(file(6, { target: { measure: '4.2.J' }, op: 'rewrite', fields: {} }))
      .thenThrows('UNKNOWN_OPERATION');
    spec
      .given([scheduled])
      .when(file(6, { target: { section: '4.2' }, op: 'change_timing', fields: { timing: 'Vår 2026' } }))
      .thenThrows('TARGET_KIND_MISMATCH');
  });

  it('changes nothing when the same amendment is filed again, and refuses another under its number', () => {
    const again = file(1, {
      proposer: 'Sagene SV',
      target: { measure: '4.2.J' },
      op: 'replace_text',
      fields: { from: 'to ganger i året', to: 'fire ganger i året' },
    });
    spec.given([scheduled, filed1]).when(again).thenNothingHappens();
    spec
      .given([scheduled, filed1])
      .when(file(1, { target: { measure: '4.2.B' }, op: 'strike_measure', fields: {} }))
      .thenThrows('DUPLICATE_AMENDMENT_NO');
  });

  it('knows a re-filed amendment even when the stored fields come back in another key order', () => {
    const stored: MeetingEvent = {
      ...filed1,
      data: { ...filed1.data, fields: { to: 'fire ganger i året', from: 'to ganger i året' } },
    };
    spec
      .given([scheduled, stored])
      .when(
        file(1, {
          proposer: 'Sagene SV',
          target: { measure: '4.2.J' },
          op: 'replace_text',
          fields: { from: 'to ganger i året', to: 'fire ganger i året' },
        }),
      )
      .thenNothingHappens();
  });

  it('refuses amendments once the plan as a whole has been voted on', () => {
    spec
      .given([scheduled, { type: 'PlanVoted', data: { meetingId, result: 'adopted' } }])
      .when(file(7, { target: { measure: '4.2.J' }, op: 'strike_measure', fields: {} }))
      .thenThrows('MEETING_CONCLUDED');
  });
});

describe('withdrawing and recommending', () => {
  it('withdraws a filed amendment once', () => {
    spec
      .given([scheduled, filed1])
      .when({ type: 'WithdrawAmendment', now, no: 1, reason: 'Trukket av forslagsstiller' })
      .then([
        { type: 'AmendmentWithdrawn', data: { meetingId, no: 1, reason: 'Trukket av forslagsstiller' } },
      ]);
    spec
      .given([scheduled, filed1, { type: 'AmendmentWithdrawn', data: { meetingId, no: 1 } }])
      .when({ type: 'WithdrawAmendment', now, no: 1 })
      .thenNothingHappens();
    spec
      .given([scheduled, filed1, adopted1])
      .when({ type: 'WithdrawAmendment', now, no: 1 })
      .thenThrows('AMENDMENT_DECIDED');
  });

  it("records the committee's modified text, checked against the plan", () => {
    spec
      .given([scheduled, filed1])
      .when({
        type: 'GiveRecommendation',
        now,
        no: 1,
        recommendation: 'adopt_modified',
        modified: { to: 'tre ganger i året' },
        facts: treated,
      })
      .then([
        {
          type: 'RecommendationGiven',
          data: { meetingId, no: 1, recommendation: 'adopt_modified', modified: { to: 'tre ganger i året' } },
        },
      ]);
    spec
      .given([scheduled, filed1])
      .when({
        type: 'GiveRecommendation',
        now,
        no: 1,
        recommendation: 'adopt_modified',
        modified: { from: 'aldri' },
        facts: treated,
      })
      .thenThrows('TEXT_NOT_FOUND');
    spec
      .given([scheduled, filed1])
      .when({ type: 'GiveRecommendation', now, no: 1, recommendation: 'adopt_modified', facts: treated })
      .thenThrows('MISSING_FIELD');
  });

  it('refuses a recommendation for an amendment that was never filed', () => {
    spec
      .given([scheduled])
      .when({ type: 'GiveRecommendation', now, no: 9, recommendation: 'reject', facts: treated })
      .thenThrows('AMENDMENT_NOT_FOUND');
  });
});

describe('voting on an amendment', () => {
  it('records an adopted vote with the plan changes it makes', () => {
    spec
      .given([scheduled, filed1])
      .when(vote(1, 'adopted', { for: 87, against: 12, abstain: 3 }))
      .then([adopted1]);
  });

  it("adopts the committee's modified text where it recommended adopt_modified", () => {
    const recommended: MeetingEvent = {
      type: 'RecommendationGiven',
      data: { meetingId, no: 1, recommendation: 'adopt_modified', modified: { to: 'tre ganger i året' } },
    };
    spec
      .given([scheduled, filed1, recommended])
      .when(vote(1, 'adopted'))
      .then([
        {
          type: 'VoteRecorded',
          data: {
            meetingId,
            no: 1,
            result: 'adopted',
            modified: true,
            changes: [
              {
                type: 'RewordMeasure',
                measureId: 'm42j',
                text: 'Vi skal arrangere “Ny i SV”-møter tre ganger i året.',
              },
            ],
          },
        },
      ]);
  });

  const lapsed2: MeetingEvent = {
    type: 'VoteRecorded',
    data: {
      meetingId,
      no: 2,
      result: 'lapsed',
      reason: '«to ganger i året» står ikke lenger i tiltak 4.2.J (endret ved forslag 1)',
    },
  };

  it('given two amendments to the same words, when the first is adopted, then the second lapses saying why', () => {
    spec
      .given([scheduled, filed1, filed2])
      .when(vote(1, 'adopted', { for: 87, against: 12, abstain: 3 }))
      .then([adopted1, lapsed2]);
  });

  it('given an amendment that lapsed, when a vote adopts it, then it is refused naming the amendment that took its text', () => {
    const error = spec
      .given([scheduled, filed1, filed2, adopted1, lapsed2])
      .when(vote(2, 'adopted', { facts: { plan: planAfter1, newElementId: 'x' } }))
      .thenThrows('AMENDMENT_LAPSED');
    expect(error.message).toBe(
      'Forslag 2 er bortfalt og kan ikke vedtas: «to ganger i året» står ikke lenger i tiltak 4.2.J (endret ved forslag 1)',
    );
    spec
      .given([scheduled, filed1, filed2, adopted1, lapsed2])
      .when(vote(2, 'lapsed', { facts: { plan: planAfter1, newElementId: 'x' } }))
      .thenNothingHappens();
  });

  it('given an amendment made impossible but not yet lapsed, when a vote adopts it, then it is refused saying why', () => {
    const error = spec
      .given([scheduled, filed1, filed2, adopted1])
      .when(vote(2, 'adopted', { facts: { plan: planAfter1, newElementId: 'x' } }))
      .thenThrows('AMENDMENT_IMPOSSIBLE');
    expect(error.message).toBe(
      'Forslag 2 kan ikke vedtas: «to ganger i året» står ikke lenger i tiltak 4.2.J (endret ved forslag 1). Registrer det som bortfalt',
    );
  });

  it('adds a new measure under an id the handler derived', () => {
    const filed: MeetingEvent = {
      type: 'AmendmentFiled',
      data: {
        meetingId,
        no: 5,
        cited: { section: '4.1' },
        target: { kind: 'section', id: 's41', address: '4.1', text: 'Direkte velgerkontakt' },
        op: 'add_measure',
        fields: { measure: { text: 'Dørbank i alle bydeler', timing: 'Høst 2026', responsible: ['LL'] } },
      },
    };
    spec
      .given([scheduled, filed])
      .when(vote(5, 'adopted'))
      .then([
        {
          type: 'VoteRecorded',
          data: {
            meetingId,
            no: 5,
            result: 'adopted',
            changes: [
              {
                type: 'AddMeasure',
                measureId: 'new-5',
                sectionId: 's41',
                text: 'Dørbank i alle bydeler',
                timing: 'Høst 2026',
                responsible: ['LL'],
              },
            ],
          },
        },
      ]);
  });

  it('records rejections and referrals without changes, and withdrawals as withdrawals', () => {
    spec
      .given([scheduled, filed1])
      .when(vote(1, 'rejected', { for: 10, against: 90 }))
      .then([{ type: 'VoteRecorded', data: { meetingId, no: 1, result: 'rejected', for: 10, against: 90 } }]);
    spec
      .given([scheduled, filed1])
      .when(vote(1, 'withdrawn'))
      .then([{ type: 'AmendmentWithdrawn', data: { meetingId, no: 1 } }]);
  });

  it('changes nothing when a vote is replayed, and refuses a different result', () => {
    spec.given([scheduled, filed1, adopted1]).when(vote(1, 'adopted')).thenNothingHappens();
    spec.given([scheduled, filed1, adopted1]).when(vote(1, 'rejected')).thenThrows('AMENDMENT_DECIDED');
  });

  it('refuses a vote for an amendment never filed, an unknown result and negative counts', () => {
    spec.given([scheduled, filed1]).when(vote(4, 'adopted')).thenThrows('AMENDMENT_NOT_FOUND');
    spec.given([scheduled, filed1]).when(vote(1, 'carried')).thenThrows('UNKNOWN_RESULT');
    spec
      .given([scheduled, filed1])
      .when(vote(1, 'rejected', { for: -1 }))
      .thenThrows('INVALID_VOTE_COUNT');
  });
});

describe('voting on the plan as a whole', () => {
  it('refuses while amendments are still to be voted on, naming them', () => {
    const error = spec
      .given([scheduled, filed1, filed3])
      .when({ type: 'VotePlan', now, result: 'adopted' })
      .thenThrows('AMENDMENTS_PENDING');
    expect(error.message).toBe('Forslag 1, 3 er ikke avgjort; stem over dem før planen som helhet');
  });

  it('records the vote once every amendment is settled, and only once', () => {
    const voted: MeetingEvent = {
      type: 'PlanVoted',
      data: { meetingId, result: 'adopted', for: 120, against: 0, abstain: 2 },
    };
    spec
      .given([scheduled, filed1, adopted1])
      .when({ type: 'VotePlan', now, result: 'adopted', for: 120, against: 0, abstain: 2 })
      .then([voted]);
    spec
      .given([scheduled, filed1, adopted1, voted])
      .when({ type: 'VotePlan', now, result: 'adopted' })
      .thenNothingHappens();
    spec
      .given([scheduled, filed1, adopted1, voted])
      .when({ type: 'VotePlan', now, result: 'rejected' })
      .thenThrows('PLAN_ALREADY_VOTED');
  });
});
