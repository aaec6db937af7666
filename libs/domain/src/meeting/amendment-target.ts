import { DomainError } from '../shared/domain-error.js';
import { goalAddress, goalAddresses, measureAddress } from '../plan/addresses.js';
import { labelAt } from '../plan/measure-labels.js';
import type { Lines } from '../plan/plan.events.js';
import type { ExistingPlan, GoalState, MeasureState, SectionState } from '../plan/plan.state.js';
import type {
  AmendmentFields,
  AmendmentOp,
  CitedTarget,
  ResolvedTarget,
  TargetKind,
} from './meeting.types.js';
import {
  ELEMENT_NOUN,
  OP_NOUN,
  capitalise,
  describeElement,
  describeLines,
  listWords,
} from './meeting-words.js';
import type { MeetingPapers, PaperElement, PaperLine } from './papers/papers.types.js';
import { readAmendmentType } from './vocabulary.js';

const invalid = (
  code: string,
  message: string,
  field = 'target',
  details: Record<string, unknown> = {},
): DomainError => new DomainError(code, 'invalid', message, { field, ...details });

export function findSection(plan: ExistingPlan, ref: string): SectionState | undefined {
  const wanted = ref.trim();
  return plan.sections.get(wanted) ?? [...plan.sections.values()].find((s) => s.number === wanted);
}

/**
 * A measure by id or by "section.label"; struck ones too, so the caller can say it was struck.
 * "1.2" is measure 1.B: a document that numbers its measures 1.1, 1.2 is lettered in the same
 * order when it is imported (its report says so), and delegates cite the numbers they read.
 */
export function findMeasure(plan: ExistingPlan, ref: string): MeasureState | undefined {
  const wanted = ref.trim();
  const byId = plan.measures.get(wanted);
  if (byId) return byId;
  const dot = wanted.lastIndexOf('.');
  if (dot < 1) return undefined;
  const section = findSection(plan, wanted.slice(0, dot));
  const written = wanted.slice(dot + 1);
  const label = /^[1-9]\d{0,2}$/.test(written) ? labelAt(Number(written) - 1) : written.toUpperCase();
  if (!section) return undefined;
  const inSection = [...plan.measures.values()].filter(
    (m) => m.sectionId === section.id && m.label === label,
  );
  return inSection.find((m) => !m.struck) ?? inSection[0];
}

export function findGoal(plan: ExistingPlan, ref: string): GoalState | undefined {
  const wanted = ref.trim();
  const byId = plan.goals.get(wanted);
  if (byId) return byId;
  const addresses = goalAddresses(plan);
  const id = [...addresses.entries()].find(([, address]) => address === wanted)?.[0];
  return id ? plan.goals.get(id) : undefined;
}

/** The text an amendment's text operations work on: a measure's or goal's text, a section's title. */
export function targetText(plan: ExistingPlan, target: ResolvedTarget): string | undefined {
  switch (target.kind) {
    case 'measure':
      return plan.measures.get(target.id)?.text;
    case 'goal':
      return plan.goals.get(target.id)?.text;
    case 'section':
      return plan.sections.get(target.id)?.title;
    default:
      return undefined;
  }
}

/** The address an element has now (a measure moved or relabelled keeps its id, not its address). */
export function currentAddress(plan: ExistingPlan, target: ResolvedTarget): string {
  if (target.kind === 'measure') {
    const measure = plan.measures.get(target.id);
    return measure ? measureAddress(plan, measure) : target.address;
  }
  if (target.kind === 'goal') {
    const goal = plan.goals.get(target.id);
    return goal ? goalAddress(plan, goal) : target.address;
  }
  if (target.kind === 'section') return plan.sections.get(target.id)?.number ?? target.address;
  return target.address;
}

/** "50-53", "50 tom 53", "Linje 50 til 53", "38/39", "53": a range of lines. */
export function parseCitedLines(cited: string | number): Lines | undefined {
  const numbers = String(cited).match(/\d+/g)?.map(Number) ?? [];
  if (numbers.length === 0 || numbers.length > 2) return undefined;
  const from = Math.min(numbers[0]!, numbers[1] ?? numbers[0]!);
  const to = Math.max(numbers[0]!, numbers[1] ?? numbers[0]!);
  if (from < 1) return undefined;
  return { from, to };
}

