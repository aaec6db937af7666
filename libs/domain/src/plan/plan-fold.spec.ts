import { describe, expect, it } from '@jest/globals';
import type { PlanEvent } from './plan.events.js';
import { evolvePlan, initialPlanState, planFold, type ExistingPlan, type PlanState } from './plan.state.js';

const planId = 'oslo-sv-2024-2027';
const history: PlanEvent[] = [
  {
    type: 'PlanCreated',
    data: {
      planId,
      organisationId: 'oslo-sv',
      title: 'Arbeidsplan',
      period: { from: 2024, to: 2027 },
      bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
    },
  },
  { type: 'SectionAdded', data: { planId, sectionId: 's1', number: '4.1', title: 'Velgerkontakt' } },
  ...['m1', 'm2', 'm3'].map((measureId, i): PlanEvent => ({
    type: 'MeasureAdded',
    data: {
      planId,
      measureId,
      sectionId: 's1',
      label: 'ABC'[i]!,
      text: `Tiltak ${i}`,
      timing: '2026',
      responsible: ['FS'],
    },
  })),
  { type: 'BodyDeclared', data: { planId, code: 'LL', name: 'Lokallag' } },
  { type: 'MeasureStatusChanged', data: { planId, measureId: 'm2', from: 'not_started', to: 'in_progress' } },
  { type: 'MeasureReworded', data: { planId, measureId: 'm3', from: 'Tiltak 2', to: 'Banke på dører' } },
  { type: 'MeasureStruck', data: { planId, measureId: 'm1', reason: 'Gjennomført' } },
];

const foldWith = (
  evolve: (s: PlanState, e: PlanEvent) => PlanState,
  events: PlanEvent[],
  from = initialPlanState(),
) => events.reduce(evolve, from);

describe('planFold: one fold of many events', () => {
  it('gives the same plan as evolving event by event', () => {
    expect(foldWith(planFold(), history)).toEqual(foldWith(evolvePlan, history));
  });

  it('never changes the state it starts from, which a command or another fold may still hold', () => {
    const halfway = foldWith(evolvePlan, history.slice(0, 5)) as ExistingPlan;
    const measuresBefore = [...halfway.measures.entries()];
    const bodiesBefore = [...halfway.bodies.keys()];
    const after = foldWith(planFold(), history.slice(5), halfway) as ExistingPlan;
    expect([...halfway.measures.entries()]).toEqual(measuresBefore);
    expect([...halfway.bodies.keys()]).toEqual(bodiesBefore);
    expect(after.measures.get('m1')!.struck).toBe(true);
    expect(after.measures.get('m2')!.status).toBe('in_progress');
    expect(after.bodies.has('LL')).toBe(true);
  });

  it('copies each map of the starting state at most once, however many events it folds', () => {
    const start = foldWith(evolvePlan, history.slice(0, 5)) as ExistingPlan;
    const evolve = planFold();
    const first = evolve(start, history[6]!) as ExistingPlan;
    const second = evolve(first, history[7]!) as ExistingPlan;
    expect(first.measures).not.toBe(start.measures);
    expect(second.measures).toBe(first.measures);
  });
});
