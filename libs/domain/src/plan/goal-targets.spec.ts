import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { goalTargetFromText, isTargetExpired } from './goal-targets.js';
import { planDecider } from './plan.decide.js';
import type { PlanEvent } from './plan.events.js';
import { created, now, planId, section42 } from './decisions/__fixtures__/plan-events.js';

const spec = deciderSpecification(planDecider);
const period = { periodFrom: 2024, periodTo: 2027 };
const members2027 = { metric: 'members', value: 4000, by: '2027-12-31' };

describe('goal targets read from the goal’s own text', () => {
  it.each([
    ['Oslo SV skal ha 4000 medlemmer innen utgangen av 2027.', members2027],
    ['Oslo SV skal ha 4 000 medlemmer ved utgangen av 2027', members2027],
    ['Oslo SV skal ha 4000 medlemmer i 2023', { metric: 'members', value: 4000, by: '2023-12-31' }],
    ['3200 medlemmer i løpet av 2020.', { metric: 'members', value: 3200, by: '2020-12-31' }],
    [
      '10% flere medlemmer i løpet av perioden',
      { metric: 'members_increase_pct', value: 10, by: '2027-12-31' },
    ],
    [
      'Doble antall aktive medlemmer innen to år.',
      { metric: 'active_members_multiplier', value: 2, by: '2025-12-31' },
    ],
  ])('reads «%s»', (text, target) => {
    expect(goalTargetFromText(text, period)).toEqual(target);
  });

  it('reads no target from a goal that names no number to reach', () => {
    expect(goalTargetFromText('Oslo SV skal bli et mer mangfoldig parti', period)).toBeUndefined();
    expect(goalTargetFromText('Oslo SV skal ha 4000 medlemmer', period)).toBeUndefined();
  });

  it('calls a target expired once its date has passed, not on the day itself', () => {
    expect(isTargetExpired({ metric: 'members', value: 4000, by: '2023-12-31' }, '2026-05-01')).toBe(true);
    expect(isTargetExpired(members2027, '2027-12-31')).toBe(false);
    expect(isTargetExpired({ metric: 'members', value: 4000 }, '2099-01-01')).toBe(false);
  });

  it('given a plan, when a goal is added with a number and a year in its text, then it gets that target', () => {
    spec
      .given([created, section42])
      .when({
        type: 'AddGoal',
        now,
        goalId: 'g1',
        sectionId: 's42',
        text: 'Oslo SV skal ha 4000 medlemmer innen utgangen av 2027.',
      })
      .then([
        {
          type: 'GoalAdded',
          data: {
            planId,
            goalId: 'g1',
            sectionId: 's42',
            text: 'Oslo SV skal ha 4000 medlemmer innen utgangen av 2027.',
            target: members2027,
          },
        },
      ]);
  });

  it('given a goal, when a target is given with the command, then that target wins over the text', () => {
    spec
      .given([created, section42])
      .when({
        type: 'AddGoal',
        now,
        goalId: 'g1',
        sectionId: 's42',
        text: 'Oslo SV skal ha 4000 medlemmer innen utgangen av 2027.',
        target: { metric: 'paying_members', value: 3500, by: '2027-12-31' },
      })
      .then([
        {
          type: 'GoalAdded',
          data: {
            planId,
            goalId: 'g1',
            sectionId: 's42',
            text: 'Oslo SV skal ha 4000 medlemmer innen utgangen av 2027.',
            target: { metric: 'paying_members', value: 3500, by: '2027-12-31' },
          },
        },
      ]);
  });

  const goal2027: PlanEvent = {
    type: 'GoalAdded',
    data: {
      planId,
      goalId: 'g1',
      sectionId: 's42',
      text: 'Oslo SV skal ha 4000 medlemmer innen utgangen av 2027.',
      target: members2027,
    },
  };

  it('given a goal with a target, when an amendment rewords it to another number, then the target follows', () => {
    spec
      .given([created, section42, goal2027])
      .when({
        type: 'RewordGoal',
        now,
        goalId: 'g1',
        text: 'Oslo SV skal ha 4500 medlemmer innen utgangen av 2027.',
      })
      .then([
        {
          type: 'GoalReworded',
          data: {
            planId,
            goalId: 'g1',
            from: 'Oslo SV skal ha 4000 medlemmer innen utgangen av 2027.',
            to: 'Oslo SV skal ha 4500 medlemmer innen utgangen av 2027.',
          },
        },
        {
          type: 'GoalTargetSet',
          data: { planId, goalId: 'g1', from: members2027, to: { ...members2027, value: 4500 } },
        },
      ]);
  });

  it('given a goal with a target, when it is reworded without touching the number, then the target stays', () => {
    spec
      .given([created, section42, goal2027])
      .when({
        type: 'RewordGoal',
        now,
        goalId: 'g1',
        text: 'Oslo SV skal ha 4000 medlemmer innen utgangen av 2027!',
      })
      .then([
        {
          type: 'GoalReworded',
          data: {
            planId,
            goalId: 'g1',
            from: 'Oslo SV skal ha 4000 medlemmer innen utgangen av 2027.',
            to: 'Oslo SV skal ha 4000 medlemmer innen utgangen av 2027!',
          },
        },
      ]);
  });
});