/** The quoted text an operation must find in its target: `from`, the struck `text`, or `after`. */
export function quotedText(op: AmendmentOp, fields: AmendmentFields): string | undefined {
  if (op === 'replace_text') return fields.from;
  if (op === 'strike_text') return fields.text;
  if (op === 'insert_text') return fields.after;
  return undefined;
}

const TEXT_OPS: ReadonlySet<AmendmentOp> = new Set(['replace_text', 'insert_text', 'strike_text']);
const MEASURE_OPS: ReadonlySet<AmendmentOp> = new Set(['strike_measure', 'change_timing', 'reassign']);
const SECTION_OPS: ReadonlySet<AmendmentOp> = new Set(['add_measure', 'add_goal']);

function describeCited(cited: CitedTarget): string {
  if (cited.measure !== undefined) return `tiltak ${cited.measure}`;
  if (cited.goal !== undefined) return `mål ${cited.goal}`;
  if (cited.section !== undefined) return `kapittel ${cited.section}`;
  if (cited.lines !== undefined) return `linje ${cited.lines}`;
  if (cited.line !== undefined) return `${cited.new ? 'ny linje' : 'linje'} ${cited.line}`;
  return 'uten mål for endringen';
}

/** An amendment as resolved against the papers: what it does, with which fields, to what. */
export interface ResolvedAmendment {
  readonly op: AmendmentOp;
  readonly fields: AmendmentFields;
  readonly target: ResolvedTarget;
}

/**
 * Resolves what an amendment cites to an element of the plan the meeting treats, and checks
 * that its operation can work on it. Lines are read in the meeting's papers, the one numbering
 * every page and export shows. "Ny linje N" with the type Tillegg adds a goal where line N is
 * among goals, else a measure, in the section that holds line N. An Endring of whole lines
 * without a quoted text replaces the whole text on them. Throws a DomainError saying which and why.
 */
export function resolveAmendment(
  plan: ExistingPlan,
  cited: CitedTarget,
  opName: string,
  op: AmendmentOp,
  fields: AmendmentFields,
  papers: MeetingPapers | undefined,
): ResolvedAmendment {
  if (cited.new && (cited.line !== undefined || cited.lines !== undefined)) {
    const at = newLine(cited, papers);
    const kind = newElementKind(opName, op, at.line);
    const adjusted =
      kind === op
        ? fields
        : kind === 'add_goal'
          ? withoutKeys({ ...fields, goal: { text: fields.measure?.text ?? fields.text ?? '' } }, 'measure')
          : fields;
    const target = kind === 'add_goal' && at.parentGoal ? at.parentGoal : at.section;
    return { op: kind, fields: adjusted, target: checkKind(plan, cited, kind, target) };
  }
  const struck = strikeOnLines(cited, opName, op, papers);
  const target = resolveTarget(plan, cited, struck, fields, papers);
  if (struck !== op) return { op: struck, fields, target };
  // An Endring of whole lines, or of a whole element, without a quoted text: its whole text.
  if (op === 'replace_text' && (fields.from === undefined || fields.from === '') && target.kind !== 'plan') {
    const whole = targetText(plan, target);
    if (whole !== undefined) return { op, fields: { ...fields, from: whole }, target };
  }
  return { op, fields, target };
}

/** Stryking of whole lines: the goal on them where they hold a goal and no measure. */
function strikeOnLines(
  cited: CitedTarget,
  opName: string,
  op: AmendmentOp,
  papers: MeetingPapers | undefined,
): AmendmentOp {
  if (op !== 'strike_measure' || readAmendmentType(opName) !== 'Stryking') return op;
  if (cited.lines === undefined && cited.line === undefined) return op;
  const all = papersFor(papers);
  const range = citedRange(cited, all);
  const on = all.elements.filter((e) => e.from <= range.to && e.to >= range.from);
  return on.some((e) => e.kind === 'goal') && !on.some((e) => e.kind === 'measure') ? 'strike_goal' : op;
}

