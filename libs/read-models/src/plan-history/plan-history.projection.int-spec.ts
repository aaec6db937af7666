import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { inStream, planEvents, projectionSpecification, withMetadata } from '@app/testing';
import { planHistoryProjection } from './plan-history.projection.js';

const p1 = planEvents('p1');
const p2 = planEvents('p2');

const created = (plan: typeof p1, title = 'Arbeidsplan 2025–2027') =>
  plan('PlanCreated', {
    organisationId: 'oslo',
    title,
    period: { from: 2025, to: 2027 },
    bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
  });
const measureAdded = p1('MeasureAdded', {
  measureId: 'm1',
  sectionId: 's1',
  label: 'A',
  text: 'Verve',
  timing: 'Høst 2026',
  responsible: ['FS'],
});

describe('the plan history projection (rm_plan_history)', () => {
  const spec = projectionSpecification(planHistoryProjection);
  beforeAll(() => spec.open());
  afterAll(() => spec.dispose());

  it('keeps each plan event as a row, at its revision in the plan, with who, when and why', () =>
    spec
      .given(created(p1), measureAdded)
      .when(
        withMetadata(
          {
            actor: 'user:kari',
            commandId: 'c-reword',
            effectiveAt: '2026-03-14',
            recordedAt: '2026-03-15T10:00:00.000Z',
            cause: { kind: 'meeting', meetingId: 'årsmøte-2026', amendmentNo: 4 },
          },
          p1('MeasureReworded', { measureId: 'm1', from: 'Verve', to: 'Verve flere' }),
        ),
      )
      .then('rm_plan_history', [
        { plan_id: 'p1', stream_revision: '0', event_type: 'PlanCreated', cause: null },
        { plan_id: 'p1', stream_revision: '1', event_type: 'MeasureAdded', cause: null },
        {
          plan_id: 'p1',
          stream_revision: '2',
          event_type: 'MeasureReworded',
          data: { planId: 'p1', measureId: 'm1', from: 'Verve', to: 'Verve flere' },
          actor: 'user:kari',
          command_id: 'c-reword',
          effective_at: '2026-03-14',
          recorded_at: '2026-03-15T10:00:00.000Z',
          cause: { kind: 'meeting', meetingId: 'årsmøte-2026', amendmentNo: 4 },
        },
      ]));

  it('names the element each event is about: the plan itself, a section, a goal or a measure', () =>
    spec
      .given(
        created(p1),
        p1('SectionAdded', { sectionId: 's1', number: '1', title: 'Organisasjon' }),
        p1('GoalAdded', { goalId: 'g1', sectionId: 's1', text: 'Flere medlemmer' }),
        measureAdded,
        p1('PlanAdopted', { revision: 1, body: 'ÅM', date: '2025-03-01' }),
      )
      .then('rm_plan_history', [
        { event_type: 'PlanCreated', element_kind: 'plan', element_id: null },
        { event_type: 'SectionAdded', element_kind: 'section', element_id: 's1' },
        { event_type: 'GoalAdded', element_kind: 'goal', element_id: 'g1' },
        { event_type: 'MeasureAdded', element_kind: 'measure', element_id: 'm1' },
        { event_type: 'PlanAdopted', element_kind: 'plan', element_id: null },
      ]));

  it('only adds rows: a change leaves the rows before it as they were', () =>
    spec
      .given(
        created(p1),
        measureAdded,
        p1('MeasureReworded', { measureId: 'm1', from: 'Verve', to: 'Verve flere' }),
      )
      .when(p1('MeasureStruck', { measureId: 'm1', reason: 'Gjennomført' }))
      .then('rm_plan_history', [
        { event_type: 'PlanCreated' },
        { event_type: 'MeasureAdded', data: measureAdded.data },
        {
          event_type: 'MeasureReworded',
          data: { planId: 'p1', measureId: 'm1', from: 'Verve', to: 'Verve flere' },
        },
        { event_type: 'MeasureStruck', data: { planId: 'p1', measureId: 'm1', reason: 'Gjennomført' } },
      ]));

  it('keeps each plan at its own revisions', () =>
    spec
      .given(created(p1), measureAdded)
      .when(created(p2, 'Arbeidsplan 2027–2029'))
      .then('rm_plan_history', [
        { plan_id: 'p1', stream_revision: '0' },
        { plan_id: 'p1', stream_revision: '1' },
        { plan_id: 'p2', stream_revision: '0' },
      ]));

  it('keeps follow-up and lineage, which change nothing in the plan, as history too', () =>
    spec
      .given(created(p1), measureAdded)
      .when(
        p1('ProgressNoted', { measureId: 'm1', note: 'Godt i gang' }),
        p1('LineageRejected', { fromPlanId: 'p0', from: ['x'], to: ['m1'] }),
      )
      .then('rm_plan_history', [
        { event_type: 'PlanCreated' },
        { event_type: 'MeasureAdded' },
        { event_type: 'ProgressNoted', element_kind: 'measure', element_id: 'm1' },
        { event_type: 'LineageRejected', element_kind: 'plan', element_id: null },
      ]));

  it('keeps nothing of the events of organisations, meetings and users', () =>
    spec
      .given(
        inStream('organisation-oslo', {
          type: 'OrganisationRegistered',
          data: { organisationId: 'oslo', name: 'Oslo', level: 'county' },
        }),
        inStream('plan-visibility-p1', {
          type: 'PlanVisibilityChanged',
          data: { planId: 'p1', organisationId: 'oslo', visibility: 'internal' },
        }),
      )
      .thenNoRows());
});
