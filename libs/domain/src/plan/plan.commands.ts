import type { CommandContext } from '../shared/decider.js';
import type { MeasureStatus } from './measure-status.js';
import type { Body, LineageKind, Lines, Target } from './plan.events.js';

type PlanCommandOf<Type extends string, Data> = CommandContext & { readonly type: Type } & Readonly<Data>;

export type CreatePlan = PlanCommandOf<
  'CreatePlan',
  {
    planId: string;
    organisationId: string;
    title: string;
    period: { readonly from: number; readonly to: number };
    edition?: string;
    bodies?: readonly Body[];
    predecessorPlanId?: string;
    parentPlanId?: string;
  }
>;
export type RetitlePlan = PlanCommandOf<'RetitlePlan', { title: string }>;
export type LinkPlan = PlanCommandOf<'LinkPlan', { predecessorPlanId?: string; parentPlanId?: string }>;
export type DeclareBody = PlanCommandOf<
  'DeclareBody',
  {
    code: string;
    name: string;
    /** A named responsible party the new body stands for: every live measure naming it gets the body instead. */
    forParty?: string;
  }
>;
export type AdoptPlan = PlanCommandOf<
  'AdoptPlan',
  { body: string; date: string; decisionRef?: string; edition?: string }
>;
export type SupersedePlan = PlanCommandOf<'SupersedePlan', { byPlanId: string }>;

export type AddSection = PlanCommandOf<
  'AddSection',
  {
    sectionId: string;
    number: string;
    title: string;
    parentSectionId?: string;
    intro?: string;
    lines?: Lines;
  }
>;
export type RetitleSection = PlanCommandOf<'RetitleSection', { sectionId: string; title: string }>;
/** Rewrites a section's introductory prose; an empty intro removes it. */
export type ReviseSectionIntro = PlanCommandOf<'ReviseSectionIntro', { sectionId: string; intro: string }>;

export type AddGoal = PlanCommandOf<
  'AddGoal',
  { goalId: string; sectionId: string; parentGoalId?: string; text: string; target?: Target; lines?: Lines }
>;
export type RewordGoal = PlanCommandOf<'RewordGoal', { goalId: string; text: string }>;
export type SetGoalTarget = PlanCommandOf<'SetGoalTarget', { goalId: string; target: Target }>;
export type StrikeGoal = PlanCommandOf<'StrikeGoal', { goalId: string; reason: string }>;
export type RecordMeasurement = PlanCommandOf<
  'RecordMeasurement',
  { goalId?: string; metric: string; value: number; at: string; note?: string }
>;

export type AddMeasure = PlanCommandOf<
  'AddMeasure',
  {
    measureId: string;
    sectionId: string;
    /** Without a label, the next free letter of the section (A, B, ... Z, AA, AB ...). */
    label?: string;
    text: string;
    /** When ("Gjennomføring"), as written: "Vår 2026", "Kontinuerlig". */
    timing?: string;
    /** Body codes ("Ansvar"); the first is the lead. */
    responsible?: readonly string[];
    /** Responsible parties that are not declared bodies, as written; one that names a declared body becomes that body. */
    responsibleParties?: readonly string[];
    /** What the Ansvar says beyond its bodies and parties ("FS (eller SV sentralt)"). */
    responsibleNote?: string;
    /** Lines of the source document it stood on (1-based, inclusive). */
    lines?: Lines;
    /** Bodies of the plan's organisation, which a measure may name besides the plan's own. */
    organisationBodies?: readonly string[];
  }
>;
export type RewordMeasure = PlanCommandOf<'RewordMeasure', { measureId: string; text: string }>;
export type MoveMeasure = PlanCommandOf<
  'MoveMeasure',
  { measureId: string; sectionId: string; label?: string }
>;
export type RetimeMeasure = PlanCommandOf<'RetimeMeasure', { measureId: string; timing: string }>;
export type ReassignMeasure = PlanCommandOf<
  'ReassignMeasure',
  {
    measureId: string;
    responsible: readonly string[];
    /** The named parties; absent: they stay as they are. */
    responsibleParties?: readonly string[];
    reason?: string;
    organisationBodies?: readonly string[];
  }
>;
export type StrikeMeasure = PlanCommandOf<'StrikeMeasure', { measureId: string; reason: string }>;

export type ChangeMeasureStatus = PlanCommandOf<
  'ChangeMeasureStatus',
  { measureId: string; status: MeasureStatus; note?: string; period?: string }
>;
export type NoteProgress = PlanCommandOf<
  'NoteProgress',
  { measureId: string; note: string; period?: string }
>;

export type PlanCommand =
  | CreatePlan
  | RetitlePlan
  | LinkPlan
  | DeclareBody
  | AdoptPlan
  | SupersedePlan
  | AddSection
  | RetitleSection
  | ReviseSectionIntro
  | AddGoal
  | RewordGoal
  | SetGoalTarget
  | StrikeGoal
  | RecordMeasurement
  | AddMeasure
  | RewordMeasure
  | MoveMeasure
  | RetimeMeasure
  | ReassignMeasure
  | StrikeMeasure
  | ChangeMeasureStatus
  | NoteProgress
  | ConfirmLineage
  | RejectLineage;

export type ConfirmLineage = PlanCommandOf<
  'ConfirmLineage',
  {
    fromPlanId: string;
    from: readonly string[];
    to: readonly string[];
    kind: LineageKind;
    note?: string;
    /** Element ids of the predecessor plan, so the decider can check `from` (the handler loads them). */
    predecessorElements?: readonly string[];
  }
>;
export type RejectLineage = PlanCommandOf<
  'RejectLineage',
  {
    fromPlanId: string;
    from: readonly string[];
    to: readonly string[];
    note?: string;
    predecessorElements?: readonly string[];
  }
>;