function withoutKeys(fields: AmendmentFields, ...keys: Array<keyof AmendmentFields>): AmendmentFields {
  const out = { ...fields } as Record<string, unknown>;
  for (const key of keys) delete out[key];
  return out as AmendmentFields;
}

/**
 * Resolves the target an amendment cites to an element of the plan the meeting treats, and
 * checks that the operation can work on it. Throws a DomainError saying which and why.
 */
export function resolveTarget(
  plan: ExistingPlan,
  cited: CitedTarget,
  op: AmendmentOp,
  fields: AmendmentFields,
  papers?: MeetingPapers,
): ResolvedTarget {
  if (op === 'add_section') return parentOfNewSection(plan, fields);
  const given = [cited.measure, cited.goal, cited.section, cited.lines, cited.line].filter(
    (v) => v !== undefined,
  );
  if (given.length !== 1) {
    throw invalid(
      'INVALID_TARGET',
      'Oppgi nøyaktig én av disse: tiltak («4.2.J»), mål («3.1.g2»), kapittel («4.1»), linjer («Linje 50 tom 53») eller ny linje',
    );
  }
  let target: ResolvedTarget;
  if (cited.measure !== undefined) target = measureTarget(plan, cited.measure);
  else if (cited.goal !== undefined) target = goalTarget(plan, cited.goal);
  else if (cited.section !== undefined) target = sectionTarget(plan, cited.section);
  else target = lineTarget(plan, cited, op, fields, papers);

  // A new measure or goal goes into a section: citing a measure or goal names its section.
  if (SECTION_OPS.has(op)) {
    if (target.kind === 'measure') target = sectionTarget(plan, plan.measures.get(target.id)!.sectionId);
    else if (target.kind === 'goal' && op === 'add_measure')
      target = sectionTarget(plan, plan.goals.get(target.id)!.sectionId);
  }
  return checkKind(plan, cited, op, target);
}

function checkKind(
  _plan: ExistingPlan,
  cited: CitedTarget,
  op: AmendmentOp,
  target: ResolvedTarget,
): ResolvedTarget {
  const allowed: readonly TargetKind[] = TEXT_OPS.has(op)
    ? ['measure', 'goal', 'section']
    : MEASURE_OPS.has(op)
      ? ['measure']
      : op === 'strike_goal'
        ? ['goal']
        : op === 'add_goal'
          ? ['section', 'goal']
          : ['section'];
  if (!allowed.includes(target.kind)) {
    throw invalid(
      'TARGET_KIND_MISMATCH',
      `${capitalise(OP_NOUN[op])} gjelder ${listWords(allowed.map((k) => ELEMENT_NOUN[k])).replace(/ og /, ' eller ')}, men ${describeCited(cited)} er ${describeElement(target.kind, target.address)}`,
    );
  }
  return target;
}

function measureTarget(plan: ExistingPlan, ref: string): ResolvedTarget {
  const measure = findMeasure(plan, ref);
  if (!measure) throw invalid('TARGET_NOT_FOUND', `Tiltak ${ref} finnes ikke i planen`);
  if (measure.struck) throw invalid('TARGET_STRUCK', `Tiltak ${ref} er strøket fra planen`);
  return { kind: 'measure', id: measure.id, address: measureAddress(plan, measure) };
}

function goalTarget(plan: ExistingPlan, ref: string): ResolvedTarget {
  const goal = findGoal(plan, ref);
  if (!goal) throw invalid('TARGET_NOT_FOUND', `Mål ${ref} finnes ikke i planen`);
  if (goal.struck) throw invalid('TARGET_STRUCK', `Mål ${ref} er strøket fra planen`);
  return { kind: 'goal', id: goal.id, address: goalAddress(plan, goal) };
}

function sectionTarget(plan: ExistingPlan, ref: string): ResolvedTarget {
  const section = findSection(plan, ref);
  if (!section) throw invalid('TARGET_NOT_FOUND', `Kapittel ${ref} finnes ikke i planen`);
  return { kind: 'section', id: section.id, address: section.number };
}

