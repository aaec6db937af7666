import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { RecordedEvent } from '@app/event-store';
import { exportLines, exportNdjson, verifyLines, type AuditEventLine } from './audit-export.js';
import { canonicalJson } from '@app/event-store';

const metadata = (n: number) => ({
  actor: 'kari@oslo-sv.no',
  commandId: `00000000-0000-4000-8000-00000000000${n}`,
  correlationId: `00000000-0000-4000-8000-00000000000${n}`,
  cause: { kind: 'command' as const },
  effectiveAt: '2026-03-01',
  recordedAt: `2026-03-01T10:0${n}:00.000Z`,
});

function event(
  streamId: string,
  revision: number,
  type: string,
  data: Record<string, unknown>,
): RecordedEvent {
  return {
    id: `${streamId}-${revision}`,
    streamId,
    revision: BigInt(revision),
    position: { commit: 700n + BigInt(revision), prepare: BigInt(revision + 1) },
    type,
    data,
    metadata: metadata(revision),
  };
}

const STREAM = 'plan-oslo-sv-2024-2027';
const EVENTS: RecordedEvent[] = [
  event(STREAM, 0, 'PlanCreated', { planId: 'oslo-sv-2024-2027', title: 'Arbeidsplan 2024-2027' }),
  event(STREAM, 1, 'SectionAdded', { sectionId: 's1', number: '4.1', title: 'Direkte velgerkontakt' }),
  event(STREAM, 2, 'MeasureAdded', { measureId: 'm1', sectionId: 's1', text: 'Banke på dører' }),
  event(STREAM, 3, 'MeasureStatusChanged', { measureId: 'm1', status: 'in_progress', note: 'I gang' }),
];
const OPTIONS = { planId: 'oslo-sv-2024-2027', exportedAt: '2026-04-01T12:00:00.000Z' };

/** The export as the lines of a file: line n of the file is lines[n - 1]. */
const exported = (): string[] => exportLines(EVENTS, OPTIONS);
const file = (lines: string[]): string => `${lines.join('\n')}\n`;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Re-hashes a line after a change, the way someone covering their tracks would. */
function rehash(line: Omit<AuditEventLine, 'hash'> & { hash?: string }): string {
  const { hash: _hash, ...rest } = line;
  return canonicalJson({ ...rest, hash: sha256(rest.prevHash + canonicalJson(rest)) });
}

