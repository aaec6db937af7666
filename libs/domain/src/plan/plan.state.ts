import type { MeasureStatus } from './measure-status.js';
import type { Body, Lines, PlanEvent, Target } from './plan.events.js';

export interface SectionState {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly parentSectionId: string | undefined;
  readonly lines: Lines | undefined;
}

export interface GoalState {
  readonly id: string;
  readonly sectionId: string;
  readonly parentGoalId: string | undefined;
  readonly text: string;
  readonly target: Target | undefined;
  readonly struck: boolean;
  readonly lines: Lines | undefined;
}

export interface MeasureState {
  readonly id: string;
  readonly sectionId: string;
  readonly label: string;
  readonly text: string;
  readonly timing: string;
  readonly responsible: readonly string[];
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
}

export type PlanState = { readonly status: 'none' } | ExistingPlan;

export const initialPlanState = (): PlanState => ({ status: 'none' });

function put<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  return new Map(map).set(key, value);
}

/** Updates one entry of a map in the plan, if it is there. */
function update<V>(map: ReadonlyMap<string, V>, id: string, change: (value: V) => V): ReadonlyMap<string, V> {
  const value = map.get(id);
  return value === undefined ? map : put(map, id, change(value));
}

/** Text changes after an adoption make the plan an amended one, awaiting re-adoption. */
const amended = (plan: ExistingPlan): ExistingPlan => ({ ...plan, changedSinceAdoption: true });

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
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
        bodies: put(plan.bodies, event.data.code, { code: event.data.code, name: event.data.name }),
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
        lines: d.lines,
      };
      return amended({ ...plan, sections: put(plan.sections, d.sectionId, section) });
    }
    case 'SectionRetitled':
      return amended({
        ...plan,
        sections: update(plan.sections, event.data.sectionId, (s) => ({ ...s, title: event.data.to })),
      });
    case 'GoalAdded': {
      const d = event.data;
      const goal = {
        id: d.goalId,
        sectionId: d.sectionId,
        parentGoalId: d.parentGoalId,
        text: d.text,
        target: d.target,
        struck: false,
        lines: d.lines,
      };
      return amended({ ...plan, goals: put(plan.goals, d.goalId, goal) });
    }
    case 'GoalReworded':
      return amended({
        ...plan,
        goals: update(plan.goals, event.data.goalId, (g) => ({ ...g, text: event.data.to })),
      });
    case 'GoalTargetSet':
      return amended({
        ...plan,
        goals: update(plan.goals, event.data.goalId, (g) => ({ ...g, target: event.data.to })),
      });
    case 'GoalStruck':
      return amended({
        ...plan,
        goals: update(plan.goals, event.data.goalId, (g) => ({ ...g, struck: true })),
      });
    case 'IndicatorMeasured':
      return plan;
    case 'MeasureAdded': {
      const d = event.data;
      const measure: MeasureState = {
        id: d.measureId,
        sectionId: d.sectionId,
        label: d.label,
        text: d.text,
        timing: d.timing,
        responsible: d.responsible,
        status: 'not_started',
        struck: false,
        lines: d.lines,
      };
      return amended({ ...plan, measures: put(plan.measures, d.measureId, measure) });
    }
    case 'MeasureReworded':
      return amended({
        ...plan,
        measures: update(plan.measures, event.data.measureId, (m) => ({ ...m, text: event.data.to })),
      });
    case 'MeasureMoved':
      return amended({
        ...plan,
        measures: update(plan.measures, event.data.measureId, (m) => ({
          ...m,
          sectionId: event.data.toSectionId,
          label: event.data.toLabel,
        })),
      });
    case 'MeasureRetimed':
      return amended({
        ...plan,
        measures: update(plan.measures, event.data.measureId, (m) => ({ ...m, timing: event.data.to })),
      });
    case 'MeasureReassigned':
      return amended({
        ...plan,
        measures: update(plan.measures, event.data.measureId, (m) => ({ ...m, responsible: event.data.to })),
      });
    case 'MeasureStruck':
      return amended({
        ...plan,
        measures: update(plan.measures, event.data.measureId, (m) => ({ ...m, struck: true })),
      });
    case 'MeasureStatusChanged':
      return {
        ...plan,
        measures: update(plan.measures, event.data.measureId, (m) => ({ ...m, status: event.data.to })),
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
