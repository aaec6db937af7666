import type { DomainEvent } from '../shared/decider.js';
import type { MeasureStatus } from './measure-status.js';

export interface Body {
  readonly code: string;
  readonly name: string;
}

/** Lines of the document a meeting received (or the imported source) an element stood on. */
export interface Lines {
  readonly from: number;
  readonly to: number;
}

export interface Target {
  readonly metric: string;
  readonly value: number;
  /** ISO date. */
  readonly by?: string;
}

type PlanEventOf<Type extends string, Data> = DomainEvent<Type, Data & { planId: string }>;

// Plan lifecycle and links
export type PlanCreated = PlanEventOf<
  'PlanCreated',
  {
    organisationId: string;
    title: string;
    period: { from: number; to: number };
    edition?: string;
    bodies: Body[];
    predecessorPlanId?: string;
    parentPlanId?: string;
  }
>;
export type PlanRetitled = PlanEventOf<'PlanRetitled', { from: string; to: string }>;
export type PlanLinked = PlanEventOf<'PlanLinked', { predecessorPlanId?: string; parentPlanId?: string }>;
export type BodyDeclared = PlanEventOf<'BodyDeclared', { code: string; name: string }>;
export type PlanAdopted = PlanEventOf<
  'PlanAdopted',
  {
    /** 1 for the first adoption, then 2, 3... for each re-adoption (annual editions). */
    revision: number;
    body: string;
    /** ISO date of the decision. */
    date: string;
    decisionRef?: string;
    edition?: string;
  }
>;
export type PlanSuperseded = PlanEventOf<'PlanSuperseded', { byPlanId: string }>;

// Structure
export type SectionAdded = PlanEventOf<
  'SectionAdded',
  {
    sectionId: string;
    number: string;
    title: string;
    parentSectionId?: string;
    intro?: string;
    lines?: Lines;
  }
>;
export type SectionRetitled = PlanEventOf<'SectionRetitled', { sectionId: string; from: string; to: string }>;
/** The section's introductory prose changed (an empty `to`: it has none now). */
export type SectionIntroRevised = PlanEventOf<
  'SectionIntroRevised',
  { sectionId: string; from: string; to: string }
>;

export type GoalAdded = PlanEventOf<
  'GoalAdded',
  { goalId: string; sectionId: string; parentGoalId?: string; text: string; target?: Target; lines?: Lines }
>;
export type GoalReworded = PlanEventOf<'GoalReworded', { goalId: string; from: string; to: string }>;
export type GoalTargetSet = PlanEventOf<'GoalTargetSet', { goalId: string; from?: Target; to: Target }>;
export type GoalStruck = PlanEventOf<'GoalStruck', { goalId: string; reason: string }>;
/** A measured value of an indicator (members at 31.12.2019), on a goal or on the plan as a whole. */
export type IndicatorMeasured = PlanEventOf<
  'IndicatorMeasured',
  { goalId?: string; metric: string; value: number; at: string; note?: string }
>;

export type MeasureAdded = PlanEventOf<
  'MeasureAdded',
  {
    measureId: string;
    sectionId: string;
    label: string;
    text: string;
    /** As written ("Høst 2026", "Kontinuerlig"); never rejected, parsed where possible by readers. */
    timing: string;
    /** Body codes; the first is the lead. */
    responsible: string[];
    /**
     * Who else is responsible, named as the plan writes them but not a declared body
     * ("Programkomitéene", "Alle", "Skeive sosialister (FS)"). Absent in events from before
     * named parties were kept, which had them only in responsibleNote.
     */
    responsibleParties?: string[];
    responsibleNote?: string;
    lines?: Lines;
  }
>;
export type MeasureReworded = PlanEventOf<'MeasureReworded', { measureId: string; from: string; to: string }>;
export type MeasureMoved = PlanEventOf<
  'MeasureMoved',
  { measureId: string; fromSectionId: string; toSectionId: string; fromLabel: string; toLabel: string }
>;
export type MeasureRetimed = PlanEventOf<'MeasureRetimed', { measureId: string; from: string; to: string }>;
export type MeasureReassigned = PlanEventOf<
  'MeasureReassigned',
  {
    measureId: string;
    from: string[];
    to: string[];
    /** The named parties before and after, when they changed (absent: the parties stayed as they were). */
    fromParties?: string[];
    toParties?: string[];
    reason?: string;
  }
>;
export type MeasureStruck = PlanEventOf<'MeasureStruck', { measureId: string; reason: string }>;

// Follow-up
export type MeasureStatusChanged = PlanEventOf<
  'MeasureStatusChanged',
  {
    measureId: string;
    from: MeasureStatus;
    to: MeasureStatus;
    note?: string;
    /** For continuous and annual measures: the period reported on ("2026", "2026-H1"). */
    period?: string;
  }
>;
export type ProgressNoted = PlanEventOf<
  'ProgressNoted',
  { measureId: string; note: string; period?: string }
>;

export type PlanEvent =
  | PlanCreated
  | PlanRetitled
  | PlanLinked
  | BodyDeclared
  | PlanAdopted
  | PlanSuperseded
  | SectionAdded
  | SectionRetitled
  | SectionIntroRevised
  | GoalAdded
  | GoalReworded
  | GoalTargetSet
  | GoalStruck
  | IndicatorMeasured
  | MeasureAdded
  | MeasureReworded
  | MeasureMoved
  | MeasureRetimed
  | MeasureReassigned
  | MeasureStruck
  | MeasureStatusChanged
  | ProgressNoted
  | LineageConfirmed
  | LineageRejected;

// Lineage: which elements of the predecessor plan this plan's elements continue.
export type LineageKind = 'unchanged' | 'reworded' | 'merged' | 'split';
/** A person confirmed (or corrected) that these elements of the predecessor continue in these of this plan. */
export type LineageConfirmed = PlanEventOf<
  'LineageConfirmed',
  { fromPlanId: string; from: string[]; to: string[]; kind: LineageKind; note?: string }
>;
/** A person rejected a suggested link: these elements do not continue those. */
export type LineageRejected = PlanEventOf<
  'LineageRejected',
  { fromPlanId: string; from: string[]; to: string[]; note?: string }
>;
export type PlanEventType = PlanEvent['type'];

const TYPES: Record<PlanEventType, true> = {
  PlanCreated: true,
  PlanRetitled: true,
  PlanLinked: true,
  BodyDeclared: true,
  PlanAdopted: true,
  PlanSuperseded: true,
  SectionAdded: true,
  SectionRetitled: true,
  SectionIntroRevised: true,
  GoalAdded: true,
  GoalReworded: true,
  GoalTargetSet: true,
  GoalStruck: true,
  IndicatorMeasured: true,
  MeasureAdded: true,
  MeasureReworded: true,
  MeasureMoved: true,
  MeasureRetimed: true,
  MeasureReassigned: true,
  MeasureStruck: true,
  MeasureStatusChanged: true,
  ProgressNoted: true,
  LineageConfirmed: true,
  LineageRejected: true,
};

export const PLAN_EVENT_TYPES = Object.keys(TYPES) as PlanEventType[];

export function isPlanEvent(event: { type: string }): event is PlanEvent {
  return Object.hasOwn(TYPES, event.type);
}
