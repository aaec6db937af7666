import { describe, expect, it } from '@jest/globals';
import {
  adopted,
  created,
  goal,
  measureA,
  planId,
  section41,
  section42,
} from './decisions/__fixtures__/plan-events.js';
import { planFromSnapshot, planSnapshot } from './plan-snapshot.js';
import type { PlanEvent } from './plan.events.js';
import { evolvePlan, initialPlanState, type ExistingPlan } from './plan.state.js';

// A plan with every kind of map entry and optional field: sections with and without a parent
// and lines, a goal with a target, measures with lines, a re-adoption and follow-up.
const history: PlanEvent[] = [
  {
    ...created,
    data: { ...created.data, edition: '2026', predecessorPlanId: 'oslo-sv-2020-2023' },
  } as PlanEvent,
  section41,
  section42,
  {
    type: 'SectionAdded',
    data: {
      planId,
      sectionId: 's421',
      number: '4.2.1',
      title: 'Skolering',
      parentSectionId: 's42',
      lines: { from: 10, to: 12 },
    },
  },
  goal,
  measureA,
  {
    type: 'MeasureAdded',
    data: {
      planId,
      measureId: 'm2',
      sectionId: 's421',
      label: 'B',
      text: 'Kurs for nye tillitsvalgte',
      timing: 'Kontinuerlig',
      responsible: ['LL'],
      lines: { from: 14, to: 15 },
    },
  },
  adopted,
  {
    type: 'MeasureStatusChanged',
    data: { planId, measureId: 'm1', from: 'not_started', to: 'in_progress', note: 'Godt i gang' },
  },
  { type: 'MeasureReassigned', data: { planId, measureId: 'm2', from: ['LL'], to: ['FS', 'LL'] } },
  { type: 'MeasureStruck', data: { planId, measureId: 'm1', reason: 'Gjennomført' } },
  { type: 'PlanAdopted', data: { planId, revision: 2, body: 'ÅM', date: '2025-03-08', edition: '2025' } },
];

const fold = (events: readonly PlanEvent[], from = initialPlanState()) => events.reduce(evolvePlan, from);
/** Through JSON, as the snapshot is stored. */
const stored = (state: ReturnType<typeof fold>) =>
  planFromSnapshot(JSON.parse(JSON.stringify(planSnapshot(state))));

describe('a snapshot of a plan', () => {
  it('reads back as the state it was taken of, field for field, at every point of the history', () => {
    for (let n = 0; n <= history.length; n++) {
      expect(stored(fold(history.slice(0, n)))).toStrictEqual(fold(history.slice(0, n)));
    }
  });

  it('folds on from where it was taken to the same plan as folding the whole history', () => {
    for (let n = 0; n <= history.length; n++) {
      const resumed = fold(history.slice(n), stored(fold(history.slice(0, n))));
      expect(resumed).toStrictEqual(fold(history));
    }
  });

  it('keeps what a command decides on: statuses, responsible bodies, struck measures, the adoption count', () => {
    const plan = stored(fold(history)) as ExistingPlan;
    expect(plan.adoptedRevision).toBe(2);
    expect(plan.edition).toBe('2025');
    expect(plan.measures.get('m1')).toMatchObject({ status: 'in_progress', struck: true });
    expect(plan.measures.get('m2')!.responsible).toEqual(['FS', 'LL']);
    expect(plan.goals.get('g1')!.target).toEqual({ metric: 'members', value: 4000, by: '2027-12-31' });
    expect(plan.bodies.get('BSG')).toEqual({ code: 'BSG', name: 'Bystyregruppa' });
  });
});
