import {
  AMENDMENT_FIELD_NAMES,
  ISO_DATE_RULE_NB,
  KNOWN_MAJORITIES,
  KNOWN_PLAN_RESULTS,
  KNOWN_RECOMMENDATIONS,
  KNOWN_RESULTS,
  isIsoDate,
  parseDeadline,
  readMajority,
  readPlanResult,
  readRecommendation,
  readResult,
} from '@app/domain';
import { stringify } from 'yaml';
import { lineFinder, nodeLines, parseYamlBounded, yamlToJs } from '../bounded-yaml.js';
import { ProtocolError, type MeetingProtocol, type ProtocolIssue } from './meeting-protocol.js';

type Path = Array<string | number>;

/**
 * A protocol as read, with the line of each of its fields (plain data, so it can cross threads),
 * and the problems of its shape. Amendments and votes with a problem are left out of `protocol`,
 * so the replay can still check the rest against the plan and answer every problem at once.
 */
export interface ReadProtocol {
  readonly protocol: MeetingProtocol;
  /** The line of each field by its path (see lineFinder). */
  readonly lines: ReadonlyMap<string, number>;
  /** The problems of its shape; the protocol is refused when there are any. */
  readonly issues: readonly ProtocolIssue[];
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
const MEETING_KEYS = [
  'id',
  'org',
  'body',
  'date',
  'plan',
  'planRevision',
  'title',
  'edition',
  'deadline',
  'majority',
];
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
  'filedBy',
  'inMeeting',
  'contested',
  ...AMENDMENT_FIELD_NAMES,
];
const VOTE_KEYS = ['amendment', 'result', 'for', 'against', 'abstain', 'reason', 'modified'];
const PLAN_VOTE_KEYS = ['plan', 'for', 'against', 'abstain'];
const RECOMMENDATIONS_VOTE_KEYS = ['recommendations', 'amendments', 'for', 'against', 'abstain'];
/** What the replay needs of the meeting to check anything against the plan. */
const MEETING_NEEDED = ['id', 'org', 'plan', 'date', 'body', 'planRevision'];
const TARGET_SHAPES = '{ measure }, { goal }, { section }, { lines } eller { line, new }';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const pathOf = (segments: Path): string =>
  segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

/**
 * Reads a meeting protocol from YAML or JSON, checking its shape: every problem at once, with its
 * line, the amendment it belongs to and the field. Results, recommendations and the majority rule
 * may be written in Norwegian (vedtatt, avvise, to tredjedels flertall...). Whether the amendments
 * fit the plan is for the replay to check (it knows the plan). Throws a ProtocolError only when
 * nothing more can be checked: text that is not YAML, or a meeting it cannot tell.
 */
export function parseMeetingProtocol(text: string): ParsedProtocol {
  if (text.trim() === '') throw new ProtocolError([{ field: '', message: 'protokollen er tom' }]);
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
  const { protocol, issues } = readProtocol(read.value, lineOf);
  return { protocol, lines, lineOf, issues };
}

/** A protocol object (a JSON body): the same checks, without lines. */
export function checkMeetingProtocol(value: unknown): ReadProtocol {
  return { ...readProtocol(value, () => undefined), lines: new Map() };
}

function readProtocol(
  value: unknown,
  lineOf: (segments: Path) => number | undefined,
): { protocol: MeetingProtocol; issues: ProtocolIssue[] } {
  const normalised = normalise(value);
  const problems = validateProtocol(normalised);
  const issues = problems.map((p): ProtocolIssue => {
    const line = lineOf(p.segments);
    return {
      ...(p.amendment !== undefined ? { amendment: p.amendment } : {}),
      ...(line !== undefined ? { line } : {}),
      field: pathOf(p.segments),
      message: p.message,
    };
  });
  // The meeting must be known to check anything against the plan.
  const fatal = (p: Problem): boolean =>
    p.whole === true ||
    p.segments.length === 0 ||
    (p.segments[0] === 'meeting' &&
      (p.segments.length === 1 || MEETING_NEEDED.includes(String(p.segments[1]))));
  if (problems.some(fatal)) throw new ProtocolError(issues);
  return { protocol: usable(normalised as Record<string, unknown>, problems), issues };
}

