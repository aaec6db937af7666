import { describe, expect, it } from '@jest/globals';
import { insertText, replaceText, strikeText } from './amendment-text.js';
import { meetingDecider } from './meeting.decide.js';
import type { MeetingEvent } from './meeting.events.js';
import type { ExistingMeeting } from './meeting.state.js';
import { findConflicts, previewAdoption, suggestVotingOrder } from './voting-order.js';
import { filed1, filed2, filed3, meetingId, now, plan, scheduled } from './__fixtures__/meeting-events.js';

const meetingOf = (events: MeetingEvent[]): ExistingMeeting =>
  events.reduce(meetingDecider.evolve, meetingDecider.initialState()) as ExistingMeeting;

const insertB: MeetingEvent = {
  type: 'AmendmentFiled',
  data: {
    meetingId,
    no: 4,
    cited: { measure: '4.2.B' },
    target: {
      kind: 'measure',
      id: 'm42b',
      address: '4.2.B',
      text: 'Det skal i 2026 særskilt ringes for å mobilisere til dørbankaksjoner.',
    },
    op: 'insert_text',
    fields: { after: 'mobilisere', text: 'medlemmer' },
  },
};

describe('text operations', () => {
  it('replaces, inserts and strikes without running words together or doubling spaces', () => {
    expect(replaceText('to ganger i året', 'to', 'fire')).toBe('fire ganger i året');
    expect(insertText('Ringing skal økes.', 'skal', 'særlig')).toBe('Ringing skal særlig økes.');
    expect(insertText('Ringing skal økes.', 'skal', ' særlig')).toBe('Ringing skal særlig økes.');
    expect(insertText('Ringing skal økes.', undefined, 'Minst månedlig.')).toBe(
      'Ringing skal økes. Minst månedlig.',
    );
    expect(strikeText('Det skal i 2026 særskilt ringes.', 'særskilt')).toBe('Det skal i 2026 ringes.');
    expect(strikeText('Ringe, e.l.', ', e.l.')).toBe('Ringe');
    expect(strikeText('abc', 'x')).toBeUndefined();
  });
});

describe('conflicts and the voting order', () => {
  const meeting = meetingOf([scheduled, filed1, filed2, filed3, insertB]);

  it('reports amendments touching the same element or text, per target', () => {
    expect(findConflicts(meeting)).toEqual([
      {
        targetId: 'm42j',
        target: '4.2.J',
        amendments: [1, 2, 3],
        pairs: [
          { a: 1, b: 2, reason: 'begge endrer «to ganger i året»' },
          { a: 1, b: 3, reason: 'forslag 3 stryker tiltak 4.2.J' },
          { a: 2, b: 3, reason: 'forslag 3 stryker tiltak 4.2.J' },
        ],
      },
    ]);
  });

  it('puts the amendment that goes furthest first, marking what would make the others lapse', () => {
    const order = suggestVotingOrder(meeting, plan, now);
    expect(order.toVote).toEqual([4, 3, 1, 2]);
    expect(order.targets.find((t) => t.target === '4.2.J')!.amendments).toEqual([
      { no: 3, op: 'strike_measure', lapses: null, lapsesIfAdopted: [] },
      { no: 1, op: 'replace_text', lapses: null, lapsesIfAdopted: [3] },
      { no: 2, op: 'replace_text', lapses: null, lapsesIfAdopted: [3, 1] },
    ]);
  });

  it('shows the plan as it would be with chosen amendments adopted, the impossible ones lapsing', () => {
    const preview = previewAdoption(meeting, plan, [1, 2, 4], now);
    expect(preview.outcomes).toEqual([
      { no: 4, result: 'adopted', reason: null },
      { no: 1, result: 'adopted', reason: null },
      {
        no: 2,
        result: 'lapsed',
        reason: '«to ganger i året» står ikke lenger i tiltak 4.2.J (endret ved forslag 1)',
      },
    ]);
    expect(preview.plan.measures.get('m42j')!.text).toBe(
      'Vi skal arrangere “Ny i SV”-møter fire ganger i året.',
    );
    expect(preview.plan.measures.get('m42b')!.text).toBe(
      'Det skal i 2026 særskilt ringes for å mobilisere medlemmer til dørbankaksjoner.',
    );
    expect(plan.measures.get('m42j')!.text).toBe('Vi skal arrangere “Ny i SV”-møter to ganger i året.');
  });

  it('refuses to preview an amendment that is not pending', () => {
    expect(() => previewAdoption(meeting, plan, [9], now)).toThrow(
      'Forslag 9 er ikke fremmet på møtet oslo-sv-am-2026',
    );
  });
});
