import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { planDecider } from '../plan.decide.js';
import type { PlanEvent } from '../plan.events.js';
import { evolvePlan, initialPlanState } from '../plan.state.js';
import { created, now, planId, section41 } from './__fixtures__/plan-events.js';

/**
 * Responsible parties a plan names that are not declared bodies ("Programkomitéene", "Alle",
 * "LS-delegasjonen", "Skeive sosialister (FS)") are kept with the measure, by name, so the board
 * sees who is responsible; a plan editor may later declare one of them as a body.
 */
const spec = deciderSpecification(planDecider);

const addG = {
  type: 'AddMeasure',
  now,
  measureId: 'm7',
  sectionId: 's41',
  label: 'G',
  text: 'Programkomitéene skal bruke innspill fra dørbanking i programarbeidet.',
  timing: '2026',
} as const;

const measureG: PlanEvent = {
  type: 'MeasureAdded',
  data: {
    planId,
    measureId: 'm7',
    sectionId: 's41',
    label: 'G',
    text: addG.text,
    timing: '2026',
    responsible: ['FS'],
    responsibleParties: ['Programkomitéene', 'Skeive sosialister (FS)'],
  },
};

describe('responsible parties that are not declared bodies', () => {
  it('keeps a named party with the measure, beside the body codes', () => {
    spec
      .given([created, section41])
      .when({
        ...addG,
        responsible: ['FS'],
        responsibleParties: ['Programkomitéene', 'Skeive sosialister (FS)'],
      })
      .then([measureG]);
  });

  it('takes a party that names a declared body, by its name or code in any case, as that body', () => {
    spec
      .given([created, section41])
      .when({ ...addG, responsible: [], responsibleParties: ['Fylkesstyret', 'll', 'Alle', 'alle'] })
      .then([
        {
          type: 'MeasureAdded',
          data: {
            planId,
            measureId: 'm7',
            sectionId: 's41',
            label: 'G',
            text: addG.text,
            timing: '2026',
            responsible: ['FS', 'LL'],
            responsibleParties: ['Alle'],
          },
        },
      ]);
  });

  it('still refuses a code that is not a declared body, and says where a name goes', () => {
    const error = spec
      .given([created, section41])
      .when({ ...addG, responsible: ['PK'] })
      .thenThrows('UNKNOWN_BODY');
    expect(error.message).toContain('responsibleParties');
  });

  it('refuses an empty party and one that is a paragraph rather than a name', () => {
    spec
      .given([created, section41])
      .when({ ...addG, responsibleParties: ['  '] })
      .thenThrows('EMPTY_TEXT');
    spec
      .given([created, section41])
      .when({ ...addG, responsibleParties: ['x'.repeat(121)] })
      .thenThrows('PARTY_TOO_LONG');
  });

  it('reassigns the parties with the bodies, recording both before and after', () => {
    spec
      .given([created, section41, measureG])
      .when({
        type: 'ReassignMeasure',
        now,
        measureId: 'm7',
        responsible: ['FS', 'LL'],
        responsibleParties: ['Alle'],
        reason: 'Vedtak i FS',
      })
      .then([
        {
          type: 'MeasureReassigned',
          data: {
            planId,
            measureId: 'm7',
            from: ['FS'],
            to: ['FS', 'LL'],
            fromParties: ['Programkomitéene', 'Skeive sosialister (FS)'],
            toParties: ['Alle'],
            reason: 'Vedtak i FS',
          },
        },
      ]);
  });

  it('leaves the parties as they are when a reassignment names only bodies', () => {
    spec
      .given([created, section41, measureG])
      .when({ type: 'ReassignMeasure', now, measureId: 'm7', responsible: ['LL'] })
      .then([{ type: 'MeasureReassigned', data: { planId, measureId: 'm7', from: ['FS'], to: ['LL'] } }]);
    spec
      .given([created, section41, measureG])
      .when({
        type: 'ReassignMeasure',
        now,
        measureId: 'm7',
        responsible: ['FS'],
        responsibleParties: ['Programkomitéene', 'Skeive sosialister (FS)'],
      })
      .thenNothingHappens();
  });

  it('declares a party as a body: the measures that named it get the body instead', () => {
    const alsoNamed: PlanEvent = {
      type: 'MeasureAdded',
      data: {
        planId,
        measureId: 'm8',
        sectionId: 's41',
        label: 'H',
        text: 'Programseminar',
        timing: 'Høst 2026',
        responsible: [],
        responsibleParties: ['programkomitéene'],
      },
    };
    spec
      .given([created, section41, measureG, alsoNamed])
      .when({ type: 'DeclareBody', now, code: 'PK', name: 'Programkomitéene', forParty: 'Programkomitéene' })
      .then([
        { type: 'BodyDeclared', data: { planId, code: 'PK', name: 'Programkomitéene' } },
        {
          type: 'MeasureReassigned',
          data: {
            planId,
            measureId: 'm7',
            from: ['FS'],
            to: ['FS', 'PK'],
            fromParties: ['Programkomitéene', 'Skeive sosialister (FS)'],
            toParties: ['Skeive sosialister (FS)'],
            reason: '«Programkomitéene» er erklært som organet PK',
          },
        },
        {
          type: 'MeasureReassigned',
          data: {
            planId,
            measureId: 'm8',
            from: [],
            to: ['PK'],
            fromParties: ['programkomitéene'],
            toParties: [],
            reason: '«Programkomitéene» er erklært som organet PK',
          },
        },
      ]);
  });

  it('folds the parties into the measure, and reads a measure from before parties were kept with none', () => {
    const old: PlanEvent = {
      type: 'MeasureAdded',
      data: { ...(measureG.data as object), responsibleNote: 'Programkomitéene' } as never,
    };
    delete (old.data as { responsibleParties?: string[] }).responsibleParties;
    const fold = (events: PlanEvent[]) => events.reduce(evolvePlan, initialPlanState());
    const state = fold([created, section41, measureG]);
    const before = fold([created, section41, old]);
    expect(state.status !== 'none' && state.measures.get('m7')?.parties).toEqual([
      'Programkomitéene',
      'Skeive sosialister (FS)',
    ]);
    expect(before.status !== 'none' && before.measures.get('m7')?.parties).toEqual([]);
  });
});