/** The protocol without the amendments and votes that have a problem (and the votes on those). */
function usable(value: Record<string, unknown>, problems: readonly Problem[]): MeetingProtocol {
  const broken = (list: string) =>
    new Set(
      problems
        .filter((p) => p.segments[0] === list && typeof p.segments[1] === 'number')
        .map((p) => p.segments[1]),
    );
  const badAmendments = broken('amendments');
  const badVotes = broken('votes');
  const amendments = ((value.amendments as Array<Record<string, unknown>> | undefined) ?? []).filter(
    (_, i) => !badAmendments.has(i),
  );
  const numbers = new Set(amendments.map((a) => a.no));
  const votes = ((value.votes as Array<Record<string, unknown>> | undefined) ?? []).filter(
    (v, j) =>
      !badVotes.has(j) &&
      (v.amendment === undefined || numbers.has(v.amendment)) &&
      (!Array.isArray(v.amendments) || v.amendments.every((no) => numbers.has(no))),
  );
  const order = problems.some((p) => p.segments[0] === 'votingOrder')
    ? undefined
    : (value.votingOrder as number[] | undefined)?.filter((no) => numbers.has(no));
  const meeting = { ...(value.meeting as Record<string, unknown>) };
  for (const key of ['deadline', 'majority', 'title', 'edition'])
    if (problems.some((p) => p.segments[0] === 'meeting' && p.segments[1] === key)) delete meeting[key];
  return {
    meeting: meeting as unknown as MeetingProtocol['meeting'],
    amendments: amendments as unknown as MeetingProtocol['amendments'],
    ...(order ? { votingOrder: order } : {}),
    votes: votes as unknown as MeetingProtocol['votes'],
  };
}

/**
 * Dates YAML read as Date objects, numbers where texts are meant ("2026", section 5), `type:` as
 * `op:`, and the Norwegian words of results and recommendations as the protocol's own.
 */
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
  if (!isObject(json)) return json;
  const word = <T>(v: unknown, read: (w: string) => T | undefined): unknown =>
    typeof v === 'string' ? (read(v) ?? v) : v;
  if (isObject(json.meeting)) json.meeting.majority = word(json.meeting.majority, readMajority);
  if (isObject(json.meeting) && json.meeting.majority === undefined) delete json.meeting.majority;
  if (Array.isArray(json.amendments)) {
    json.amendments = json.amendments.map((a: unknown) => {
      if (!isObject(a)) return a;
      const out: Record<string, unknown> =
        a.op === undefined && typeof a.type === 'string' ? { ...a, op: a.type } : { ...a };
      if (a.op === undefined && typeof a.type === 'string') delete out.type;
      if (out.recommendation !== undefined) out.recommendation = word(out.recommendation, readRecommendation);
      return out;
    });
  }
  if (Array.isArray(json.votes)) {
    json.votes = json.votes.map((v: unknown) => {
      if (!isObject(v)) return v;
      const out = { ...v };
      if (out.result !== undefined) out.result = word(out.result, readResult);
      if (out.plan !== undefined) out.plan = word(out.plan, readPlanResult);
      if (out.recommendations !== undefined)
        out.recommendations = word(out.recommendations, (w) =>
          readPlanResult(w) === 'adopted' || /^(accepted|godkjent|vedtatt)$/i.test(w.trim())
            ? 'accepted'
            : undefined,
        );
      return out;
    });
  }
  return json;
}

interface Problem {
  readonly segments: Path;
  readonly message: string;
  readonly amendment?: number;
  /** A problem with the whole list (not one entry): nothing more can be checked. */
  readonly whole?: boolean;
}

