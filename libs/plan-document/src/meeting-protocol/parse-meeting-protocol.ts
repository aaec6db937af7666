import { AMENDMENT_FIELD_NAMES, ISO_DATE_RULE, isIsoDate } from '@app/domain';
import { stringify } from 'yaml';
import { lineFinder, nodeLines, parseYamlBounded, yamlToJs } from '../bounded-yaml.js';
import { ProtocolError, type MeetingProtocol, type ProtocolIssue } from './meeting-protocol.js';

type Path = Array<string | number>;

/** A protocol as read, with the line of each of its fields: plain data, so it can cross threads. */
export interface ReadProtocol {
  readonly protocol: MeetingProtocol;
  /** The line of each field by its path (see lineFinder). */
  readonly lines: ReadonlyMap<string, number>;
}

/** A parsed protocol, and where each of its fields stands in the text (for problems found later). */
export interface ParsedProtocol extends ReadProtocol {
  /** The line of the field at `path` (or of the nearest enclosing one). */
  lineOf(path: Path): number | undefined;
}

/** A protocol read before (on another thread) with its lineOf again. */
export function parsedProtocol(read: ReadProtocol): ParsedProtocol {
  return { ...read, lineOf: lineFinder(read.lines) };
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MEETING_KEYS = ['id', 'org', 'body', 'date', 'plan', 'planRevision', 'title', 'edition'];
const TARGET_KEYS = ['measure', 'goal', 'section', 'lines', 'line', 'new'];
const AMENDMENT_KEYS = [
  'no',
  'proposer',
  'target',
  'op',
  'type',
  'justification',
  'recommendation',
  'modified',
  'recommendationNote',
  ...AMENDMENT_FIELD_NAMES,
];
const VOTE_KEYS = ['amendment', 'result', 'for', 'against', 'abstain', 'reason', 'modified'];
const PLAN_VOTE_KEYS = ['plan', 'for', 'against', 'abstain'];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const pathOf = (segments: Path): string =>
  segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

/**
 * Reads a meeting protocol from YAML or JSON, checking its shape: every problem at once, with
 * its line, the amendment it belongs to and the field. Whether the amendments fit the plan is
 * for the replay to check (it knows the plan).
 */
export function parseMeetingProtocol(text: string): ParsedProtocol {
  if (text.trim() === '') throw new ProtocolError([{ field: '', message: 'the protocol is empty' }]);
  const parsed = parseYamlBounded(text);
  if (!parsed.ok) {
    throw new ProtocolError(
      parsed.problems.map((p) => ({
        ...(p.line !== undefined ? { line: p.line } : {}),
        field: '',
        message: p.message,
      })),
    );
  }
  const { doc, lineCounter: counter } = parsed;
  const read = yamlToJs(doc);
  if (!read.ok) throw new ProtocolError(read.problems.map((p) => ({ field: '', message: p.message })));
  const lines = nodeLines(doc, counter);
  const lineOf = lineFinder(lines);
  const value = normalise(read.value);
  const issues = validateProtocol(value).map((p): ProtocolIssue => ({
    ...(p.amendment !== undefined ? { amendment: p.amendment } : {}),
    ...(lineOf(p.segments) !== undefined ? { line: lineOf(p.segments)! } : {}),
    field: pathOf(p.segments),
    message: p.message,
  }));
  if (issues.length > 0) throw new ProtocolError(issues);
  return { protocol: value as MeetingProtocol, lines, lineOf };
}

/** A protocol object (a JSON body): the same checks, without lines. */
export function checkMeetingProtocol(value: unknown): MeetingProtocol {
  const normalised = normalise(value);
  const issues = validateProtocol(normalised).map((p): ProtocolIssue => ({
    ...(p.amendment !== undefined ? { amendment: p.amendment } : {}),
    field: pathOf(p.segments),
    message: p.message,
  }));
  if (issues.length > 0) throw new ProtocolError(issues);
  return normalised as MeetingProtocol;
}

/** Dates YAML read as Date objects, numbers where texts are meant ("2026", section 5), and `type:` as `op:`. */
function normalise(value: unknown): unknown {
  const json = JSON.parse(
    JSON.stringify(value ?? null, (key, v) => {
      if (
        (key === 'edition' || key === 'number' || key === 'section' || key === 'lines') &&
        typeof v === 'number'
      )
        return String(v);
      return v;
    }),
    (_key, v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/.test(v) ? v.slice(0, 10) : v),
  ) as unknown;
  if (isObject(json) && Array.isArray(json.amendments)) {
    json.amendments = json.amendments.map((a: unknown) => {
      if (isObject(a) && a.op === undefined && typeof a.type === 'string') {
        const { type, ...rest } = a;
        return { ...rest, op: type };
      }
      return a;
    });
  }
  return json;
}

interface Problem {
  readonly segments: Path;
  readonly message: string;
  readonly amendment?: number;
}

function validateProtocol(value: unknown): Problem[] {
  const problems: Problem[] = [];
  const fail = (segments: Path, message: string, amendment?: number): void => {
    problems.push({ segments, message, ...(amendment !== undefined ? { amendment } : {}) });
  };
  const unknownKeys = (
    v: Record<string, unknown>,
    allowed: readonly string[],
    at: Path,
    no?: number,
  ): void => {
    for (const key of Object.keys(v))
      if (!allowed.includes(key)) fail([...at, key], `unknown field (known: ${allowed.join(', ')})`, no);
  };
  const text = (v: unknown, at: Path, required: boolean, no?: number): void => {
    if (v === undefined && !required) return;
    if (typeof v !== 'string' || (required && v.trim() === ''))
      fail(at, required ? 'must be a non-empty text' : 'must be a text', no);
  };
  const count = (v: unknown, at: Path, no?: number): void => {
    if (v !== undefined && (!Number.isInteger(v) || (v as number) < 0))
      fail(at, 'must be a whole number of votes', no);
  };
  const bodies = (v: unknown, at: Path, no?: number): void => {
    if (v === undefined) return;
    if (!Array.isArray(v) || v.some((c) => typeof c !== 'string' || c.trim() === ''))
      fail(at, 'must be a list of body codes such as [FS, LL]', no);
  };
  const changeFields = (a: Record<string, unknown>, at: Path, no?: number): void => {
    for (const key of ['from', 'to', 'after', 'text', 'timing', 'reason'] as const)
      text(a[key], [...at, key], false, no);
    bodies(a.responsible, [...at, 'responsible'], no);
    if (a.measure !== undefined) {
      if (!isObject(a.measure)) fail([...at, 'measure'], 'must be { text, timing, responsible }', no);
      else {
        unknownKeys(a.measure, ['text', 'timing', 'responsible', 'label'], [...at, 'measure'], no);
        text(a.measure.text, [...at, 'measure', 'text'], true, no);
        text(a.measure.timing, [...at, 'measure', 'timing'], false, no);
        bodies(a.measure.responsible, [...at, 'measure', 'responsible'], no);
      }
    }
    if (a.goal !== undefined) {
      if (!isObject(a.goal)) fail([...at, 'goal'], 'must be { text }', no);
      else {
        unknownKeys(a.goal, ['text'], [...at, 'goal'], no);
        text(a.goal.text, [...at, 'goal', 'text'], true, no);
      }
    }
    if (a.section !== undefined) {
      if (!isObject(a.section)) fail([...at, 'section'], 'must be { number, title }', no);
      else {
        unknownKeys(a.section, ['number', 'title', 'intro'], [...at, 'section'], no);
        text(a.section.number, [...at, 'section', 'number'], true, no);
        text(a.section.title, [...at, 'section', 'title'], true, no);
        text(a.section.intro, [...at, 'section', 'intro'], false, no);
      }
    }
  };

  if (!isObject(value)) {
    fail([], 'a protocol is a mapping with meeting, amendments and votes');
    return problems;
  }
  unknownKeys(value, ['meeting', 'amendments', 'votes'], []);
  const meeting = value.meeting;
  if (!isObject(meeting)) fail(['meeting'], 'is required: { id, org, body, date, plan }');
  else {
    unknownKeys(meeting, MEETING_KEYS, ['meeting']);
    for (const key of ['id', 'org', 'plan'] as const)
      if (typeof meeting[key] !== 'string' || !SLUG.test(meeting[key]))
        fail(['meeting', key], 'must be a lower-case slug such as oslo-sv-am-2026');
    text(meeting.body, ['meeting', 'body'], true);
    if (typeof meeting.date !== 'string' || !isIsoDate(meeting.date))
      fail(['meeting', 'date'], `must be ${ISO_DATE_RULE}`);
    if (
      meeting.planRevision !== undefined &&
      (!Number.isInteger(meeting.planRevision) || (meeting.planRevision as number) < 0)
    )
      fail(['meeting', 'planRevision'], 'must be a stream revision (a whole number from 0)');
    text(meeting.title, ['meeting', 'title'], false);
    text(meeting.edition, ['meeting', 'edition'], false);
  }

  const numbers = new Set<number>();
  if (value.amendments !== undefined && !Array.isArray(value.amendments))
    fail(['amendments'], 'must be a list of amendments');
  const amendments = Array.isArray(value.amendments) ? value.amendments : [];
  amendments.forEach((a: unknown, i: number) => {
    const at: Path = ['amendments', i];
    if (!isObject(a)) return fail(at, 'must be a mapping with no, target, op');
    const no = Number.isInteger(a.no) && (a.no as number) > 0 ? (a.no as number) : undefined;
    if (no === undefined) fail([...at, 'no'], 'must be a whole number from 1');
    else if (numbers.has(no)) fail([...at, 'no'], `amendment number ${no} is used twice`, no);
    else numbers.add(no);
    unknownKeys(a, AMENDMENT_KEYS, at, no);
    text(a.proposer, [...at, 'proposer'], false, no);
    text(a.justification, [...at, 'justification'], false, no);
    text(a.op, [...at, 'op'], true, no);
    if (a.target === undefined) {
      if (a.op !== 'add_section')
        fail(
          [...at, 'target'],
          'is required: { measure }, { goal }, { section }, { lines } or { line, new }',
          no,
        );
    } else if (!isObject(a.target))
      fail([...at, 'target'], 'must be { measure }, { goal }, { section }, { lines } or { line, new }', no);
    else {
      unknownKeys(a.target, TARGET_KEYS, [...at, 'target'], no);
      const named = ['measure', 'goal', 'section', 'lines', 'line'].filter(
        (k) => (a.target as Record<string, unknown>)[k] !== undefined,
      );
      if (named.length !== 1)
        fail([...at, 'target'], 'must name exactly one of measure, goal, section, lines, line', no);
      for (const key of ['measure', 'goal', 'section', 'lines'] as const)
        text(a.target[key], [...at, 'target', key], false, no);
      if (a.target.line !== undefined && (!Number.isInteger(a.target.line) || (a.target.line as number) < 1))
        fail([...at, 'target', 'line'], 'must be a line number', no);
      if (a.target.new !== undefined && typeof a.target.new !== 'boolean')
        fail([...at, 'target', 'new'], 'must be true or false', no);
    }
    changeFields(a, at, no);
    text(a.recommendation, [...at, 'recommendation'], false, no);
    text(a.recommendationNote, [...at, 'recommendationNote'], false, no);
    if (a.modified !== undefined) {
      if (!isObject(a.modified))
        fail([...at, 'modified'], 'must be the fields as the committee rewrote them', no);
      else {
        unknownKeys(a.modified, AMENDMENT_FIELD_NAMES, [...at, 'modified'], no);
        changeFields(a.modified, [...at, 'modified'], no);
      }
    }
  });

  if (!Array.isArray(value.votes))
    fail(['votes'], 'is required: a list of votes in the order they were taken');
  const votes = Array.isArray(value.votes) ? value.votes : [];
  const voted = new Set<number>();
  let planVoteAt: number | undefined;
  votes.forEach((v: unknown, i: number) => {
    const at: Path = ['votes', i];
    if (!isObject(v)) return fail(at, 'must be { amendment, result } or { plan: adopted }');
    if (planVoteAt !== undefined)
      fail(at, 'comes after the vote on the plan as a whole, which must be the last');
    if (v.plan !== undefined) {
      unknownKeys(v, PLAN_VOTE_KEYS, at);
      if (v.plan !== 'adopted' && v.plan !== 'rejected') fail([...at, 'plan'], 'must be adopted or rejected');
      for (const key of ['for', 'against', 'abstain'] as const) count(v[key], [...at, key]);
      planVoteAt = i;
      return;
    }
    const no = Number.isInteger(v.amendment) ? (v.amendment as number) : undefined;
    unknownKeys(v, VOTE_KEYS, at, no);
    if (no === undefined) fail([...at, 'amendment'], 'must be the number of an amendment');
    else if (!numbers.has(no)) fail([...at, 'amendment'], `there is no amendment ${no} in this protocol`, no);
    else if (voted.has(no)) fail([...at, 'amendment'], `amendment ${no} is voted on twice`, no);
    else voted.add(no);
    text(v.result, [...at, 'result'], true, no);
    text(v.reason, [...at, 'reason'], false, no);
    if (v.modified !== undefined && typeof v.modified !== 'boolean')
      fail([...at, 'modified'], 'must be true or false', no);
    for (const key of ['for', 'against', 'abstain'] as const) count(v[key], [...at, key], no);
  });
  return problems;
}

/** The protocol as YAML, one amendment per block, in a stable key order. */
export function protocolToYaml(protocol: MeetingProtocol): string {
  return stringify(protocol, { lineWidth: 0, aliasDuplicateObjects: false });
}
