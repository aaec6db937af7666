import { BODY_CODE, ISO_DATE_RULE, MEASURE_LABEL_RULE, isIsoDate, isMeasureLabel } from '@app/domain';
import type { DocumentIssue } from './plan-document-error.js';
import type { MeasureDoc } from './plan-document.js';

type Issue = Omit<DocumentIssue, 'line'> & { segments: Array<string | number> };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const pathOf = (segments: Array<string | number>): string =>
  segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

/**
 * The sections, goals, measures and measurements one document may hold: each is a command and an
 * event of one append (an import of 18,000 measures takes about a minute end to end).
 */
export const MAX_DOCUMENT_ELEMENTS = 50_000;

/**
 * Checks a parsed plan document against the format of DESIGN.md, collecting every problem
 * with the path of the field, so the caller can point at lines.
 */
export function validatePlanDocument(value: unknown): Array<Issue> {
  const issues: Issue[] = [];
  const fail = (segments: Array<string | number>, message: string): void => {
    issues.push({ segments, path: pathOf(segments), message });
  };
  const text = (v: unknown, at: Array<string | number>, required = true): void => {
    if (v === undefined && !required) return;
    if (typeof v !== 'string' || v.trim() === '')
      fail(at, required ? 'must be a non-empty text' : 'must be a text');
  };
  const date = (v: unknown, at: Array<string | number>): void => {
    if (v === undefined) return;
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    if (typeof s !== 'string' || !isIsoDate(s)) fail(at, `must be ${ISO_DATE_RULE}`);
  };
  const year = (v: unknown, at: Array<string | number>): void => {
    if (!Number.isInteger(v) || (v as number) < 1900 || (v as number) > 2200)
      fail(at, 'must be a year such as 2024');
  };

  if (!isObject(value)) {
    fail([], 'a plan document is a mapping with plan, bodies and sections');
    return issues;
  }
  const plan = value.plan;
  if (!isObject(plan)) fail(['plan'], 'is required: id, org, title, period');
  else {
    if (typeof plan.id !== 'string' || !SLUG.test(plan.id))
      fail(['plan', 'id'], 'must be a lower-case slug such as oslo-sv-2024-2027');
    if (typeof plan.org !== 'string' || !SLUG.test(plan.org))
      fail(['plan', 'org'], 'must be a lower-case slug such as oslo-sv');
    text(plan.orgName, ['plan', 'orgName'], false);
    text(plan.title, ['plan', 'title']);
    if (!isObject(plan.period)) fail(['plan', 'period'], 'is required: { from: 2024, to: 2027 }');
    else {
      year(plan.period.from, ['plan', 'period', 'from']);
      year(plan.period.to, ['plan', 'period', 'to']);
      if (Number(plan.period.from) > Number(plan.period.to))
        fail(['plan', 'period'], 'must run forwards (from <= to)');
    }
    for (const link of ['predecessor', 'parent'] as const) {
      if (plan[link] !== undefined && (typeof plan[link] !== 'string' || !SLUG.test(plan[link]))) {
        fail(['plan', link], 'must be a plan id');
      }
    }
    if (plan.adopted !== undefined) {
      if (!isObject(plan.adopted)) fail(['plan', 'adopted'], 'must be { body, date }');
      else {
        text(plan.adopted.body, ['plan', 'adopted', 'body']);
        if (plan.adopted.date === undefined) fail(['plan', 'adopted', 'date'], 'is required');
        date(plan.adopted.date, ['plan', 'adopted', 'date']);
      }
    }
  }

  let elements = 0;
  const codes = new Set<string>();
  if (value.bodies !== undefined) {
    if (!Array.isArray(value.bodies)) fail(['bodies'], 'must be a list of { code, name }');
    else
      value.bodies.forEach((b, i) => {
        if (!isObject(b) || typeof b.code !== 'string' || !BODY_CODE.test(b.code))
          fail(['bodies', i, 'code'], 'must be a code such as FS');
        else if (codes.has(b.code)) fail(['bodies', i, 'code'], `${b.code} is declared twice`);
        else codes.add(b.code);
        if (isObject(b)) text(b.name, ['bodies', i, 'name']);
      });
  }

  const measurement = (m: unknown, at: Array<string | number>): void => {
    if (!isObject(m)) return fail(at, 'must be { metric, value, at }');
    text(m.metric, [...at, 'metric']);
    if (typeof m.value !== 'number' || !Number.isFinite(m.value)) fail([...at, 'value'], 'must be a number');
    if (m.at === undefined) fail([...at, 'at'], 'is required');
    date(m.at, [...at, 'at']);
  };
  if (value.measurements !== undefined) {
    if (!Array.isArray(value.measurements)) fail(['measurements'], 'must be a list');
    else list(value.measurements, ['measurements'], measurement);
  }

  const goal = (g: unknown, at: Array<string | number>): void => {
    if (!isObject(g)) return fail(at, 'must be a mapping with text');
    text(g.text, [...at, 'text']);
    if (g.target !== undefined) {
      if (!isObject(g.target)) fail([...at, 'target'], 'must be { metric, value, by }');
      else {
        text(g.target.metric, [...at, 'target', 'metric']);
        if (typeof g.target.value !== 'number') fail([...at, 'target', 'value'], 'must be a number');
        date(g.target.by, [...at, 'target', 'by']);
      }
    }
    list(g.measurements, [...at, 'measurements'], measurement);
    list(g.goals, [...at, 'goals'], goal);
  };
  /**
   * How each field of a measure is checked, in this order; every field of `MeasureDoc` is
   * listed, so a field the measure's command gains does not compile until it is checked here.
   */
  const measureFields: {
    readonly [F in keyof MeasureDoc]-?: (v: unknown, at: Array<string | number>) => void;
  } = {
    text: (v, at) => text(v, at),
    label: (v, at) => {
      if (v !== undefined && (typeof v !== 'string' || !isMeasureLabel(v)))
        fail(at, `must be ${MEASURE_LABEL_RULE}`);
    },
    timing: (v, at) => {
      if (v !== undefined && typeof v !== 'string') fail(at, 'must be a text such as "Vår 2026"');
    },
    responsible: (v, at) => {
      if (v === undefined) return;
      if (!Array.isArray(v)) fail(at, 'must be a list of body codes');
      else
        v.forEach((code, i) => {
          if (typeof code !== 'string') fail([...at, i], 'must be a body code');
          else if (codes.size > 0 && !codes.has(code)) {
            fail(
              [...at, i],
              `unknown body ${code} (the document declares ${[...codes].join(', ')}); a responsible that is not a body goes in responsibleParties`,
            );
          }
        });
    },
    responsibleParties: (v, at) => {
      if (v === undefined) return;
      if (!Array.isArray(v)) fail(at, 'must be a list of names, e.g. [Programkomitéene]');
      else
        v.forEach((name, i) => {
          if (typeof name !== 'string' || name.trim() === '')
            fail([...at, i], 'must be a name such as Programkomitéene');
          else if (name.trim().length > 120) fail([...at, i], 'must be a name of at most 120 characters');
        });
    },
    responsibleNote: (v, at) => {
      if (v !== undefined && typeof v !== 'string') fail(at, 'must be a text');
    },
    // Where the importer found it: not checked.
    lines: () => undefined,
  };
  const measure = (m: unknown, at: Array<string | number>): void => {
    if (!isObject(m)) return fail(at, 'must be a mapping with text');
    for (const [field, check] of Object.entries(measureFields)) check(m[field], [...at, field]);
  };
  const numbers = new Set<string>();
  const section = (s: unknown, at: Array<string | number>): void => {
    if (!isObject(s)) return fail(at, 'must be a mapping with number and title');
    if (typeof s.number !== 'string' && typeof s.number !== 'number')
      fail([...at, 'number'], 'is required, e.g. "4.1"');
    else if (typeof s.number === 'number' && !Number.isInteger(s.number)) {
      fail(
        [...at, 'number'],
        `must be quoted, e.g. "${s.number}": unquoted, 4.10 would read as the number 4.1`,
      );
    } else if (numbers.has(String(s.number))) fail([...at, 'number'], `section ${s.number} appears twice`);
    else numbers.add(String(s.number));
    text(s.title, [...at, 'title']);
    list(s.goals, [...at, 'goals'], goal);
    list(s.measures, [...at, 'measures'], measure);
    list(s.sections, [...at, 'sections'], section);
  };
  function list(
    v: unknown,
    at: Array<string | number>,
    each: (item: unknown, at: Array<string | number>) => void,
  ): void {
    if (v === undefined) return;
    if (!Array.isArray(v)) return fail(at, 'must be a list');
    elements += v.length;
    v.forEach((item, i) => each(item, [...at, i]));
  }
  if (!Array.isArray(value.sections)) fail(['sections'], 'is required: a list of sections');
  else list(value.sections, ['sections'], section);
  if (elements > MAX_DOCUMENT_ELEMENTS) {
    fail(
      [],
      `the document has ${elements.toLocaleString('en')} sections, goals, measures and measurements; one import takes at most ${MAX_DOCUMENT_ELEMENTS.toLocaleString('en')}`,
    );
  }
  return issues;
}