/** A new section's parent follows from its number: 4.5 goes under 4; 6 at the top. */
function parentOfNewSection(plan: ExistingPlan, fields: AmendmentFields): ResolvedTarget {
  const number = fields.section?.number?.trim();
  if (!number) throw invalid('MISSING_FIELD', 'Et nytt kapittel trenger nummer og tittel', 'section');
  const dot = number.lastIndexOf('.');
  if (dot < 0) return { kind: 'plan', id: plan.id, address: plan.id };
  const parent = findSection(plan, number.slice(0, dot));
  if (!parent) {
    throw invalid(
      'TARGET_NOT_FOUND',
      `Kapittel ${number.slice(0, dot)}, som det nye kapitlet ${number} skal stå under, finnes ikke i planen`,
      'section.number',
    );
  }
  return { kind: 'section', id: parent.id, address: parent.number };
}

function papersFor(papers: MeetingPapers | undefined): MeetingPapers {
  // The application always passes the meeting's papers where lines are cited.
  if (!papers) throw new Error('Lines are resolved in the meeting papers, and none were given');
  return papers;
}

/** The lines cited, checked against the papers: never outside them. */
function citedRange(cited: CitedTarget, papers: MeetingPapers): Lines {
  const written = cited.lines ?? cited.line ?? '';
  const range = parseCitedLines(written);
  if (!range)
    throw invalid(
      'INVALID_TARGET',
      `«${written}» er ikke en linje eller et linjeområde; skriv for eksempel «Linje 53» eller «Linje 50 tom 53»`,
    );
  const last = cited.new ? papers.last + 1 : papers.last;
  if (range.from < papers.first || range.to > last) {
    throw invalid(
      'LINES_OUTSIDE_PAPERS',
      `${capitalise(describeLines(range.from, range.to))} er utenfor sakspapirene, som har linje ${papers.first}–${papers.last}`,
      'target',
      { first: papers.first, last: papers.last },
    );
  }
  return range;
}

const describeCandidate = (e: PaperElement): string =>
  `${describeElement(e.kind, e.address)} (${describeLines(e.from, e.to)})`;

/**
 * "Ny linje N": where line N stands in the papers, and the section holding it (the line after
 * the last one: the section holding the last line).
 */
function newLine(
  cited: CitedTarget,
  papers: MeetingPapers | undefined,
): { line: PaperLine; section: ResolvedTarget; parentGoal: ResolvedTarget | undefined } {
  const all = papersFor(papers);
  const range = citedRange(cited, all);
  const n = Math.min(range.from, all.last);
  const line = all.lines.find((l) => l.no === n);
  if (!line?.section) {
    throw invalid(
      'TARGET_NOT_FOUND',
      `${capitalise(describeLines(n, n))} står ikke i noe kapittel (${line ? KIND_WORDS[line.kind] : 'ingen tekst'}); ny tekst må stå i et kapittel`,
    );
  }
  const section: ResolvedTarget = { kind: 'section', id: line.section.id, address: line.section.address };
  const goal =
    line.element?.kind === 'goal' ? all.elements.find((e) => e.id === line.element!.id) : undefined;
  const parent = goal?.parentGoalId ? all.elements.find((e) => e.id === goal.parentGoalId) : undefined;
  return {
    line,
    section,
    parentGoal: parent ? { kind: 'goal', id: parent.id, address: parent.address } : undefined,
  };
}

/** Tillegg on a new line adds a goal among goals and a measure elsewhere; a named operation stays. */
function newElementKind(opName: string, op: AmendmentOp, line: PaperLine): AmendmentOp {
  if (!SECTION_OPS.has(op))
    throw invalid(
      'INVALID_TARGET',
      `«Ny linje» er for ny tekst (et nytt tiltak eller mål); ${OP_NOUN[op]} siterer linjene den endrer`,
    );
  if (readAmendmentType(opName) !== 'Tillegg') return op;
  return line.kind === 'goal' || line.kind === 'goals' ? 'add_goal' : 'add_measure';
}

