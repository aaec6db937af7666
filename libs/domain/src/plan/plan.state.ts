import type { MeasureStatus } from './measure-status.js';
import type { Body, PlanEvent } from './plan.events.js';

export interface SectionState {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly parentSectionId: string | undefined;
}

export interface MeasureState {
  readonly id: string;
  readonly sectionId: string;
  readonly label: string;
  readonly text: string;
  readonly timing: string;
  readonly responsible: readonly string[];
  readonly status: MeasureStatus;
}

export interface ExistingPlan {
  readonly status: 'draft';
  readonly id: string;
  readonly organisationId: string;
  readonly bodies: ReadonlyMap<string, Body>;
  readonly sections: ReadonlyMap<string, SectionState>;
  readonly measures: ReadonlyMap<string, MeasureState>;
}

export type PlanState = { readonly status: 'none' } | ExistingPlan;

export const initialPlanState = (): PlanState => ({ status: 'none' });

function withMap<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  return new Map(map).set(key, value);
}

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  switch (event.type) {
    case 'PlanCreated':
      return {
        status: 'draft',
        id: event.data.planId,
        organisationId: event.data.organisationId,
        bodies: new Map(event.data.bodies.map((b) => [b.code, b])),
        sections: new Map(),
        measures: new Map(),
      };
    case 'SectionAdded': {
      if (state.status === 'none') return state;
      const { sectionId, number, title, parentSectionId } = event.data;
      return {
        ...state,
        sections: withMap(state.sections, sectionId, { id: sectionId, number, title, parentSectionId }),
      };
    }
    case 'MeasureAdded': {
      if (state.status === 'none') return state;
      const { measureId, sectionId, label, text, timing, responsible } = event.data;
      const measure = {
        id: measureId,
        sectionId,
        label,
        text,
        timing,
        responsible,
        status: 'not_started' as const,
      };
      return { ...state, measures: withMap(state.measures, measureId, measure) };
    }
    case 'MeasureStatusChanged': {
      if (state.status === 'none') return state;
      const measure = state.measures.get(event.data.measureId);
      if (!measure) return state;
      return {
        ...state,
        measures: withMap(state.measures, measure.id, { ...measure, status: event.data.to }),
      };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
