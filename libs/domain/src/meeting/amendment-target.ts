import { DomainError } from '../shared/domain-error.js';
import { goalAddress, goalAddresses, measureAddress } from '../plan/addresses.js';
import type { Lines } from '../plan/plan.events.js';
import type { ExistingPlan, GoalState, MeasureState, SectionState } from '../plan/plan.state.js';
import type { AmendmentFields, AmendmentOp, CitedTarget, ResolvedTarget } from './meeting.types.js';

/** An element of a plan and the lines it stands on in the document a meeting received. */
export interface ElementLines {
  readonly kind: 'section' | 'goal' | 'measure';
  readonly id: string;
  readonly from: number;
  readonly to: number;
}

const invalid = (code: string, message: string, field = 'target'): DomainError =>
  new DomainError(code, 'invalid', message, { field });

export function findSection(plan: ExistingPlan, ref: string): SectionState | undefined {
  const wanted = ref.trim();
  return plan.sections.get(wanted) ?? [...plan.sections.values()].find((s) => s.number === wanted);
}

/** A measure by id or by "section.label"; struck ones too, so the caller can say it was struck. */
export function findMeasure(plan: ExistingPlan, ref: string): MeasureState | undefined {
  const wanted = ref.trim();
  const byId = plan.measures.get(wanted);
  if (byId) return byId;
  const dot = wanted.lastIndexOf('.');
  if (dot < 1) return undefined;
  const section = findSection(plan, wanted.slice(0, dot));
  const label = wanted.slice(dot + 1).toUpperCase();
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

/** The lines each element kept from the document it was imported from; empty for a plan built by hand. */
export function documentLineIndex(plan: ExistingPlan): ElementLines[] {
  const index: ElementLines[] = [];
  const add = (kind: ElementLines['kind'], id: string, lines: Lines | undefined): void => {
    if (lines) index.push({ kind, id, from: lines.from, to: lines.to });
  };
  for (const s of plan.sections.values()) add('section', s.id, s.lines);
  for (const g of plan.goals.values()) if (!g.struck) add('goal', g.id, g.lines);
  for (const m of plan.measures.values()) if (!m.struck) add('measure', m.id, m.lines);
  return index;
}

/** "50-53", "50 tom 53", "Linje 50 til 53", "38/39", "53": a range of lines. */
export function parseCitedLines(cited: string | number): Lines | undefined {
  const numbers = String(cited).match(/\d+/g)?.map(Number) ?? [];
  if (numbers.length === 0 || numbers.length > 2) return undefined;
  const from = numbers[0]!;
  const to = numbers[1] ?? from;
  if (from < 1 || to < from) return undefined;
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
  if (cited.measure !== undefined) return `measure ${cited.measure}`;
  if (cited.goal !== undefined) return `goal ${cited.goal}`;
  if (cited.section !== undefined) return `section ${cited.section}`;
  if (cited.lines !== undefined) return `lines ${cited.lines}`;
  if (cited.line !== undefined) return `${cited.new ? 'new line' : 'line'} ${cited.line}`;
  return 'no target';
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
  lineIndex: readonly ElementLines[] = documentLineIndex(plan),
): ResolvedTarget {
  if (op === 'add_section') return parentOfNewSection(plan, fields);
  const given = [cited.measure, cited.goal, cited.section, cited.lines, cited.line].filter(
    (v) => v !== undefined,
  );
  if (given.length !== 1) {
    throw invalid('INVALID_TARGET', 'target must name exactly one of measure, goal, section, lines or line');
  }
  let target: ResolvedTarget;
  if (cited.measure !== undefined) target = measureTarget(plan, cited.measure);
  else if (cited.goal !== undefined) target = goalTarget(plan, cited.goal);
  else if (cited.section !== undefined) target = sectionTarget(plan, cited.section);
  else target = lineTarget(plan, cited, op, fields, lineIndex);

  // A new measure or goal goes into a section: citing a measure or goal names its section.
  if (SECTION_OPS.has(op)) {
    if (target.kind === 'measure') target = sectionTarget(plan, plan.measures.get(target.id)!.sectionId);
    else if (target.kind === 'goal' && op === 'add_measure')
      target = sectionTarget(plan, plan.goals.get(target.id)!.sectionId);
  }
  const allowed: ReadonlySet<string> = TEXT_OPS.has(op)
    ? new Set(['measure', 'goal', 'section'])
    : MEASURE_OPS.has(op)
      ? new Set(['measure'])
      : op === 'strike_goal'
        ? new Set(['goal'])
        : op === 'add_goal'
          ? new Set(['section', 'goal'])
          : new Set(['section']);
  if (!allowed.has(target.kind)) {
    throw invalid(
      'TARGET_KIND_MISMATCH',
      `${op} cannot apply to ${target.kind} ${target.address} (${describeCited(cited)}); it needs a ${[...allowed].join(' or ')}`,
    );
  }
  return target;
}

function measureTarget(plan: ExistingPlan, ref: string): ResolvedTarget {
  const measure = findMeasure(plan, ref);
  if (!measure) throw invalid('TARGET_NOT_FOUND', `Measure ${ref} is not in the plan`);
  if (measure.struck) throw invalid('TARGET_STRUCK', `Measure ${ref} has been struck from the plan`);
  return { kind: 'measure', id: measure.id, address: measureAddress(plan, measure) };
}

function goalTarget(plan: ExistingPlan, ref: string): ResolvedTarget {
  const goal = findGoal(plan, ref);
  if (!goal) throw invalid('TARGET_NOT_FOUND', `Goal ${ref} is not in the plan`);
  if (goal.struck) throw invalid('TARGET_STRUCK', `Goal ${ref} has been struck from the plan`);
  return { kind: 'goal', id: goal.id, address: goalAddress(plan, goal) };
}

function sectionTarget(plan: ExistingPlan, ref: string): ResolvedTarget {
  const section = findSection(plan, ref);
  if (!section) throw invalid('TARGET_NOT_FOUND', `Section ${ref} is not in the plan`);
  return { kind: 'section', id: section.id, address: section.number };
}

/** A new section's parent follows from its number: 4.5 goes under 4; 6 at the top. */
function parentOfNewSection(plan: ExistingPlan, fields: AmendmentFields): ResolvedTarget {
  const number = fields.section?.number?.trim();
  if (!number)
    throw invalid('MISSING_FIELD', 'add_section needs section.number and section.title', 'section');
  const dot = number.lastIndexOf('.');
  if (dot < 0) return { kind: 'plan', id: plan.id, address: plan.id };
  const parent = findSection(plan, number.slice(0, dot));
  if (!parent) {
    throw invalid(
      'TARGET_NOT_FOUND',
      `Section ${number.slice(0, dot)}, the parent of the new section ${number}, is not in the plan`,
      'section.number',
    );
  }
  return { kind: 'section', id: parent.id, address: parent.number };
}

function lineTarget(
  plan: ExistingPlan,
  cited: CitedTarget,
  op: AmendmentOp,
  fields: AmendmentFields,
  lineIndex: readonly ElementLines[],
): ResolvedTarget {
  const range = parseCitedLines(cited.lines ?? cited.line ?? '');
  if (!range)
    throw invalid('INVALID_TARGET', `"${cited.lines ?? cited.line}" is not a line or a range of lines`);
  const where = range.from === range.to ? `line ${range.from}` : `lines ${range.from}-${range.to}`;
  const covering = lineIndex.filter((e) => e.from <= range.to && e.to >= range.from);
  if (covering.length === 0) throw invalid('TARGET_NOT_FOUND', `No element of the plan is on ${where}`);
  const toTarget = (e: ElementLines): ResolvedTarget =>
    e.kind === 'measure'
      ? measureTarget(plan, e.id)
      : e.kind === 'goal'
        ? goalTarget(plan, e.id)
        : sectionTarget(plan, e.id);

  if (SECTION_OPS.has(op) || cited.new) {
    // The innermost section around the line: the new element goes there.
    const sections = covering
      .filter((e) => e.kind === 'section')
      .sort((a, b) => a.to - a.from - (b.to - b.from));
    if (sections.length === 0) throw invalid('TARGET_NOT_FOUND', `No section of the plan is on ${where}`);
    return toTarget(sections[0]!);
  }
  const kinds: ReadonlySet<string> = TEXT_OPS.has(op)
    ? new Set(['measure', 'goal'])
    : op === 'strike_goal'
      ? new Set(['goal'])
      : new Set(['measure']);
  let candidates = covering.filter((e) => kinds.has(e.kind));
  const quote = quotedText(op, fields);
  if (quote !== undefined && quote !== '') {
    const containing = candidates.filter((e) => (targetText(plan, toTarget(e)) ?? '').includes(quote));
    if (containing.length === 0) {
      // A section title cited by its line.
      const titles = covering.filter(
        (e) => e.kind === 'section' && (plan.sections.get(e.id)?.title ?? '').includes(quote),
      );
      if (TEXT_OPS.has(op) && titles.length === 1) return toTarget(titles[0]!);
      throw invalid('TEXT_NOT_FOUND', `No element on ${where} contains "${quote}"`, quoteField(op));
    }
    candidates = containing;
  }
  if (candidates.length === 0)
    throw invalid('TARGET_NOT_FOUND', `No ${[...kinds].join(' or ')} is on ${where}`);
  if (candidates.length > 1) {
    const addresses = candidates.map((e) => toTarget(e).address).join(', ');
    throw invalid(
      'AMBIGUOUS_TARGET',
      `${where[0]!.toUpperCase()}${where.slice(1)} ${candidates.length === 1 ? 'holds' : 'hold'} ${addresses}; cite the measure or goal, or quote more of the text`,
    );
  }
  return toTarget(candidates[0]!);
}

export function quoteField(op: AmendmentOp): string {
  return op === 'replace_text' ? 'from' : op === 'insert_text' ? 'after' : 'text';
}
