import { describe, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { planDecider } from '../plan.decide.js';
import { created, goal, now, planId, section41, section42 } from './__fixtures__/plan-events.js';

const spec = deciderSpecification(planDecider);

describe('plan structure: sections and goals', () => {
  it('adds a goal with a target, and a sub-goal under it', () => {
    spec
      .given([created, section42])
      .when({
        type: 'AddGoal',
        now,
        goalId: 'g1',
        sectionId: 's42',
        text: ' Oslo SV skal ha 4000 medlemmer ',
        target: { metric: 'members', value: 4000, by: '2027-12-31' },
      })
      .then([goal]);
    spec
      .given([created, section42, goal])
      .when({
        type: 'AddGoal',
        now,
        goalId: 'g2',
        sectionId: 's42',
        parentGoalId: 'g1',
        text: 'Flere aktive',
      })
      .then([
        {
          type: 'GoalAdded',
          data: { planId, goalId: 'g2', sectionId: 's42', parentGoalId: 'g1', text: 'Flere aktive' },
        },
      ]);
  });

  it('refuses a target with a date that is not a date', () => {
    spec
      .given([created, section42])
      .when({
        type: 'AddGoal',
        now,
        goalId: 'g1',
        sectionId: 's42',
        text: 'X',
        target: { metric: 'members', value: 1, by: '2027-13-01' },
      })
      .thenThrows('INVALID_DATE');
  });

  it('rewords a goal, sets its target and strikes it with a reason', () => {
    spec
      .given([created, section42, goal])
      .when({ type: 'RewordGoal', now, goalId: 'g1', text: 'Oslo SV skal ha 4500 medlemmer' })
      .then([
        {
          type: 'GoalReworded',
          data: {
            planId,
            goalId: 'g1',
            from: 'Oslo SV skal ha 4000 medlemmer',
            to: 'Oslo SV skal ha 4500 medlemmer',
          },
        },
      ]);
    spec
      .given([created, section42, goal])
      .when({
        type: 'SetGoalTarget',
        now,
        goalId: 'g1',
        target: { metric: 'members', value: 4500, by: '2027-12-31' },
      })
      .then([
        {
          type: 'GoalTargetSet',
          data: {
            planId,
            goalId: 'g1',
            from: { metric: 'members', value: 4000, by: '2027-12-31' },
            to: { metric: 'members', value: 4500, by: '2027-12-31' },
          },
        },
      ]);
    spec
      .given([created, section42, goal])
      .when({ type: 'StrikeGoal', now, goalId: 'g1', reason: 'Stryke, gjennomført' })
      .then([{ type: 'GoalStruck', data: { planId, goalId: 'g1', reason: 'Stryke, gjennomført' } }]);
  });

  it('refuses changes to a struck goal', () => {
    const struck = { type: 'GoalStruck' as const, data: { planId, goalId: 'g1', reason: 'Gjennomført' } };
    spec
      .given([created, section42, goal, struck])
      .when({ type: 'RewordGoal', now, goalId: 'g1', text: 'Y' })
      .thenThrows('GOAL_STRUCK');
  });

  it('records a measured indicator on a goal', () => {
    spec
      .given([created, section42, goal])
      .when({
        type: 'RecordMeasurement',
        now,
        goalId: 'g1',
        metric: 'members',
        value: 3394,
        at: '2025-12-31',
      })
      .then([
        {
          type: 'IndicatorMeasured',
          data: { planId, goalId: 'g1', metric: 'members', value: 3394, at: '2025-12-31' },
        },
      ]);
  });

  it('refuses a measurement for a goal that does not exist', () => {
    spec
      .given([created])
      .when({ type: 'RecordMeasurement', now, goalId: 'nope', metric: 'members', value: 1, at: '2025-12-31' })
      .thenThrows('GOAL_NOT_FOUND');
  });

  it('retitles a section', () => {
    spec
      .given([created, section41])
      .when({ type: 'RetitleSection', now, sectionId: 's41', title: 'Dørbank' })
      .then([
        {
          type: 'SectionRetitled',
          data: { planId, sectionId: 's41', from: 'Direkte velgerkontakt', to: 'Dørbank' },
        },
      ]);
  });

  it("revises a section's intro, keeping what it said before; the same text again changes nothing", () => {
    const withIntro = {
      ...section41,
      data: { ...section41.data, intro: 'Fylkesårsmøtet vedtar planen for de neste fire årene 2024-2027' },
    } as typeof section41;
    const revised = 'Fylkesårsmøtet vedtar planen for valgperioden 2024-2027';
    spec
      .given([created, withIntro])
      .when({ type: 'ReviseSectionIntro', now, sectionId: 's41', intro: ` ${revised} ` })
      .then([
        {
          type: 'SectionIntroRevised',
          data: {
            planId,
            sectionId: 's41',
            from: 'Fylkesårsmøtet vedtar planen for de neste fire årene 2024-2027',
            to: revised,
          },
        },
      ]);
    spec
      .given([
        created,
        withIntro,
        { type: 'SectionIntroRevised', data: { planId, sectionId: 's41', from: '', to: revised } },
      ])
      .when({ type: 'ReviseSectionIntro', now, sectionId: 's41', intro: revised })
      .thenNothingHappens();
  });

  it('gives a section without an intro one, and takes it away again', () => {
    spec
      .given([created, section41])
      .when({ type: 'ReviseSectionIntro', now, sectionId: 's41', intro: 'Ny innledning' })
      .then([
        { type: 'SectionIntroRevised', data: { planId, sectionId: 's41', from: '', to: 'Ny innledning' } },
      ]);
    spec
      .given([
        created,
        section41,
        { type: 'SectionIntroRevised', data: { planId, sectionId: 's41', from: '', to: 'Ny innledning' } },
      ])
      .when({ type: 'ReviseSectionIntro', now, sectionId: 's41', intro: '' })
      .then([
        { type: 'SectionIntroRevised', data: { planId, sectionId: 's41', from: 'Ny innledning', to: '' } },
      ]);
  });

  it('refuses an empty section title', () => {
    spec
      .given([created])
      .when({ type: 'AddSection', now, sectionId: 's1', number: '1', title: '   ' })
      .thenThrows('EMPTY_TEXT');
  });
});
