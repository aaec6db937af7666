import { givenAddressesOf } from './given-addresses.js';
import type { Body } from './plan.events.js';
import {
  PLAN_STATE_FIELDS,
  type ExistingPlan,
  type GoalState,
  type MeasureState,
  type PlanState,
  type SectionState,
} from './plan.state.js';

/**
 * Raise this when `evolvePlan` folds an event it knew into something else than before (a new
 * event, or a new field of the state, needs no raise: see PLAN_SNAPSHOT_VERSION).
 */
const FOLD_REVISION = 4;

/**
 * Which fold a snapshot of a plan was taken with. A snapshot is only ever used by the same
 * version, and every stored snapshot of another is ignored (and replaced). It changes with
 * FOLD_REVISION and with the fields of the state (PLAN_STATE_FIELDS, which the compiler checks
 * against the state's types), so a state that gained or lost a field needs no step here:
 * FOLD_REVISION millions, plus a hash of the field lists below a million.
 */
export const PLAN_SNAPSHOT_VERSION = FOLD_REVISION * 1_000_000 + (fnv1a(fieldLists()) % 1_000_000);

function fieldLists(): string {
  return Object.entries(PLAN_STATE_FIELDS)
    .map(([part, fields]) => `${part}:${Object.keys(fields).join(',')}`)
    .join(';');
}

/** FNV-1a, 32 bits: a hash stable across runs and machines (unlike a random seed's). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

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