const KIND_WORDS: Record<PaperLine['kind'], string> = {
  title: 'planens tittel',
  abbreviations: 'forkortelseslisten',
  abbreviation: 'forkortelseslisten',
  heading: 'en overskrift',
  intro: 'innledningsteksten',
  goals: 'overskriften over målene',
  goal: 'et mål',
  measures: 'overskriften over tiltakene',
  measure: 'et tiltak',
  timing: 'gjennomføringen av et tiltak',
  responsible: 'ansvaret for et tiltak',
  blank: 'en tom linje',
};

function lineTarget(
  plan: ExistingPlan,
  cited: CitedTarget,
  op: AmendmentOp,
  fields: AmendmentFields,
  given: MeetingPapers | undefined,
): ResolvedTarget {
  const papers = papersFor(given);
  const range = citedRange(cited, papers);
  const where = describeLines(range.from, range.to);
  const covering = papers.elements.filter((e) => e.from <= range.to && e.to >= range.from);
  const toTarget = (e: PaperElement): ResolvedTarget =>
    e.kind === 'measure'
      ? measureTarget(plan, e.id)
      : e.kind === 'goal'
        ? goalTarget(plan, e.id)
        : sectionTarget(plan, e.id);
  if (SECTION_OPS.has(op)) {
    // The innermost section around the lines: the new element goes there.
    const sections = covering
      .filter((e) => e.kind === 'section')
      .sort((a, b) => a.to - a.from - (b.to - b.from));
    if (sections.length === 0)
      throw invalid('TARGET_NOT_FOUND', `${capitalise(where)} står ikke i noe kapittel`);
    return toTarget(sections[0]!);
  }
  const kinds: ReadonlySet<string> = TEXT_OPS.has(op)
    ? new Set(['measure', 'goal'])
    : op === 'strike_goal'
      ? new Set(['goal'])
      : new Set(['measure']);
  const wanted = [...kinds].map((k) => ELEMENT_NOUN[k as TargetKind]);
  let candidates = covering.filter((e) => kinds.has(e.kind));
  const quote = quotedText(op, fields);
  if (quote !== undefined && quote !== '') {
    const containing = candidates.filter((e) => (targetText(plan, toTarget(e)) ?? '').includes(quote));
    if (containing.length === 0) {
      // A section's title, cited by its heading's line.
      const titles = covering.filter(
        (e) =>
          e.kind === 'section' &&
          e.from >= range.from &&
          e.from <= range.to &&
          (plan.sections.get(e.id)?.title ?? '').includes(quote),
      );
      if (TEXT_OPS.has(op) && titles.length === 1) return toTarget(titles[0]!);
      const looked = candidates.length > 0 ? ` (${listWords(candidates.map(describeCandidate))})` : '';
      throw invalid(
        'TEXT_NOT_FOUND',
        `«${quote}» står ikke i noe ${listWords(wanted).replace(/ og /, ' eller ')} på ${where}${looked}`,
        quoteField(op),
      );
    }
    candidates = containing;
  }
  if (candidates.length === 0) {
    const on = papers.lines.filter((l) => l.no !== null && l.no >= range.from && l.no <= range.to);
    const what = [...new Set(on.map((l) => KIND_WORDS[l.kind]))];
    throw invalid(
      'TARGET_NOT_FOUND',
      `Det står ikke noe ${listWords(wanted).replace(/ og /, ' eller ')} på ${where}${what.length > 0 ? ` (der står ${listWords(what)})` : ''}`,
    );
  }
  if (candidates.length > 1) {
    throw invalid(
      'AMBIGUOUS_TARGET',
      `${capitalise(where)} gjelder flere: ${listWords(candidates.map(describeCandidate))}. Oppgi hvilket (for eksempel «${candidates[0]!.address}»), eller siter mer av teksten`,
      'target',
      { candidates: candidates.map((e) => e.address) },
    );
  }
  return toTarget(candidates[0]!);
}

export function quoteField(op: AmendmentOp): string {
  return op === 'replace_text' ? 'from' : op === 'insert_text' ? 'after' : 'text';
}
