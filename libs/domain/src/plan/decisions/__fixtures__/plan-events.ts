import type { PlanEvent } from '../../plan.events.js';

/** Events shared by the decider specs: a small Oslo SV plan with one section and one measure. */
export const now = '2026-11-23T12:00:00.000Z';
export const planId = 'oslo-sv-2024-2027';

export const created: PlanEvent = {
  type: 'PlanCreated',
  data: {
    planId,
    organisationId: 'oslo-sv',
    title: 'Arbeids- og organisasjonsplan 2024-2027',
    period: { from: 2024, to: 2027 },
    bodies: [
      { code: 'FS', name: 'Fylkesstyret' },
      { code: 'LL', name: 'Lokallag' },
      { code: 'BSG', name: 'Bystyregruppa' },
    ],
  },
};
export const section41: PlanEvent = {
  type: 'SectionAdded',
  data: { planId, sectionId: 's41', number: '4.1', title: 'Direkte velgerkontakt' },
};
export const section42: PlanEvent = {
  type: 'SectionAdded',
  data: { planId, sectionId: 's42', number: '4.2', title: 'Medlemsmobilisering' },
};
export const measureA: PlanEvent = {
  type: 'MeasureAdded',
  data: {
    planId,
    measureId: 'm1',
    sectionId: 's41',
    label: 'A',
    text: 'Ringe nye medlemmer to ganger i året',
    timing: 'Vår 2026',
    responsible: ['FS', 'LL'],
  },
};
export const goal: PlanEvent = {
  type: 'GoalAdded',
  data: {
    planId,
    goalId: 'g1',
    sectionId: 's42',
    text: 'Oslo SV skal ha 4000 medlemmer',
    target: { metric: 'members', value: 4000, by: '2027-12-31' },
  },
};
export const adopted: PlanEvent = {
  type: 'PlanAdopted',
  data: { planId, revision: 1, body: 'ÅM', date: '2024-03-09' },
};
export const superseded: PlanEvent = {
  type: 'PlanSuperseded',
  data: { planId, byPlanId: 'oslo-sv-2028-2031' },
};
