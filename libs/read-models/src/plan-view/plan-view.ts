import {
  dueDate,
  goalAddress,
  isOverdue,
  measureAddress,
  parseTiming,
  type Body,
  type ExistingPlan,
  type GoalState,
  type Lines,
  type MeasureState,
  type MeasureStatus,
  type PlanLifecycle,
  type Target,
  type Timing,
} from '@app/domain';
import type { AdoptionEntry, FollowUpEntry, MeasurementEntry, PlanTimeline } from './plan-timeline.js';

/** What the view says of a measure that its state does not, or says otherwise (lists copied, absent as null). */
interface MeasureViewFields {
  readonly id: string;
  readonly sectionId: string;
  readonly label: string;
  /** "4.2.J": section number and label, how plans and amendments address a measure. */
  readonly address: string;
  readonly text: string;
  readonly timing: string;
  readonly timingParsed: Timing;
  readonly due: string | null;
  readonly overdue: boolean;
  /** Declared body codes, the lead first. */
  readonly responsible: string[];
  /** Named responsible parties that are not declared bodies ("Programkomitéene"). */
  readonly parties: string[];
  readonly responsibleNote: string | null;
  readonly status: MeasureStatus;
  readonly statusNote: string | null;
  readonly statusChangedAt: string | null;
  readonly followUp: readonly FollowUpEntry[];
  readonly lines: Lines | null;
}

/** What a measure's state keeps for the fold and the decider only: where it stood before, and whether it is struck (a struck measure is not in the view). */
type NotViewed = 'earlierPlaces' | 'struck';

/**
 * A measure as the plan view shows it: `MeasureViewFields`, and every other field of its state
 * as the state has it. A field added to `MeasureState` is in the view without a change here
 * (optional, since a view kept as JSON drops an undefined field).
 */
export interface MeasureView
  extends MeasureViewFields, Partial<Omit<MeasureState, NotViewed | keyof MeasureViewFields>> {}

/** Everyone responsible for a measure, as the pages and reports list them: its bodies, the lead first, then its named parties. */
export function responsibleNames(m: Pick<MeasureView, 'responsible' | 'parties'>): string[] {
  return [...m.responsible, ...m.parties];
}

export interface GoalView {
  readonly id: string;
  readonly address: string;
  readonly text: string;
  readonly target: Target | null;
  readonly measurements: readonly MeasurementEntry[];
  readonly goals: GoalView[];
  readonly lines: Lines | null;
}

export interface SectionView {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly intro: string | null;
  readonly goals: GoalView[];
  readonly measures: MeasureView[];
  readonly sections: SectionView[];
  readonly lines: Lines | null;
}

/** A measure or goal struck from the plan: it keeps its address, which no other element gets. */
export interface StruckElement {
  readonly id: string;
  readonly address: string;
  readonly text: string;
}

export interface PlanView {
  readonly id: string;
  readonly organisationId: string;
  readonly title: string;
  readonly period: { from: number; to: number };
  readonly edition: string | null;
  readonly status: PlanLifecycle;
  /** How many times it has been adopted (revision 1, 2, ...); 0 for a draft never adopted. */
  readonly adoptedRevision: number;
  readonly changedSinceAdoption: boolean;
  readonly predecessorPlanId: string | null;
  readonly parentPlanId: string | null;
  readonly bodies: Body[];
  /** The plan stream's revision this view reflects; send it back as If-Match. */
  readonly revision: number;
  readonly adoptions: readonly AdoptionEntry[];
  readonly measurements: readonly MeasurementEntry[];
  readonly sections: SectionView[];
  /** What was struck from the plan, so history and reports can still name it ("Tiltak 4.1.D"). */
  readonly struck: { readonly measures: StruckElement[]; readonly goals: StruckElement[] };
}

/** "4.10" after "4.9", "5" after "4.4". */
export function compareSectionNumbers(a: string, b: string): number {
  return a.localeCompare(b, 'nb', { numeric: true });
}

/** A..Z before AA. */
export function compareLabels(a: string, b: string): number {
  return a.length - b.length || a.localeCompare(b, 'nb');
}

/**
 * The plan as people read it: sections in number order with their goals and live measures.
 * `today` decides which measures are overdue (the as-of date for a plan seen in the past).
 */
