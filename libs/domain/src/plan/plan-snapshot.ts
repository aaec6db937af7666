import { givenAddressesOf } from './given-addresses.js';
import type { Body } from './plan.events.js';
import type { ExistingPlan, GoalState, MeasureState, PlanState, SectionState } from './plan.state.js';

/**
 * Which fold a snapshot of a plan was taken with. A snapshot is only ever used by the same
 * version: raise this whenever `evolvePlan` or the shape of `PlanState` changes, and every
 * stored snapshot is ignored (and replaced) from then on.
 */
export const PLAN_SNAPSHOT_VERSION = 4;

/** A plan's state as plain JSON: maps as lists of entries, `undefined` as `null`. */
export type PlanSnapshot = Record<string, unknown>;

export function planSnapshot(state: PlanState): PlanSnapshot {
  if (state.status === 'none') return { status: 'none' };
  // The letters and goal numbers given derive from the measures and goals: rebuilt when read back.
  const { given: _given, ...kept } = state;
  return withNulls({
    ...kept,
    bodies: [...state.bodies],
    sections: [...state.sections],
    goals: [...state.goals],
    measures: [...state.measures],
  }) as PlanSnapshot;
}

/** The state `planSnapshot` was given, equal field for field (absent fields are `undefined` again). */
export function planFromSnapshot(snapshot: PlanSnapshot): PlanState {
  const plain = withUndefined(snapshot) as Record<string, unknown>;
  if (plain.status === 'none') return { status: 'none' };
  const plan = plain as unknown as ExistingPlan;
  const goals = new Map(plain.goals as Array<[string, GoalState]>);
  const measures = new Map(plain.measures as Array<[string, MeasureState]>);
  return {
    ...plan,
    bodies: new Map(plain.bodies as Array<[string, Body]>),
    sections: new Map(plain.sections as Array<[string, SectionState]>),
    goals,
    measures,
    given: givenAddressesOf(measures.values(), goals.values()),
  };
}

// JSON drops a key whose value is undefined; a state has such keys (an optional edition, a
// measure's lines), and a state read back should be the state written, not one missing keys.
function withNulls(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(withNulls);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withNulls(v)]));
  }
  return value;
}

function withUndefined(value: unknown): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map(withUndefined);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, withUndefined(v)]));
  }
  return value;
}
