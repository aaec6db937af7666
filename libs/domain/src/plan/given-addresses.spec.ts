import { describe, expect, it } from '@jest/globals';
import { labelsGivenIn } from './addresses.js';
import { decideSequence } from '../shared/decider.js';
import { nextGoalNumber } from './given-addresses.js';
import { planDecider } from './plan.decide.js';
import type { PlanCommand } from './plan.commands.js';
import type { PlanEvent } from './plan.events.js';
import { evolvePlan, initialPlanState, planFold, type ExistingPlan, type PlanState } from './plan.state.js';
import { planFromSnapshot, planSnapshot } from './plan-snapshot.js';
import { created, now, planId, section41, section42 } from './decisions/__fixtures__/plan-events.js';

const added = (measureId: string, label: string, sectionId: string): PlanEvent => ({
  type: 'MeasureAdded',
  data: { planId, measureId, sectionId, label, text: 'Tiltak', timing: '', responsible: [] },
});
const moved = (measureId: string, from: [string, string], to: [string, string]): PlanEvent => ({
  type: 'MeasureMoved',
  data: {
    planId,
    measureId,
    fromSectionId: from[0],
    fromLabel: from[1],
    toSectionId: to[0],
    toLabel: to[1],
  },
});
const goal = (goalId: string, parentGoalId?: string, sectionId = 's41'): PlanEvent => ({
  type: 'GoalAdded',
  data: { planId, goalId, sectionId, text: 'Mål', ...(parentGoalId ? { parentGoalId } : {}) },
});

const HISTORY: PlanEvent[] = [
  created,
  section41,
  section42,
  added('a', 'A', 's41'),
  added('b', 'B', 's41'),
  added('x', 'X', 's41'),
  added('c', 'A', 's42'),
  moved('b', ['s41', 'B'], ['s42', 'B']),
  { type: 'MeasureStruck', data: { planId, measureId: 'a', reason: 'Gjennomført' } },
  added('d', 'C', 's41'),
  moved('d', ['s41', 'C'], ['s42', 'C']),
  goal('g1'),
  goal('g2'),
  goal('g21', 'g2'),
  { type: 'GoalStruck', data: { planId, goalId: 'g1', reason: 'Nådd' } },
  goal('g3', undefined, 's42'),
];

/** The letters a section has given, by a walk over every measure (a measure id no one has forces the walk). */
const walked = (plan: ExistingPlan, sectionId: string): ReadonlySet<string> =>
  labelsGivenIn(plan, sectionId, 'no-such-measure');

describe('the letters and goal numbers a plan has given, kept up by the fold', () => {
  it.each([
    ['evolve', (events: PlanEvent[]) => events.reduce(evolvePlan, initialPlanState())],
    ['planFold', (events: PlanEvent[]) => events.reduce(planFold(), initialPlanState())],
    [
      'a snapshot read back',
      (events: PlanEvent[]) => planFromSnapshot(planSnapshot(events.reduce(evolvePlan, initialPlanState()))),
    ],
  ] as Array<[string, (events: PlanEvent[]) => PlanState]>)(
    'are what a walk over the measures and goals finds, after every event (%s)',
    (_name, foldOf) => {
      for (let n = 3; n <= HISTORY.length; n++) {
        const plan = foldOf(HISTORY.slice(0, n)) as ExistingPlan;
        for (const sectionId of ['s41', 's42']) {
          expect([...labelsGivenIn(plan, sectionId)].sort()).toEqual([...walked(plan, sectionId)].sort());
          const highest = Math.max(
            0,
            ...[...plan.goals.values()]
              .filter((g) => g.sectionId === sectionId && !g.parentGoalId)
              .map((g) => g.number),
          );
          expect(nextGoalNumber(plan.given, sectionId, undefined)).toBe(highest + 1);
        }
      }
      const plan = foldOf(HISTORY) as ExistingPlan;
      expect([...labelsGivenIn(plan, 's41')].sort()).toEqual(['A', 'B', 'C', 'X']);
      expect([...labelsGivenIn(plan, 's42')].sort()).toEqual(['A', 'B', 'C']);
      expect(plan.given.letters.get('s41')!.firstFree).toBe(3); // A, B, C given; D is next
      expect(nextGoalNumber(plan.given, 's41', 'g2')).toBe(2);
    },
  );

  it('labels thousands of measures in one section in order, as one sequence of commands', () => {
    const commands: PlanCommand[] = Array.from({ length: 5_000 }, (_, i) => ({
      type: 'AddMeasure',
      now,
      measureId: `m${i}`,
      sectionId: 's41',
      text: `Tiltak ${i}`,
    }));
    const start = [created, section41].reduce(evolvePlan, initialPlanState());
    const events = decideSequence(planDecider, commands, start);
    const labels = events.map((e) => (e.type === 'MeasureAdded' ? e.data.label : ''));
    expect(labels.slice(0, 3)).toEqual(['A', 'B', 'C']);
    expect(labels.slice(25, 28)).toEqual(['Z', 'AA', 'AB']);
    expect(labels[4_999]).toBe('GJH');
    expect(new Set(labels).size).toBe(5_000);
  });
});
