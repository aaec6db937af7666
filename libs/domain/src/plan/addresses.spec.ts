import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { resolveTarget } from '../meeting/amendment-target.js';
import { goalAddresses, measureAddress } from './addresses.js';
import { planDecider } from './plan.decide.js';
import type { PlanEvent } from './plan.events.js';
import { evolvePlan, initialPlanState, type ExistingPlan } from './plan.state.js';
import { planFromSnapshot, planSnapshot } from './plan-snapshot.js';
import { created, now, planId, section41, section42 } from './decisions/__fixtures__/plan-events.js';

const spec = deciderSpecification(planDecider);

const measure = (measureId: string, label: string, sectionId = 's41'): PlanEvent => ({
  type: 'MeasureAdded',
  data: { planId, measureId, sectionId, label, text: `Tiltak ${label}`, timing: '', responsible: [] },
});
const struck = (measureId: string): PlanEvent => ({
  type: 'MeasureStruck',
  data: { planId, measureId, reason: 'Gjennomført' },
});
const goal = (goalId: string, parentGoalId?: string): PlanEvent => ({
  type: 'GoalAdded',
  data: {
    planId,
    goalId,
    sectionId: 's41',
    text: `Mål ${goalId}`,
    ...(parentGoalId ? { parentGoalId } : {}),
  },
});
const goalStruck = (goalId: string): PlanEvent => ({
  type: 'GoalStruck',
  data: { planId, goalId, reason: 'Nådd' },
});
const added = (measureId: string, label: string, sectionId = 's41'): PlanEvent => ({
  type: 'MeasureAdded',
  data: { planId, measureId, sectionId, label, text: 'Nytt tiltak', timing: '', responsible: [] },
});

const fold = (events: readonly PlanEvent[]): ExistingPlan =>
  events.reduce(evolvePlan, initialPlanState()) as ExistingPlan;

const addressOf = (plan: ExistingPlan, measureId: string): string =>
  measureAddress(plan, plan.measures.get(measureId)!);

describe('addresses: never moved, never given to another element in a plan’s life', () => {
  describe('measures', () => {
    it('given 4.1.A-D with D struck, when a measure is added, then it gets E, not D', () => {
      spec
        .given([
          created,
          section41,
          measure('a', 'A'),
          measure('b', 'B'),
          measure('c', 'C'),
          measure('d', 'D'),
          struck('d'),
        ])
        .when({ type: 'AddMeasure', now, measureId: 'n', sectionId: 's41', text: 'Nytt tiltak' })
        .then([added('n', 'E')]);
    });

    it('given a struck 4.1.A, when a measure asks for the letter A, then it is refused', () => {
      const error = spec
        .given([created, section41, measure('a', 'A'), struck('a')])
        .when({ type: 'AddMeasure', now, measureId: 'n', sectionId: 's41', label: 'A', text: 'Nytt tiltak' })
        .thenThrows('MEASURE_LABEL_TAKEN');
      expect(error.message).toMatch(/4\.1.*A/);
    });

    it('given 4.1.B moved to 4.2, when a measure is added to 4.1, then it does not get B', () => {
      const moved: PlanEvent = {
        type: 'MeasureMoved',
        data: {
          planId,
          measureId: 'b',
          fromSectionId: 's41',
          toSectionId: 's42',
          fromLabel: 'B',
          toLabel: 'A',
        },
      };
      spec
        .given([created, section41, section42, measure('a', 'A'), measure('b', 'B'), moved])
        .when({ type: 'AddMeasure', now, measureId: 'n', sectionId: 's41', text: 'Nytt tiltak' })
        .then([added('n', 'C')]);
    });

    it('given a measure moved away from 4.1.B, when it is moved back, then it may take B again', () => {
      const moved: PlanEvent = {
        type: 'MeasureMoved',
        data: {
          planId,
          measureId: 'b',
          fromSectionId: 's41',
          toSectionId: 's42',
          fromLabel: 'B',
          toLabel: 'A',
        },
      };
      spec
        .given([created, section41, section42, measure('a', 'A'), measure('b', 'B'), moved])
        .when({ type: 'MoveMeasure', now, measureId: 'b', sectionId: 's41', label: 'B' })
        .then([
          {
            type: 'MeasureMoved',
            data: {
              planId,
              measureId: 'b',
              fromSectionId: 's42',
              toSectionId: 's41',
              fromLabel: 'A',
              toLabel: 'B',
            },
          },
        ]);
    });

    it('reads an older stream where a struck letter was given again: both keep what they were given', () => {
      const plan = fold([created, section41, measure('d', 'D'), struck('d'), measure('d2', 'D')]);
      expect([addressOf(plan, 'd'), addressOf(plan, 'd2')]).toEqual(['4.1.D', '4.1.D']);
      const cited = resolveTarget(plan, { measure: '4.1.D' }, 'change_timing', { timing: 'Høst 2026' });
      expect(cited).toEqual({ kind: 'measure', id: 'd2', address: '4.1.D' });
    });
  });

  describe('goals', () => {
    it('given goals g1-g3 of 4.1, when g1 is struck, then g2 and g3 keep their addresses', () => {
      const plan = fold([created, section41, goal('x'), goal('y'), goal('z'), goalStruck('x')]);
      expect(goalAddresses(plan)).toEqual(
        new Map([
          ['x', '4.1.g1'],
          ['y', '4.1.g2'],
          ['z', '4.1.g3'],
        ]),
      );
    });

    it('given a struck goal, when a goal is added, then it gets the next number, not the struck one', () => {
      const plan = fold([created, section41, goal('x'), goal('y'), goalStruck('y'), goal('n')]);
      expect(goalAddresses(plan).get('n')).toBe('4.1.g3');
    });

    it('numbers sub-goals under their goal, and keeps them when a sibling is struck', () => {
      const plan = fold([created, section41, goal('x'), goal('s1', 'x'), goal('s2', 'x'), goalStruck('s1')]);
      expect(goalAddresses(plan).get('s2')).toBe('4.1.g1.2');
    });

    it('given g1 struck, when an amendment cites 4.1.g2, then it resolves to the same goal as before', () => {
      const plan = fold([created, section41, goal('x'), goal('y'), goalStruck('x')]);
      expect(resolveTarget(plan, { goal: '4.1.g2' }, 'replace_text', { from: 'Mål', to: 'Et mål' })).toEqual({
        kind: 'goal',
        id: 'y',
        address: '4.1.g2',
      });
    });

    it('given a struck goal, when an amendment cites its address, then it is told the goal was struck', () => {
      const plan = fold([created, section41, goal('x'), goalStruck('x')]);
      expect(() => resolveTarget(plan, { goal: '4.1.g1' }, 'strike_goal', { reason: 'x' })).toThrow(
        /Mål 4\.1\.g1 er strøket fra planen/,
      );
    });
  });

  it('keeps the numbers and earlier places through a snapshot', () => {
    const moved: PlanEvent = {
      type: 'MeasureMoved',
      data: {
        planId,
        measureId: 'a',
        fromSectionId: 's41',
        toSectionId: 's42',
        fromLabel: 'A',
        toLabel: 'A',
      },
    };
    const plan = fold([created, section41, section42, goal('x'), goal('y'), measure('a', 'A'), moved]);
    expect(planFromSnapshot(JSON.parse(JSON.stringify(planSnapshot(plan))))).toEqual(plan);
  });
});
