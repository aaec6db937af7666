import {
  nextGoalNumber,
  noAddressesGiven,
  withGoalNumber,
  withLetter,
  type GivenAddresses,
} from './given-addresses.js';
import type { MeasureStatus } from './measure-status.js';
import { put, type Owned } from './owned-copies.js';
import type { Body, Lines, PlanEvent, Target } from './plan.events.js';

export interface SectionState {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly parentSectionId: string | undefined;
  /** Its introductory prose, as revised. */
  readonly intro: string | undefined;
  readonly lines: Lines | undefined;
}

export interface GoalState {
  readonly id: string;
  readonly sectionId: string;
  readonly parentGoalId: string | undefined;
  /** Its number under its section or parent goal ("3.1.g2" is 2): never reused, see addresses.ts. */
  readonly number: number;
  readonly text: string;
  readonly target: Target | undefined;
  readonly struck: boolean;
  readonly lines: Lines | undefined;
}

export interface MeasureState {
  readonly id: string;
  readonly sectionId: string;
  readonly label: string;
  /** Where it stood before it was moved: those letters are never given to another measure. */
  readonly earlierPlaces: readonly { readonly sectionId: string; readonly label: string }[];
  readonly text: string;
  readonly timing: string;
  readonly responsible: readonly string[];
  /** Named responsible parties that are not declared bodies ("Programkomitéene"). */
  readonly parties: readonly string[];
  readonly status: MeasureStatus;
  readonly struck: boolean;
  readonly lines: Lines | undefined;
}

export type PlanLifecycle = 'draft' | 'adopted' | 'superseded';

export interface ExistingPlan {
  readonly status: PlanLifecycle;
  readonly id: string;
  readonly organisationId: string;
  readonly title: string;
  readonly period: { readonly from: number; readonly to: number };
  readonly edition: string | undefined;
  readonly predecessorPlanId: string | undefined;
  readonly parentPlanId: string | undefined;
  readonly bodies: ReadonlyMap<string, Body>;
  /** How many times it has been adopted: 0 for a draft never adopted. */
  readonly adoptedRevision: number;
  /** Whether the text changed since the last adoption (an amended plan awaiting re-adoption). */
  readonly changedSinceAdoption: boolean;
  readonly sections: ReadonlyMap<string, SectionState>;
  readonly goals: ReadonlyMap<string, GoalState>;
  readonly measures: ReadonlyMap<string, MeasureState>;
  /** The letters and goal numbers given so far (derived from measures and goals; see given-addresses.ts). */
  readonly given: GivenAddresses;
}

export type PlanState = { readonly status: 'none' } | ExistingPlan;

export const initialPlanState = (): PlanState => ({ status: 'none' });

/**
 * Every field of a plan's state, by its part: the compiler checks each list against its type, so
 * a field added to (or dropped from) `MeasureState` and the others does not compile until it is
 * listed here. A snapshot's version derives from these lists (plan-snapshot.ts): a snapshot taken
 * before the state had a field is never read as a state that has it.
 */
export const PLAN_STATE_FIELDS = {
  plan: {
    status: true,
    id: true,
    organisationId: true,
    title: true,
    period: true,
    edition: true,
    predecessorPlanId: true,
    parentPlanId: true,
    bodies: true,
    adoptedRevision: true,
    changedSinceAdoption: true,
    sections: true,
    goals: true,
    measures: true,
    given: true,
  } satisfies Record<keyof ExistingPlan, true>,
  section: {
    id: true,
    number: true,
    title: true,
    parentSectionId: true,
    intro: true,
    lines: true,
  } satisfies Record<keyof SectionState, true>,
  goal: {
    id: true,
    sectionId: true,
    parentGoalId: true,
    number: true,
    text: true,
    target: true,
    struck: true,
    lines: true,
  } satisfies Record<keyof GoalState, true>,
  measure: {
    id: true,
    sectionId: true,
    label: true,
    earlierPlaces: true,
    text: true,
    timing: true,
    responsible: true,
    parties: true,
    status: true,
    struck: true,
    lines: true,
  } satisfies Record<keyof MeasureState, true>,
} as const;

/** Updates one entry of a map in the plan, if it is there. */
function update<V>(
  map: ReadonlyMap<string, V>,
  id: string,
  change: (value: V) => V,
  own: Owned | undefined,
): ReadonlyMap<string, V> {
  const value = map.get(id);
  return value === undefined ? map : put(map, id, change(value), own);
}

/** Text changes after an adoption make the plan an amended one, awaiting re-adoption. */
const amended = (plan: ExistingPlan): ExistingPlan => ({ ...plan, changedSinceAdoption: true });

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  return evolveOwning(state, event, undefined);
}

/**
 * An evolve for one fold that keeps only its last state (a whole stream, or a history read for
 * a page). It copies a map of the plan once and then changes its own copy in place, instead of
 * copying every map for every event: a plan followed up for years has thousands of events and
 * hundreds of measures. The states it is given are never changed; a state it returned is changed
 * by its next call, so keep only the last one. Use a new one for each fold.
 */
export function planFold(): (state: PlanState, event: PlanEvent) => PlanState {
  const own: Owned = new WeakSet();
  return (state, event) => evolveOwning(state, event, own);
}

