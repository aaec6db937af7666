import type { PlanEvent } from '@app/domain';

/**
 * A plan that goes through every kind of plan event, each at least once: retitled, linked, a
 * body declared, sections added under others, retitled and given an intro that is then taken
 * away, goals reworded, targeted and struck, measures moved, reassigned and struck, follow-up,
 * amended after its adoption and adopted again, lineage confirmed and rejected, superseded.
 */
export function everyKindOfPlanChange(planId: string): PlanEvent[] {
  return [
    {
      type: 'PlanCreated',
      data: {
        planId,
        organisationId: 'o',
        title: 'Arbeidsplan',
        period: { from: 2024, to: 2027 },
        bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
      },
    },
    { type: 'BodyDeclared', data: { planId, code: 'LL', name: 'Lokallagene' } },
    {
      type: 'SectionAdded',
      data: { planId, sectionId: 's1', number: '1', title: 'Organisasjon', intro: 'Vi' },
    },
    { type: 'SectionAdded', data: { planId, sectionId: 's2', number: '2', title: 'Politikk' } },
    {
      type: 'SectionAdded',
      data: { planId, sectionId: 's21', number: '2.1', title: 'Skole', parentSectionId: 's2' },
    },
    { type: 'GoalAdded', data: { planId, goalId: 'g1', sectionId: 's1', text: 'Flere medlemmer' } },
    {
      type: 'GoalAdded',
      data: { planId, goalId: 'g2', sectionId: 's1', parentGoalId: 'g1', text: 'Flere unge' },
    },
    {
      type: 'MeasureAdded',
      data: {
        planId,
        measureId: 'm1',
        sectionId: 's1',
        label: 'A',
        text: 'Verve',
        timing: 'Høst 2026',
        responsible: ['FS'],
        responsibleNote: 'FS leder',
      },
    },
    {
      type: 'MeasureAdded',
      data: {
        planId,
        measureId: 'm2',
        sectionId: 's1',
        label: 'B',
        text: 'Skolere',
        timing: 'Løpende',
        responsible: ['FS', 'LL'],
      },
    },
    { type: 'PlanAdopted', data: { planId, revision: 1, body: 'ÅM', date: '2024-03-01', edition: '2024' } },
    {
      type: 'MeasureStatusChanged',
      data: {
        planId,
        measureId: 'm1',
        from: 'not_started',
        to: 'in_progress',
        note: 'Startet',
        period: '2024',
      },
    },
    { type: 'ProgressNoted', data: { planId, measureId: 'm1', note: 'Godt i gang' } },
    {
      type: 'IndicatorMeasured',
      data: { planId, goalId: 'g1', metric: 'members', value: 2993, at: '2024-12-31' },
    },
    { type: 'PlanRetitled', data: { planId, from: 'Arbeidsplan', to: 'Arbeidsplan 2024–2027' } },
    { type: 'PlanLinked', data: { planId, predecessorPlanId: 'earlier', parentPlanId: 'national' } },
    { type: 'SectionRetitled', data: { planId, sectionId: 's2', from: 'Politikk', to: 'Politikk og valg' } },
    { type: 'SectionIntroRevised', data: { planId, sectionId: 's1', from: 'Vi', to: 'Vi vokser' } },
    { type: 'SectionIntroRevised', data: { planId, sectionId: 's1', from: 'Vi vokser', to: '' } },
    {
      type: 'GoalReworded',
      data: { planId, goalId: 'g1', from: 'Flere medlemmer', to: 'Mange flere medlemmer' },
    },
    {
      type: 'GoalTargetSet',
      data: { planId, goalId: 'g1', to: { metric: 'members', value: 4000, by: '2027-12-31' } },
    },
    { type: 'GoalStruck', data: { planId, goalId: 'g2', reason: 'Slått sammen' } },
    { type: 'MeasureReworded', data: { planId, measureId: 'm1', from: 'Verve', to: 'Verve flere' } },
    { type: 'MeasureRetimed', data: { planId, measureId: 'm1', from: 'Høst 2026', to: 'Vår 2027' } },
    {
      type: 'MeasureReassigned',
      data: { planId, measureId: 'm1', from: ['FS'], to: ['LL', 'FS'], toParties: ['Alle'] },
    },
    {
      type: 'MeasureMoved',
      data: {
        planId,
        measureId: 'm2',
        fromSectionId: 's1',
        toSectionId: 's21',
        fromLabel: 'B',
        toLabel: 'A',
      },
    },
    { type: 'MeasureStruck', data: { planId, measureId: 'm1', reason: 'Gjennomført' } },
    { type: 'PlanAdopted', data: { planId, revision: 2, body: 'ÅM', date: '2025-03-01' } },
    { type: 'MeasureStatusChanged', data: { planId, measureId: 'm2', from: 'not_started', to: 'done' } },
    {
      type: 'LineageConfirmed',
      data: { planId, fromPlanId: 'earlier', from: ['x'], to: ['m2'], kind: 'reworded' },
    },
    { type: 'LineageRejected', data: { planId, fromPlanId: 'earlier', from: ['y'], to: ['m2'] } },
    { type: 'PlanSuperseded', data: { planId, byPlanId: 'next' } },
  ];
}