function validateProtocol(value: unknown): Problem[] {
  const problems: Problem[] = [];
  const fail = (segments: Path, message: string, amendment?: number): void => {
    problems.push({ segments, message, ...(amendment !== undefined ? { amendment } : {}) });
  };
  const failWhole = (segments: Path, message: string): void => {
    problems.push({ segments, message, whole: true });
  };
  const unknownKeys = (
    v: Record<string, unknown>,
    allowed: readonly string[],
    at: Path,
    no?: number,
  ): void => {
    for (const key of Object.keys(v))
      if (!allowed.includes(key)) fail([...at, key], `ukjent felt (kjente: ${allowed.join(', ')})`, no);
  };
  const text = (v: unknown, at: Path, required: boolean, no?: number): void => {
    if (v === undefined && !required) return;
    if (typeof v !== 'string' || (required && v.trim() === ''))
      fail(at, required ? 'må være en tekst som ikke er tom' : 'må være en tekst', no);
  };
  const flag = (v: unknown, at: Path, no?: number): void => {
    if (v !== undefined && typeof v !== 'boolean') fail(at, 'må være true eller false', no);
  };
  const count = (v: unknown, at: Path, no?: number): void => {
    if (v !== undefined && (!Number.isInteger(v) || (v as number) < 0))
      fail(at, 'må være et helt antall stemmer (fra 0)', no);
  };
  const bodies = (v: unknown, at: Path, no?: number): void => {
    if (v === undefined) return;
    if (!Array.isArray(v) || v.some((c) => typeof c !== 'string' || c.trim() === ''))
      fail(at, 'må være en liste med organer, for eksempel [FS, LL]', no);
  };
  const changeFields = (a: Record<string, unknown>, at: Path, no?: number): void => {
    for (const key of ['from', 'to', 'after', 'text', 'timing', 'reason'] as const)
      text(a[key], [...at, key], false, no);
    bodies(a.responsible, [...at, 'responsible'], no);
    if (a.measure !== undefined) {
      if (!isObject(a.measure)) fail([...at, 'measure'], 'må være { text, timing, responsible }', no);
      else {
        unknownKeys(a.measure, ['text', 'timing', 'responsible', 'label'], [...at, 'measure'], no);
        text(a.measure.text, [...at, 'measure', 'text'], true, no);
        text(a.measure.timing, [...at, 'measure', 'timing'], false, no);
        bodies(a.measure.responsible, [...at, 'measure', 'responsible'], no);
      }
    }
    if (a.goal !== undefined) {
      if (!isObject(a.goal)) fail([...at, 'goal'], 'må være { text }', no);
      else {
        unknownKeys(a.goal, ['text'], [...at, 'goal'], no);
        text(a.goal.text, [...at, 'goal', 'text'], true, no);
      }
    }
    if (a.section !== undefined) {
      if (!isObject(a.section)) fail([...at, 'section'], 'må være { number, title }', no);
      else {
        unknownKeys(a.section, ['number', 'title', 'intro'], [...at, 'section'], no);
        text(a.section.number, [...at, 'section', 'number'], true, no);
        text(a.section.title, [...at, 'section', 'title'], true, no);
        text(a.section.intro, [...at, 'section', 'intro'], false, no);
      }
    }
  };

  if (!isObject(value)) {
    fail([], 'en protokoll har meeting, amendments og votes');
    return problems;
  }
  unknownKeys(value, ['meeting', 'amendments', 'votingOrder', 'votes'], []);
  const meeting = value.meeting;
  if (!isObject(meeting)) fail(['meeting'], 'mangler: { id, org, body, date, plan }');
  else {
    unknownKeys(meeting, MEETING_KEYS, ['meeting']);
    for (const key of ['id', 'org', 'plan'] as const)
      if (typeof meeting[key] !== 'string' || !SLUG.test(meeting[key]))
        fail(['meeting', key], 'må være en id med små bokstaver og bindestrek, for eksempel oslo-sv-am-2026');
    text(meeting.body, ['meeting', 'body'], true);
    if (typeof meeting.date !== 'string' || !isIsoDate(meeting.date))
      fail(['meeting', 'date'], `må være ${ISO_DATE_RULE_NB}`);
    if (
      meeting.planRevision !== undefined &&
      (!Number.isInteger(meeting.planRevision) || (meeting.planRevision as number) < 0)
    )
      fail(['meeting', 'planRevision'], 'må være en revisjon av planens hendelsesstrøm (et helt tall fra 0)');
    text(meeting.title, ['meeting', 'title'], false);
    text(meeting.edition, ['meeting', 'edition'], false);
    if (
      meeting.deadline !== undefined &&
      (typeof meeting.deadline !== 'string' || !parseDeadline(meeting.deadline))
    )
      fail(['meeting', 'deadline'], 'må være en dato eller et tidspunkt, for eksempel 2026-03-01T12:00');
    if (
      meeting.majority !== undefined &&
      (typeof meeting.majority !== 'string' || !readMajority(meeting.majority))
    )
      fail(
        ['meeting', 'majority'],
        `ukjent flertallskrav «${String(meeting.majority)}»; bruk ${KNOWN_MAJORITIES}`,
      );
  }

  const numbers = new Set<number>();
  if (value.amendments !== undefined && !Array.isArray(value.amendments))
    failWhole(['amendments'], 'må være en liste med forslag');
  const amendments = Array.isArray(value.amendments) ? value.amendments : [];
  amendments.forEach((a: unknown, i: number) => {
    const at: Path = ['amendments', i];
    if (!isObject(a)) return fail(at, 'må være et forslag med no, target og op');
    const no = Number.isInteger(a.no) && (a.no as number) > 0 ? (a.no as number) : undefined;
    if (no === undefined) fail([...at, 'no'], 'må være et helt tall fra 1');
    else if (numbers.has(no)) fail([...at, 'no'], `forslagsnummer ${no} er brukt to ganger`, no);
    else numbers.add(no);
    unknownKeys(a, AMENDMENT_KEYS, at, no);
    text(a.proposer, [...at, 'proposer'], false, no);
    text(a.justification, [...at, 'justification'], false, no);
    text(a.op, [...at, 'op'], true, no);
    text(a.filedBy, [...at, 'filedBy'], false, no);
    flag(a.inMeeting, [...at, 'inMeeting'], no);
    flag(a.contested, [...at, 'contested'], no);
    if (a.target === undefined) {
      if (a.op !== 'add_section') fail([...at, 'target'], `mangler: ${TARGET_SHAPES}`, no);
    } else if (!isObject(a.target)) fail([...at, 'target'], `må være ${TARGET_SHAPES}`, no);
    else {
      unknownKeys(a.target, TARGET_KEYS, [...at, 'target'], no);
      const named = ['measure', 'goal', 'section', 'lines', 'line'].filter(
        (k) => (a.target as Record<string, unknown>)[k] !== undefined,
      );
      if (named.length !== 1)
        fail([...at, 'target'], 'må nevne nøyaktig én av measure, goal, section, lines, line', no);
      for (const key of ['measure', 'goal', 'section', 'lines'] as const)
        text(a.target[key], [...at, 'target', key], false, no);
      if (a.target.line !== undefined && (!Number.isInteger(a.target.line) || (a.target.line as number) < 1))
        fail([...at, 'target', 'line'], 'må være et linjenummer', no);
      flag(a.target.new, [...at, 'target', 'new'], no);
    }
    changeFields(a, at, no);
    if (
      a.recommendation !== undefined &&
      (typeof a.recommendation !== 'string' || !readRecommendation(a.recommendation))
    )
      fail(
        [...at, 'recommendation'],
        `ukjent innstilling «${String(a.recommendation)}»; bruk ${KNOWN_RECOMMENDATIONS}`,
        no,
      );
    text(a.recommendationNote, [...at, 'recommendationNote'], false, no);
    if (a.modified !== undefined) {
      if (!isObject(a.modified)) fail([...at, 'modified'], 'må være feltene slik komiteen skrev dem om', no);
      else {
        unknownKeys(a.modified, AMENDMENT_FIELD_NAMES, [...at, 'modified'], no);
        changeFields(a.modified, [...at, 'modified'], no);
      }
    }
  });

  if (value.votingOrder !== undefined) {
    if (!Array.isArray(value.votingOrder) || value.votingOrder.some((no) => !Number.isInteger(no)))
      fail(['votingOrder'], 'må være en liste med forslagsnummer, for eksempel [3, 1, 2]');
    else
      for (const [k, no] of (value.votingOrder as number[]).entries())
        if (!numbers.has(no))
          fail(['votingOrder', k], `det er ikke noe forslag ${no} i denne protokollen`, no);
  }

  if (!Array.isArray(value.votes))
    failWhole(['votes'], 'mangler: en liste med voteringene i den rekkefølgen de ble tatt');
  const votes = Array.isArray(value.votes) ? value.votes : [];
  const voted = new Set<number>();
  let planVoteAt: number | undefined;
  votes.forEach((v: unknown, i: number) => {
    const at: Path = ['votes', i];
    if (!isObject(v))
      return fail(at, 'må være { amendment, result }, { recommendations, amendments } eller { plan }');
    if (planVoteAt !== undefined)
      fail(at, 'kommer etter voteringen over planen som helhet, som må være den siste');
    if (v.plan !== undefined) {
      unknownKeys(v, PLAN_VOTE_KEYS, at);
      if (v.plan !== 'adopted' && v.plan !== 'rejected')
        fail(
          [...at, 'plan'],
          `ukjent resultat «${String(v.plan)}»; planen som helhet er ${KNOWN_PLAN_RESULTS}`,
        );
      for (const key of ['for', 'against', 'abstain'] as const) count(v[key], [...at, key]);
      planVoteAt = i;
      return;
    }
    if (v.recommendations !== undefined) {
      unknownKeys(v, RECOMMENDATIONS_VOTE_KEYS, at);
      if (v.recommendations !== 'accepted')
        fail(
          [...at, 'recommendations'],
          'en votering over innstillingen en bloc har recommendations: accepted (vedtatt)',
        );
      if (
        !Array.isArray(v.amendments) ||
        v.amendments.length === 0 ||
        v.amendments.some((no) => !Number.isInteger(no))
      )
        fail([...at, 'amendments'], 'må være en liste med numrene på forslagene innstillingen gjaldt');
      else
        for (const no of v.amendments as number[]) {
          if (!numbers.has(no))
            fail([...at, 'amendments'], `det er ikke noe forslag ${no} i denne protokollen`, no);
          else if (voted.has(no))
            fail([...at, 'amendments'], `det er votert over forslag ${no} to ganger`, no);
          else voted.add(no);
        }
      for (const key of ['for', 'against', 'abstain'] as const) count(v[key], [...at, key]);
      return;
    }
    const no = Number.isInteger(v.amendment) ? (v.amendment as number) : undefined;
    unknownKeys(v, VOTE_KEYS, at, no);
    if (no === undefined) fail([...at, 'amendment'], 'må være nummeret på et forslag');
    else if (!numbers.has(no))
      fail([...at, 'amendment'], `det er ikke noe forslag ${no} i denne protokollen`, no);
    else if (voted.has(no)) fail([...at, 'amendment'], `det er votert over forslag ${no} to ganger`, no);
    else voted.add(no);
    if (typeof v.result !== 'string' || !readResult(v.result))
      fail([...at, 'result'], `ukjent resultat «${String(v.result ?? '')}»; bruk ${KNOWN_RESULTS}`, no);
    text(v.reason, [...at, 'reason'], false, no);
    flag(v.modified, [...at, 'modified'], no);
    for (const key of ['for', 'against', 'abstain'] as const) count(v[key], [...at, key], no);
  });
  return problems;
}

/** The protocol as YAML, one amendment per block, in a stable key order. */
export function protocolToYaml(protocol: MeetingProtocol): string {
  return stringify(protocol, { lineWidth: 0, aliasDuplicateObjects: false });
}