export function renderPlanView(timeline: PlanTimeline, today: string): PlanView | undefined {
  const plan = timeline.state;
  if (plan.status === 'none') return undefined;
  const sections = [...plan.sections.values()].sort((a, b) => compareSectionNumbers(a.number, b.number));
  const build = (parentId: string | undefined): SectionView[] =>
    sections
      .filter((s) => s.parentSectionId === parentId)
      .map((s) => ({
        id: s.id,
        number: s.number,
        title: s.title,
        intro: timeline.intros.get(s.id) ?? null,
        goals: goalsOf(plan, timeline, s.id, undefined),
        measures: [...plan.measures.values()]
          .filter((m) => m.sectionId === s.id && !m.struck)
          .sort((a, b) => compareLabels(a.label, b.label))
          .map((m) => measureView(plan, timeline, m, today)),
        sections: build(s.id),
        lines: s.lines ?? null,
      }));
  return {
    id: plan.id,
    organisationId: plan.organisationId,
    title: plan.title,
    period: { from: plan.period.from, to: plan.period.to },
    edition: plan.edition ?? null,
    status: plan.status,
    adoptedRevision: plan.adoptedRevision,
    changedSinceAdoption: plan.changedSinceAdoption,
    predecessorPlanId: plan.predecessorPlanId ?? null,
    parentPlanId: plan.parentPlanId ?? null,
    bodies: [...plan.bodies.values()],
    revision: timeline.streamRevision,
    adoptions: timeline.adoptions,
    measurements: timeline.measurements.filter((m) => m.goalId === undefined),
    sections: build(undefined),
    struck: {
      measures: [...plan.measures.values()]
        .filter((m) => m.struck)
        .map((m) => ({ id: m.id, address: measureAddress(plan, m), text: m.text })),
      goals: [...plan.goals.values()]
        .filter((g) => g.struck)
        .map((g) => ({ id: g.id, address: goalAddress(plan, g), text: g.text })),
    },
  };
}

/**
 * The view as any day sees it but for overdue, the only part of it that depends on the day:
 * rendered as of no day (the empty string sorts before every due date, so nothing is overdue),
 * to be kept as JSON and read back for a day by `planViewFromJson`.
 */
export function renderDaylessView(timeline: PlanTimeline): PlanView | undefined {
  return renderPlanView(timeline, '');
}

/** A dayless view kept as JSON, as `renderPlanView` gives it on `today`. */
export function planViewFromJson(text: string, today: string): PlanView {
  const view = JSON.parse(text) as PlanView;
  const mark = (sections: readonly SectionView[]): void => {
    for (const section of sections) {
      for (const m of section.measures)
        (m as { overdue: boolean }).overdue = isOverdue(m.timingParsed, m.status, today);
      mark(section.sections);
    }
  };
  mark(view.sections);
  return view;
}

function goalsOf(
  plan: ExistingPlan,
  timeline: PlanTimeline,
  sectionId: string,
  parentGoalId: string | undefined,
): GoalView[] {
  const goals = [...plan.goals.values()]
    .filter((g: GoalState) => g.sectionId === sectionId && g.parentGoalId === parentGoalId && !g.struck)
    .sort((a, b) => a.number - b.number);
  return goals.map((g) => ({
    id: g.id,
    address: goalAddress(plan, g),
    text: g.text,
    target: g.target ?? null,
    measurements: timeline.measurements.filter((m) => m.goalId === g.id),
    goals: goalsOf(plan, timeline, sectionId, g.id),
    lines: g.lines ?? null,
  }));
}

function measureView(
  plan: ExistingPlan,
  timeline: PlanTimeline,
  m: MeasureState,
  today: string,
): MeasureView {
  const timing = parseTiming(m.timing, { periodFrom: plan.period.from, periodTo: plan.period.to });
  const followUp = timeline.followUp.get(m.id) ?? [];
  const lastStatus = [...followUp].reverse().find((f) => f.status !== undefined);
  const {
    earlierPlaces: _earlierPlaces,
    struck: _struck,
    id,
    sectionId,
    label,
    text,
    timing: written,
    responsible,
    parties,
    status,
    lines,
    ...asInState
  } = m;
  return {
    id,
    sectionId,
    label,
    address: measureAddress(plan, m),
    text,
    timing: written,
    timingParsed: timing,
    due: dueDate(timing) ?? null,
    overdue: isOverdue(timing, status, today),
    responsible: [...responsible],
    parties: [...parties],
    responsibleNote: timeline.responsibleNotes.get(m.id) ?? null,
    status,
    statusNote: lastStatus?.note ?? null,
    statusChangedAt: lastStatus?.at ?? null,
    followUp,
    lines: lines ?? null,
    ...asInState,
  };
}