describe('canonicalJson', () => {
  it('gives the same text whatever order the keys were written in, at every depth', () => {
    const a = { b: 1, a: { d: [3, { y: 2, x: 1 }], c: 'x' } };
    const b = { a: { c: 'x', d: [3, { x: 1, y: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"x":1,"y":2}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('writes bigints as strings and leaves out undefined members like JSON does', () => {
    expect(canonicalJson({ revision: 12n, gone: undefined, list: [undefined, 1n] })).toBe(
      '{"list":[null,"1"],"revision":"12"}',
    );
  });

  it('keeps array order, which is meaningful', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});

describe('exportLines', () => {
  it('writes a header, then one line per event chained by sha256 to the one before', () => {
    const lines = exported();
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[0]!)).toEqual({
      format: 'planverk-audit-export',
      version: 1,
      planId: 'oslo-sv-2024-2027',
      streams: [STREAM],
      exportedAt: '2026-04-01T12:00:00.000Z',
      events: 4,
      hashAlgorithm: 'sha256',
    });
    const first = JSON.parse(lines[1]!) as AuditEventLine;
    expect(first).toMatchObject({
      seq: 1,
      streamId: STREAM,
      revision: '0',
      position: '700/1',
      id: `${STREAM}-0`,
      type: 'PlanCreated',
      data: EVENTS[0]!.data,
      metadata: EVENTS[0]!.metadata,
    });
    expect(first.prevHash).toBe(sha256(lines[0]!));
    const { hash, ...rest } = first;
    expect(hash).toBe(sha256(first.prevHash + canonicalJson(rest)));
    for (let n = 2; n < lines.length; n++) {
      const line = JSON.parse(lines[n]!) as AuditEventLine;
      expect(line.seq).toBe(n);
      expect(line.prevHash).toBe((JSON.parse(lines[n - 1]!) as AuditEventLine).hash);
    }
  });

  it('puts the streams in the order asked for, each by revision, so meeting streams can follow the plan', () => {
    const meeting = 'meeting-landsmote-2026';
    const events = [
      event(meeting, 1, 'AmendmentAdopted', { amendmentNo: 7 }),
      EVENTS[1]!,
      event(meeting, 0, 'MeetingOpened', {}),
      EVENTS[0]!,
    ];
    const lines = exportLines(events, { ...OPTIONS, streams: [STREAM, meeting] });
    const order = lines.slice(1).map((l) => {
      const line = JSON.parse(l) as AuditEventLine;
      return `${line.seq} ${line.streamId}@${line.revision}`;
    });
    expect(order).toEqual([`1 ${STREAM}@0`, `2 ${STREAM}@1`, `3 ${meeting}@0`, `4 ${meeting}@1`]);
    expect(JSON.parse(lines[0]!).streams).toEqual([STREAM, meeting]);
    expect(verifyLines(file(lines))).toMatchObject({ ok: true, events: 4, problems: [] });
  });

  it('refuses an event from a stream it was not asked to export', () => {
    expect(() => exportLines(EVENTS, { ...OPTIONS, streams: ['meeting-x'] })).toThrow(
      `Event ${STREAM}-0 is in stream "${STREAM}", which is not exported`,
    );
  });
});

describe('verifyLines', () => {
  it('accepts an untouched export and gives the final hash', () => {
    const text = exportNdjson(EVENTS, OPTIONS);
    const lines = text.trimEnd().split('\n');
    expect(verifyLines(text)).toEqual({
      ok: true,
      events: 4,
      problems: [],
      finalHash: (JSON.parse(lines[4]!) as AuditEventLine).hash,
    });
  });

  it('accepts an export whose keys were reordered by some tool, since the hash is over canonical JSON', () => {
    const reordered = exported().map((l) => {
      const value = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify(Object.fromEntries(Object.entries(value).reverse()));
    });
    expect(reordered[1]).not.toBe(exported()[1]);
    expect(verifyLines(file(reordered))).toMatchObject({ ok: true, problems: [] });
  });

  it('accepts an empty plan export and CRLF line endings', () => {
    expect(verifyLines(file(exportLines([], OPTIONS)))).toMatchObject({ ok: true, events: 0 });
    expect(verifyLines(exported().join('\r\n'))).toMatchObject({ ok: true, events: 4 });
  });

  it('finds an edited field in line 3', () => {
    const lines = exported();
    expect(lines[2]).toContain('"title":"Direkte velgerkontakt"');
    lines[2] = lines[2]!.replace('"title":"Direkte velgerkontakt"', '"title":"Indirekte velgerkontakt"');
    expect(verifyLines(file(lines))).toEqual({
      ok: false,
      events: 4,
      finalHash: expect.any(String),
      problems: [
        {
          line: 3,
          kind: 'edited',
          message: `The event (seq 2, ${STREAM} revision 1) was edited: its content does not match its hash`,
        },
      ],
    });
  });

  it('finds an edited metadata field (who did it) in line 4', () => {
    const lines = exported();
    lines[3] = lines[3]!.replace('"actor":"kari@oslo-sv.no"', '"actor":"ola@oslo-sv.no"');
    expect(verifyLines(file(lines)).problems).toEqual([
      {
        line: 4,
        kind: 'edited',
        message: `The event (seq 3, ${STREAM} revision 2) was edited: its content does not match its hash`,
      },
    ]);
  });

  it('finds a line that was edited and re-hashed, by the next line no longer chaining to it', () => {
    const lines = exported();
    const line = JSON.parse(lines[2]!) as AuditEventLine;
    lines[2] = rehash({ ...line, data: { ...line.data, title: 'Noe annet' } });
    expect(verifyLines(file(lines)).problems).toEqual([
      {
        line: 3,
        kind: 'edited',
        message: "The event was edited and its hash recomputed: line 4's prevHash does not match it",
      },
    ]);
  });

  it('finds line 2 deleted', () => {
    const lines = exported();
    lines.splice(1, 1);
    expect(verifyLines(file(lines))).toMatchObject({
      ok: false,
      events: 3,
      problems: [
        {
          line: 2,
          kind: 'removed_or_reordered',
          message:
            `The event (seq 2, ${STREAM} revision 1) is out of place: it is not chained to the header but to ` +
            `a line that is not in the file; the first event has seq 2, not 1; ${STREAM} starts at revision 1, ` +
            'not 0 (an event before it was removed)',
        },
        {
          line: 5,
          kind: 'removed_or_reordered',
          message:
            'The file ends after 3 events, but the header says 4: it was truncated or events were removed',
        },
      ],
    });
  });

  it('finds a line removed from the middle', () => {
    const lines = exported();
    lines.splice(3, 1);
    expect(verifyLines(file(lines)).problems.map((p) => [p.line, p.kind])).toEqual([
      [4, 'removed_or_reordered'],
      [5, 'removed_or_reordered'],
    ]);
    expect(verifyLines(file(lines)).problems[0]!.message).toBe(
      `The event (seq 4, ${STREAM} revision 3) is out of place: it is not chained to line 3 but to a line ` +
        `that is not in the file; seq 4 follows seq 2; ${STREAM} revision 3 follows revision 1 ` +
        '(an event before it was removed)',
    );
  });

  it('finds lines 2 and 3 swapped, and names just those two', () => {
    const lines = exported();
    [lines[1], lines[2]] = [lines[2]!, lines[1]!];
    expect(verifyLines(file(lines))).toMatchObject({
      ok: false,
      events: 4,
      problems: [
        {
          line: 2,
          kind: 'removed_or_reordered',
          message:
            `The event (seq 2, ${STREAM} revision 1) is out of place: it is chained to line 3, not to the header; ` +
            `the first event has seq 2, not 1; ${STREAM} starts at revision 1, not 0 (lines were reordered)`,
        },
        {
          line: 3,
          kind: 'removed_or_reordered',
          message:
            `The event (seq 1, ${STREAM} revision 0) is out of place: it is chained to the header (line 1), ` +
            `not to line 2; seq 1 follows seq 2; ${STREAM} revision 0 follows revision 1 (lines were reordered)`,
        },
      ],
    });
  });

  it('finds a reordering even when the whole chain was re-hashed afterwards, by seq and revision', () => {
    const lines = exported();
    [lines[2], lines[3]] = [lines[3]!, lines[2]!];
    let prevHash = sha256(lines[0]!);
    for (let n = 1; n < lines.length; n++) {
      lines[n] = rehash({ ...(JSON.parse(lines[n]!) as AuditEventLine), prevHash });
      prevHash = (JSON.parse(lines[n]!) as AuditEventLine).hash;
    }
    expect(verifyLines(file(lines)).problems).toEqual([
      {
        line: 3,
        kind: 'removed_or_reordered',
        message: `The event (seq 3, ${STREAM} revision 2) is out of place: seq 3 follows seq 1; ${STREAM} revision 2 follows revision 0 (an event before it was removed)`,
      },
      {
        line: 4,
        kind: 'removed_or_reordered',
        message: `The event (seq 2, ${STREAM} revision 1) is out of place: seq 2 follows seq 3; ${STREAM} revision 1 follows revision 2 (lines were reordered)`,
      },
      {
        line: 5,
        kind: 'removed_or_reordered',
        message: `The event (seq 4, ${STREAM} revision 3) is out of place: seq 4 follows seq 2; ${STREAM} revision 3 follows revision 1 (an event before it was removed)`,
      },
    ]);
  });

  it('finds a truncated file by the count in the header', () => {
    const lines = exported();
    lines.pop();
    expect(verifyLines(file(lines))).toMatchObject({
      ok: false,
      events: 3,
      problems: [
        {
          line: 5,
          kind: 'removed_or_reordered',
          message:
            'The file ends after 3 events, but the header says 4: it was truncated or events were removed',
        },
      ],
    });
  });

  it('finds a file cut off in the middle of its last line', () => {
    const text = exportNdjson(EVENTS, OPTIONS);
    const cut = text.slice(0, text.length - 40);
    expect(verifyLines(cut).problems).toEqual([
      { line: 5, kind: 'malformed', message: expect.stringMatching(/^The line is not valid JSON \(/) },
    ]);
  });

  it('finds a malformed line, and does not blame the line after it', () => {
    const lines = exported();
    lines[2] = '{"seq": 2, "streamId": "plan-oslo-sv-2024-2027"';
    lines.splice(3, 0, '');
    lines.push('{"seq": 5}');
    const result = verifyLines(file(lines));
    expect(result.problems).toEqual(
      [
        { line: 3, kind: 'malformed', message: expect.stringMatching(/^The line is not valid JSON/) },
        { line: 4, kind: 'malformed', message: 'The line is empty' },
        {
          line: 7,
          kind: 'malformed',
          message:
            'The line is not an audit event: missing or invalid streamId, position, id, type, revision, data, metadata, prevHash, hash',
        },
        {
          line: 1,
          kind: 'header',
          message: 'The header says 4 events, but the file has 6: lines were added',
        },
      ].sort((a, b) => a.line - b.line),
    );
  });

  it('finds an edited header by the first event no longer chaining to it', () => {
    const lines = exported();
    lines[0] = lines[0]!.replace('"planId":"oslo-sv-2024-2027"', '"planId":"bergen-sv-2024-2027"');
    expect(verifyLines(file(lines)).problems).toEqual([
      {
        line: 1,
        kind: 'header',
        message: "The header was edited: the first event's prevHash (line 2) does not match its hash",
      },
    ]);
  });

  it('finds a header lowering the count to hide a truncation', () => {
    const lines = exported();
    lines.pop();
    lines[0] = lines[0]!.replace('"events":4', '"events":3');
    expect(verifyLines(file(lines)).problems).toEqual([
      {
        line: 1,
        kind: 'header',
        message: "The header was edited: the first event's prevHash (line 2) does not match its hash",
      },
    ]);
  });

  it('refuses a file that is not an export at all', () => {
    expect(verifyLines('')).toEqual({
      ok: false,
      events: 0,
      problems: [{ line: 1, kind: 'header', message: 'The file is empty: there is no header line' }],
    });
    expect(verifyLines('{"format":"something-else"}\n').problems).toEqual([
      {
        line: 1,
        kind: 'header',
        message:
          'This is not a planverk-audit-export version 1 header: format is not "planverk-audit-export", ' +
          'version is not 1, hashAlgorithm is not "sha256", planId is missing, streams is not a list of ' +
          'stream ids, exportedAt is missing, events is not a count',
      },
    ]);
    expect(verifyLines('hello\n').problems).toEqual([
      { line: 1, kind: 'header', message: expect.stringMatching(/^The header is not valid JSON/) },
    ]);
  });
});
