import { nextFreeLabel } from './measure-labels.js';
import type { ExistingPlan, GoalState, MeasureState } from './plan.state.js';

/**
 * How plans, meeting papers, amendments and audits cite an element: "4.2.J" for a measure (its
 * section's number and its letter), "3.1.g2" for the second goal of section 3.1 and "3.1.g2.1"
 * for that goal's first sub-goal. An address never moves and is never given to another element
 * within a plan's life: a struck measure keeps its letter and a struck goal its number, so a new
 * one gets the next letter or number and the goals after a struck one keep theirs.
 */

/** "4.2.J": the section's number and the measure's label. */
export function measureAddress(plan: ExistingPlan, measure: MeasureState): string {
  return `${plan.sections.get(measure.sectionId)?.number ?? '?'}.${measure.label}`;
}

/** "3.1.g2", "3.1.g2.1": the section's number, then the goal's number under each parent goal. */
export function goalAddress(plan: ExistingPlan, goal: GoalState): string {
  const numbers: number[] = [];
  for (
    let g: GoalState | undefined = goal;
    g;
    g = g.parentGoalId ? plan.goals.get(g.parentGoalId) : undefined
  ) {
    numbers.unshift(g.number);
  }
  return `${plan.sections.get(goal.sectionId)?.number ?? '?'}.g${numbers.join('.')}`;
}

/** Every goal's address, struck goals included (an amendment citing one is told it was struck). */
export function goalAddresses(plan: ExistingPlan): Map<string, string> {
  return new Map([...plan.goals.values()].map((g) => [g.id, goalAddress(plan, g)]));
}

/**
 * The letters a section has given to measures in the plan's life: its measures' letters, struck
 * ones included, and the letters measures had there before they were moved away (kept up by the
 * fold: plan.given). A measure being moved (`except`) may take back a letter it had itself.
 */
export function labelsGivenIn(plan: ExistingPlan, sectionId: string, except?: string): ReadonlySet<string> {
  if (except === undefined) return plan.given.letters.get(sectionId)?.given ?? new Set();
  const given = new Set<string>();
  for (const m of plan.measures.values()) {
    if (m.id === except) continue;
    if (m.sectionId === sectionId) given.add(m.label);
    for (const earlier of m.earlierPlaces) if (earlier.sectionId === sectionId) given.add(earlier.label);
  }
  return given;
}

/** The first letter not given in a section (A when none is). */
export function nextLabelIn(plan: ExistingPlan, sectionId: string, except?: string): string {
  const letters = plan.given.letters.get(sectionId);
  // Every letter before firstFree is given; a measure being moved may free one of its own.
  return nextFreeLabel(labelsGivenIn(plan, sectionId, except), except === undefined ? letters?.firstFree : 0);
}
