import { describe, expect, it } from '@jest/globals';
import { ISO_DATE_RULE } from '@app/domain';
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
      { line: 1, field: 'meeting.id', message: 'must be a lower-case slug such as oslo-sv-am-2026' },
      { line: 1, field: 'meeting.date', message: `must be ${ISO_DATE_RULE}` },
      {
        amendment: 1,
        line: 3,
        field: 'amendments[0].form',
        message: expect.stringMatching(/^unknown field \(known: no, proposer, target/),
      },
      {
        amendment: 1,
        line: 3,
        field: 'amendments[0].target',
        message: 'must name exactly one of measure, goal, section, lines, line',
      },
      {
        line: 6,
        field: 'votes[1]',
        message: 'comes after the vote on the plan as a whole, which must be the last',
      },
      { amendment: 1, line: 6, field: 'votes[1].for', message: 'must be a whole number of votes' },
    ]);
  });

  it('reports YAML it cannot read, and an empty protocol', () => {
    expect(problemsOf('meeting: [unclosed')[0]).toMatchObject({ line: 1 });
    expect(problemsOf('  ')).toEqual([{ field: '', message: 'the protocol is empty' }]);
  });
});
