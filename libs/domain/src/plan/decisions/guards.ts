import { DomainError } from '../../shared/domain-error.js';
import { isIsoDate, notAnIsoDate } from '../../shared/iso-date.js';
import type { ExistingPlan, GoalState, MeasureState, PlanState, SectionState } from '../plan.state.js';

export function existingPlan(state: PlanState): ExistingPlan {
  if (state.status === 'none')
    throw new DomainError('PLAN_NOT_FOUND', 'not_found', 'The plan does not exist');
  return state;
}

/** A plan whose text may still change: not superseded by its successor. */
export function editablePlan(state: PlanState): ExistingPlan {
  const plan = existingPlan(state);
  if (plan.status === 'superseded') {
    throw new DomainError(
      'PLAN_SUPERSEDED',
      'conflict',
      `Plan "${plan.id}" is superseded and can no longer be changed`,
    );
  }
  return plan;
}

export function section(plan: ExistingPlan, sectionId: string, field = 'sectionId'): SectionState {
  const found = plan.sections.get(sectionId);
  if (!found)
    throw new DomainError('SECTION_NOT_FOUND', 'not_found', `Section ${sectionId} not found in this plan`, {
      field,
    });
  return found;
}

export function liveGoal(plan: ExistingPlan, goalId: string, field = 'goalId'): GoalState {
  const found = plan.goals.get(goalId);
  if (!found)
    throw new DomainError('GOAL_NOT_FOUND', 'not_found', `Goal ${goalId} not found in this plan`, { field });
  if (found.struck)
    throw new DomainError('GOAL_STRUCK', 'conflict', `Goal ${goalId} has been struck`, { field });
  return found;
}

export function liveMeasure(plan: ExistingPlan, measureId: string): MeasureState {
  const found = plan.measures.get(measureId);
  if (!found) {
    throw new DomainError('MEASURE_NOT_FOUND', 'not_found', `Measure ${measureId} not found in this plan`, {
      field: 'measureId',
    });
  }
  if (found.struck) {
    throw new DomainError(
      'MEASURE_STRUCK',
      'conflict',
      `Measure ${measureId} has been struck from the plan`,
      {
        field: 'measureId',
      },
    );
  }
  return found;
}

/** Body codes a measure may name: the plan's own (its abbreviation list) and its organisation's. */
export function checkBodies(
  plan: ExistingPlan,
  codes: readonly string[],
  organisationBodies: readonly string[] = [],
): void {
  const known = new Set([...plan.bodies.keys(), ...organisationBodies]);
  if (known.size === 0) return;
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length > 0) {
    throw new DomainError(
      'UNKNOWN_BODY',
      'invalid',
      `Unknown responsible ${unknown.length === 1 ? 'body' : 'bodies'}: ${unknown.join(', ')} (known: ${[...known].sort().join(', ')}); name a responsible that is not a body in responsibleParties`,
      { field: 'responsible', unknown },
    );
  }
}

/** The longest name of a responsible party: a name, not a paragraph. */
export const MAX_PARTY_LENGTH = 120;

export interface Responsibility {
  /** Declared body codes, the lead first. */
  readonly responsible: string[];
  /** Named parties that are not declared bodies, as written, each once. */
  readonly parties: string[];
}

/**
 * Who is responsible for a measure: the codes must be declared bodies; a named party that is a
 * declared body (its code or its name, in any case: "Fylkesstyret", "fs") is that body, after the
 * codes; the other parties are kept as written.
 */
export function responsibility(
  plan: ExistingPlan,
  codes: readonly string[],
  parties: readonly string[] = [],
  organisationBodies: readonly string[] = [],
): Responsibility {
  const responsible = [...codes];
  checkBodies(plan, responsible, organisationBodies);
  const byName = new Map<string, string>();
  for (const body of plan.bodies.values()) {
    byName.set(body.code.toLocaleLowerCase('nb'), body.code);
    byName.set(body.name.toLocaleLowerCase('nb'), body.code);
  }
  for (const code of organisationBodies) byName.set(code.toLocaleLowerCase('nb'), code);
  const named: string[] = [];
  for (const raw of parties) {
    const party = raw.replace(/\s+/g, ' ').trim();
    if (party === '')
      throw new DomainError('EMPTY_TEXT', 'invalid', 'A responsible party must have a name', {
        field: 'responsibleParties',
      });
    if (party.length > MAX_PARTY_LENGTH)
      throw new DomainError(
        'PARTY_TOO_LONG',
        'invalid',
        `A responsible party is a name of at most ${MAX_PARTY_LENGTH} characters: "${party.slice(0, 40)}..."`,
        { field: 'responsibleParties' },
      );
    const code = byName.get(party.toLocaleLowerCase('nb'));
    if (code !== undefined) {
      if (!responsible.includes(code)) responsible.push(code);
    } else if (!named.some((n) => n.toLocaleLowerCase('nb') === party.toLocaleLowerCase('nb')))
      named.push(party);
  }
  return { responsible, parties: named };
}

export function requireText(value: string, field: string): string {
  const text = value.trim();
  if (text === '') throw new DomainError('EMPTY_TEXT', 'invalid', `${field} must not be empty`, { field });
  return text;
}

export function requireDate(value: string, field: string): string {
  if (!isIsoDate(value)) {
    throw new DomainError('INVALID_DATE', 'invalid', notAnIsoDate(field, value), { field });
  }
  return value;
}

export const same = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);
