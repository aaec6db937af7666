import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { inStream, planEvents, projectionSpecification, withMetadata } from '@app/testing';
import { currentPlanProjection } from './current-plan.projection.js';

const p1 = planEvents('p1');
const p2 = planEvents('p2');

const created = (plan: typeof p1 = p1) =>
  plan('PlanCreated', {
    organisationId: 'oslo',
    title: 'Arbeidsplan 2025–2027',
    period: { from: 2025, to: 2027 },
    edition: '2025',
    bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
  });
const section = p1('SectionAdded', { sectionId: 's1', number: '1', title: 'Organisasjon' });
const measure = p1('MeasureAdded', {
  measureId: 'm1',
  sectionId: 's1',
  label: 'A',
  text: 'Verve',
  timing: 'Høst 2026',
  responsible: ['FS'],
});
const adopted = (revision: number) =>
  p1('PlanAdopted', { revision, body: 'ÅM', date: `${2024 + revision}-03-01` });
/** A plan with a measure, adopted once. */
const anAdoptedPlan = [created(), section, measure, adopted(1)];

describe('the current plan projection (rm_plans)', () => {
  const spec = projectionSpecification(currentPlanProjection);
  beforeAll(() => spec.open());
  afterAll(() => spec.dispose());

  it('keeps a new plan as a draft, with its title, period, edition, bodies and organisation', () =>
    spec.given(created()).then('rm_plans', [
      {
        plan_id: 'p1',
        organisation_id: 'oslo',
        title: 'Arbeidsplan 2025–2027',
        period_from: 2025,
        period_to: 2027,
        edition: '2025',
        bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
        status: 'draft',
        adopted_revision: 0,
        predecessor_plan_id: null,
        parent_plan_id: null,
        revision: '0',
      },
    ]));

  it('follows the plan stream: its revision and when it last changed, and when it was created', () =>
    spec
      .given(created(), section)
      .when(withMetadata({ recordedAt: '2026-05-02T09:30:00.000Z' }, measure))
      .then('rm_plans', [
        {
          plan_id: 'p1',
          revision: '2',
          created_at: '2026-01-01T12:00:00.000Z',
          updated_at: '2026-05-02T09:30:00.000Z',
        },
      ]));

  it('is adopted by its adoption, unchanged since', () =>
    spec
      .given(created(), section, measure)
      .when(adopted(1))
      .then('rm_plans', [
        { plan_id: 'p1', status: 'adopted', adopted_revision: 1, changed_since_adoption: false },
      ]));

  it('is changed since its adoption by an amendment after it', () =>
    spec
      .given(anAdoptedPlan)
      .when(p1('MeasureReworded', { measureId: 'm1', from: 'Verve', to: 'Verve flere' }))
      .then('rm_plans', [{ status: 'adopted', adopted_revision: 1, changed_since_adoption: true }]));

  it.each([
    ['a reassignment', p1('MeasureReassigned', { measureId: 'm1', from: ['FS'], to: ['LL'] })],
    ['a new timing', p1('MeasureRetimed', { measureId: 'm1', from: 'Høst 2026', to: 'Vår 2027' })],
    ['a struck measure', p1('MeasureStruck', { measureId: 'm1', reason: 'Gjennomført' })],
    ['a new goal', p1('GoalAdded', { goalId: 'g1', sectionId: 's1', text: 'Flere medlemmer' })],
    ['a retitled section', p1('SectionRetitled', { sectionId: 's1', from: 'Organisasjon', to: 'Lag' })],
  ])('is changed since its adoption by %s', (_, amendment) =>
    spec
      .given(anAdoptedPlan)
      .when(amendment)
      .then('rm_plans', [{ changed_since_adoption: true }]),
  );

  it.each([
    [
      'a status report',
      p1('MeasureStatusChanged', {
        measureId: 'm1',
        from: 'not_started',
        to: 'in_progress',
        note: 'Startet',
      }),
    ],
    ['a progress note', p1('ProgressNoted', { measureId: 'm1', note: 'Godt i gang' })],
    ['a measured indicator', p1('IndicatorMeasured', { metric: 'members', value: 2993, at: '2025-12-31' })],
    [
      'a confirmed lineage',
      p1('LineageConfirmed', { fromPlanId: 'p0', from: ['x'], to: ['m1'], kind: 'reworded' }),
    ],
  ])('is not changed since its adoption by %s (follow-up, not an amendment)', (_, followUp) =>
    spec
      .given(anAdoptedPlan)
      .when(followUp)
      .then('rm_plans', [{ changed_since_adoption: false }]),
  );

  it('is unchanged again once adopted again, at the next adopted revision', () =>
    spec
      .given(anAdoptedPlan, p1('MeasureReworded', { measureId: 'm1', from: 'Verve', to: 'Verve flere' }))
      .when(adopted(2))
      .then('rm_plans', [{ status: 'adopted', adopted_revision: 2, changed_since_adoption: false }]));

  it('takes a new title, a declared body and its links to a predecessor and a parent plan', () =>
    spec
      .given(created())
      .when(
        p1('PlanRetitled', { from: 'Arbeidsplan 2025–2027', to: 'Arbeidsplan for Oslo 2025–2027' }),
        p1('BodyDeclared', { code: 'LL', name: 'Lokallagene' }),
        p1('PlanLinked', { predecessorPlanId: 'p0', parentPlanId: 'national' }),
      )
      .then('rm_plans', [
        {
          title: 'Arbeidsplan for Oslo 2025–2027',
          bodies: [
            { code: 'FS', name: 'Fylkesstyret' },
            { code: 'LL', name: 'Lokallagene' },
          ],
          predecessor_plan_id: 'p0',
          parent_plan_id: 'national',
        },
      ]));

  it('is superseded by its successor, and keeps its last adopted revision', () =>
    spec
      .given(anAdoptedPlan)
      .when(p1('PlanSuperseded', { byPlanId: 'p2' }))
      .then('rm_plans', [{ plan_id: 'p1', status: 'superseded', adopted_revision: 1 }]));

  it("changes one plan's row with that plan's events only", () =>
    spec
      .given(anAdoptedPlan, created(p2))
      .when(p1('PlanRetitled', { from: 'Arbeidsplan 2025–2027', to: 'Ny tittel' }))
      .then('rm_plans', [
        { plan_id: 'p1', title: 'Ny tittel', revision: '4' },
        { plan_id: 'p2', title: 'Arbeidsplan 2025–2027', revision: '0', status: 'draft' },
      ]));

  it('keeps nothing of events of plans it never saw created, nor of other streams', () =>
    spec
      .given(
        p2('PlanRetitled', { from: 'A', to: 'B' }),
        inStream('organisation-oslo', {
          type: 'OrganisationRegistered',
          data: { organisationId: 'oslo', name: 'Oslo', level: 'county' },
        }),
      )
      .thenNoRows('rm_plans'));
});