function evolveOwning(state: PlanState, event: PlanEvent, own: Owned | undefined): PlanState {
  if (event.type === 'PlanCreated') {
    const d = event.data;
    return {
      status: 'draft',
      id: d.planId,
      organisationId: d.organisationId,
      title: d.title,
      period: d.period,
      edition: d.edition,
      predecessorPlanId: d.predecessorPlanId,
      parentPlanId: d.parentPlanId,
      bodies: new Map(d.bodies.map((b) => [b.code, b])),
      adoptedRevision: 0,
      changedSinceAdoption: false,
      sections: new Map(),
      goals: new Map(),
      measures: new Map(),
      given: noAddressesGiven(),
    };
  }
  if (state.status === 'none') return state;
  const plan = state;
  switch (event.type) {
    case 'PlanRetitled':
      return amended({ ...plan, title: event.data.to });
    case 'PlanLinked':
      return {
        ...plan,
        predecessorPlanId: event.data.predecessorPlanId ?? plan.predecessorPlanId,
        parentPlanId: event.data.parentPlanId ?? plan.parentPlanId,
      };
    case 'BodyDeclared':
      return {
        ...plan,
        bodies: put(plan.bodies, event.data.code, { code: event.data.code, name: event.data.name }, own),
      };
    case 'PlanAdopted':
      return {
        ...plan,
        status: 'adopted',
        adoptedRevision: event.data.revision,
        edition: event.data.edition ?? plan.edition,
        changedSinceAdoption: false,
      };
    case 'PlanSuperseded':
      return { ...plan, status: 'superseded' };
    case 'SectionAdded': {
      const d = event.data;
      const section = {
        id: d.sectionId,
        number: d.number,
        title: d.title,
        parentSectionId: d.parentSectionId,
        intro: d.intro,
        lines: d.lines,
      };
      return amended({ ...plan, sections: put(plan.sections, d.sectionId, section, own) });
    }
    case 'SectionRetitled':
      return amended({
        ...plan,
        sections: update(plan.sections, event.data.sectionId, (s) => ({ ...s, title: event.data.to }), own),
      });
    case 'SectionIntroRevised':
      return amended({
        ...plan,
        sections: update(
          plan.sections,
          event.data.sectionId,
          (s) => ({ ...s, intro: event.data.to === '' ? undefined : event.data.to }),
          own,
        ),
      });
    case 'GoalAdded': {
      const d = event.data;
      const goal: GoalState = {
        id: d.goalId,
        sectionId: d.sectionId,
        parentGoalId: d.parentGoalId,
        number: nextGoalNumber(plan.given, d.sectionId, d.parentGoalId),
        text: d.text,
        target: d.target,
        struck: false,
        lines: d.lines,
      };
      return amended({
        ...plan,
        goals: put(plan.goals, d.goalId, goal, own),
        given: withGoalNumber(plan.given, goal.sectionId, goal.parentGoalId, goal.number, own),
      });
    }
    case 'GoalReworded':
      return amended({
        ...plan,
        goals: update(plan.goals, event.data.goalId, (g) => ({ ...g, text: event.data.to }), own),
      });
    case 'GoalTargetSet':
      return amended({
        ...plan,
        goals: update(plan.goals, event.data.goalId, (g) => ({ ...g, target: event.data.to }), own),
      });
    case 'GoalStruck':
      return amended({
        ...plan,
        goals: update(plan.goals, event.data.goalId, (g) => ({ ...g, struck: true }), own),
      });
    case 'IndicatorMeasured':
      return plan;
    case 'MeasureAdded': {
      const d = event.data;
      const measure: MeasureState = {
        id: d.measureId,
        sectionId: d.sectionId,
        label: d.label,
        earlierPlaces: [],
        text: d.text,
        timing: d.timing,
        responsible: d.responsible,
        parties: d.responsibleParties ?? [],
        status: 'not_started',
        struck: false,
        lines: d.lines,
      };
      return amended({
        ...plan,
        measures: put(plan.measures, d.measureId, measure, own),
        given: withLetter(plan.given, d.sectionId, d.label, own),
      });
    }
    case 'MeasureReworded':
      return amended({
        ...plan,
        measures: update(plan.measures, event.data.measureId, (m) => ({ ...m, text: event.data.to }), own),
      });
    case 'MeasureMoved':
      return amended({
        ...plan,
        measures: update(
          plan.measures,
          event.data.measureId,
          (m) => ({
            ...m,
            sectionId: event.data.toSectionId,
            label: event.data.toLabel,
            earlierPlaces: [...m.earlierPlaces, { sectionId: m.sectionId, label: m.label }],
          }),
          own,
        ),
        given: withLetter(plan.given, event.data.toSectionId, event.data.toLabel, own),
      });
    case 'MeasureRetimed':
      return amended({
        ...plan,
        measures: update(plan.measures, event.data.measureId, (m) => ({ ...m, timing: event.data.to }), own),
      });
    case 'MeasureReassigned':
      return amended({
        ...plan,
        measures: update(
          plan.measures,
          event.data.measureId,
          (m) => ({ ...m, responsible: event.data.to, parties: event.data.toParties ?? m.parties }),
          own,
        ),
      });
    case 'MeasureStruck':
      return amended({
        ...plan,
        measures: update(plan.measures, event.data.measureId, (m) => ({ ...m, struck: true }), own),
      });
    case 'MeasureStatusChanged':
      return {
        ...plan,
        measures: update(plan.measures, event.data.measureId, (m) => ({ ...m, status: event.data.to }), own),
      };
    case 'ProgressNoted':
    case 'LineageConfirmed':
    case 'LineageRejected':
      return plan;

    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The measures still in the plan (not struck). */
export function liveMeasures(plan: ExistingPlan): MeasureState[] {
  return [...plan.measures.values()].filter((m) => !m.struck);
}
