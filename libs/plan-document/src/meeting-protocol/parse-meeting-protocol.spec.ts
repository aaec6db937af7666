import { describe, expect, it } from '@jest/globals';
import { ISO_DATE_RULE_NB } from '@app/domain';
import { ProtocolError } from './meeting-protocol.js';
import { parseMeetingProtocol } from './parse-meeting-protocol.js';

const problemsOf = (text: string) => {
  try {
    parseMeetingProtocol(text);
  } catch (error) {
    if (error instanceof ProtocolError) return error.issues;
    throw error;
  }
  return [];
};

describe('parseMeetingProtocol', () => {
  it('reads the protocol of DESIGN.md, dates as dates and `type:` as the operation', () => {
    const { protocol, lineOf } = parseMeetingProtocol(
      [
        'meeting: { id: oslo-sv-am-2026, org: oslo-sv, body: ÅM, date: 2026-03-14, plan: oslo-sv-2024-2027 }',
        'amendments:',
        '  - { no: 1, target: { lines: 141 }, type: Endring, from: to, to: fire }',
        'votes:',
        '  - { amendment: 1, result: adopted }',
        '  - { plan: adopted, for: 120 }',
      ].join('\n'),
    );
    expect(protocol.meeting.date).toBe('2026-03-14');
    expect(protocol.amendments[0]).toEqual({
      no: 1,
      target: { lines: '141' },
      op: 'Endring',
      from: 'to',
      to: 'fire',
    });
    expect(lineOf(['amendments', 0, 'from'])).toBe(3);
    expect(lineOf(['votes', 1])).toBe(6);
  });

  it('lists every problem with its line, amendment and field', () => {
    expect(
      problemsOf(
        [
          'meeting: { id: Bad Id, org: oslo-sv, body: ÅM, date: 2026-02-30, plan: oslo-sv-2024-2027 }',
          'amendments:',
          '  - { no: 1, target: { measure: "4.2.J", goal: "3.1.g1" }, op: strike_measure, form: x }',
          'votes:',
          '  - { plan: adopted }',
          '  - { amendment: 1, result: adopted, for: -3 }',
        ].join('\n'),
      ),
    ).toEqual([
      {
        line: 1,
        field: 'meeting.id',
        message: 'må være en id med små bokstaver og bindestrek, for eksempel oslo-sv-am-2026',
      },
      { line: 1, field: 'meeting.date', message: `må være ${ISO_DATE_RULE_NB}` },
      {
        amendment: 1,
        line: 3,
        field: 'amendments[0].form',
        message: expect.stringMatching(/^ukjent felt \(kjente: no, proposer, target/),
      },
      {
        amendment: 1,
        line: 3,
        field: 'amendments[0].target',
        message: 'må nevne nøyaktig én av measure, goal, section, lines, line',
      },
      {
        line: 6,
        field: 'votes[1]',
        message: 'kommer etter voteringen over planen som helhet, som må være den siste',
      },
      { amendment: 1, line: 6, field: 'votes[1].for', message: 'må være et helt antall stemmer (fra 0)' },
    ]);
  });

  it('reads results, recommendations and the majority rule in Norwegian', () => {
    const { protocol, issues } = parseMeetingProtocol(
      [
        'meeting: { id: oslo-sv-am-2026, org: oslo-sv, body: ÅM, date: 2026-03-14, plan: oslo-sv-2024-2027, majority: to tredjedels flertall, deadline: 2026-03-01T12:00 }',
        'amendments:',
        '  - { no: 1, target: { measure: 4.2.J }, op: Endring, from: to, to: fire, recommendation: Vedta med endring, modified: { to: tre } }',
        '  - { no: 2, target: { measure: 4.2.A }, op: Stryking, recommendation: avvises, contested: true }',
        '  - { no: 3, target: { measure: 4.2.B }, op: Stryking, recommendation: Oversendes fylkesstyret }',
        'votingOrder: [2, 1]',
        'votes:',
        '  - { recommendations: vedtatt, amendments: [3], for: 80 }',
        '  - { amendment: 2, result: falt, for: 10, against: 70 }',
        '  - { amendment: 1, result: Vedtatt }',
        '  - { plan: vedtatt }',
      ].join('\n'),
    );
    expect(issues).toEqual([]);
    expect(protocol.meeting).toMatchObject({ majority: 'two_thirds', deadline: '2026-03-01T12:00' });
    expect(protocol.amendments.map((a) => a.recommendation)).toEqual(['adopt_modified', 'reject', 'refer']);
    expect(protocol.votingOrder).toEqual([2, 1]);
    expect(protocol.votes).toEqual([
      { recommendations: 'accepted', amendments: [3], for: 80 },
      { amendment: 2, result: 'rejected', for: 10, against: 70 },
      { amendment: 1, result: 'adopted' },
      { plan: 'adopted' },
    ]);
  });

  it('lists the problems of entries and leaves them out, so the rest can still be checked against the plan', () => {
    const { protocol, issues } = parseMeetingProtocol(
      [
        'meeting: { id: oslo-sv-am-2026, org: oslo-sv, body: ÅM, date: 2026-03-14, plan: oslo-sv-2024-2027 }',
        'amendments:',
        '  - { no: 1, target: { measure: 4.2.J }, op: Endring, from: to, to: fire, recommendation: kanskje }',
        '  - { no: 2, target: { measure: 4.2.A }, op: Stryking }',
        '  - { no: 2, target: { measure: 4.2.B }, op: Stryking }',
        'votes:',
        '  - { amendment: 1, result: vedtatt }',
        '  - { amendment: 2, result: vedtatt }',
        '  - { amendment: 7, result: falt }',
        '  - { amendment: 2, result: jubel }',
      ].join('\n'),
    );
    expect(issues).toEqual([
      {
        amendment: 1,
        line: 3,
        field: 'amendments[0].recommendation',
        message:
          'ukjent innstilling «kanskje»; bruk vedta, avvise, vedta med endring, oversendes styret (adopt, reject, adopt_modified, refer)',
      },
      { amendment: 2, line: 5, field: 'amendments[2].no', message: 'forslagsnummer 2 er brukt to ganger' },
      {
        amendment: 7,
        line: 9,
        field: 'votes[2].amendment',
        message: 'det er ikke noe forslag 7 i denne protokollen',
      },
      {
        amendment: 2,
        line: 10,
        field: 'votes[3].amendment',
        message: 'det er votert over forslag 2 to ganger',
      },
      {
        amendment: 2,
        line: 10,
        field: 'votes[3].result',
        message:
          'ukjent resultat «jubel»; bruk vedtatt, falt, trukket, bortfalt, oversendt (adopted, rejected, withdrawn, lapsed, referred)',
      },
    ]);
    expect(protocol.amendments.map((a) => a.no)).toEqual([2]);
    expect(protocol.votes).toEqual([{ amendment: 2, result: 'adopted' }]);
  });

  it('reports YAML it cannot read, and an empty protocol', () => {
    expect(problemsOf('meeting: [unclosed')[0]).toMatchObject({ line: 1 });
    expect(problemsOf('  ')).toEqual([{ field: '', message: 'protokollen er tom' }]);
  });
});
