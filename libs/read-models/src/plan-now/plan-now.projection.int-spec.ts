import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { inStream, planEvents, projectionSpecification } from '@app/testing';
import type { Kysely } from 'kysely';
import { timelineFromJson } from '../plan-view/plan-timeline.js';
import { planViewFromJson, renderPlanView, type SectionView } from '../plan-view/plan-view.js';
import type { ReadModelDatabase } from '../read-model-database.js';
import { planNowProjection } from './plan-now.projection.js';

const p1 = planEvents('p1');
const p2 = planEvents('p2');

const created = (plan: typeof p1 = p1) =>
  plan('PlanCreated', {
    organisationId: 'oslo',
    title: 'Arbeidsplan 2025–2027',
    period: { from: 2025, to: 2027 },
    bodies: [
      { code: 'FS', name: 'Fylkesstyret' },
      { code: 'LL', name: 'Lokallagene' },
    ],
  });
const aPlan = [
  created(),
  p1('SectionAdded', { sectionId: 's1', number: '1', title: 'Organisasjon' }),
  p1('MeasureAdded', {
    measureId: 'm1',
    sectionId: 's1',
    label: 'A',
    text: 'Verve',
    timing: 'Høst 2026',
    responsible: ['FS'],
  }),
  p1('MeasureAdded', {
    measureId: 'm2',
    sectionId: 's1',
    label: 'B',
    text: 'Skolere',
    timing: 'Løpende',
    responsible: ['LL'],
  }),
];

/** The plan now as GET /plans/:id reads it (the kept view, marked for the day), in brief. */
async function planNow(db: Kysely<ReadModelDatabase>, planId: string) {
  const row = await db
    .selectFrom('rm_plan_now')
    .select('view')
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!row?.view) return undefined;
  const view = planViewFromJson(row.view, '2026-06-01');
  const sections = (list: readonly SectionView[]): SectionView[] =>
    list.flatMap((s) => [s, ...sections(s.sections)]);
  return {
    title: view.title,
    status: view.status,
    revision: view.revision,
    adoptedRevision: view.adoptedRevision,
    changedSinceAdoption: view.changedSinceAdoption,
    measures: sections(view.sections).flatMap((s) =>
      s.measures.map((m) => ({
        address: m.address,
        text: m.text,
        timing: m.timing,
        responsible: m.responsible,
        status: m.status,
        statusNote: m.statusNote,
      })),
    ),
    struck: view.struck.measures.map((m) => m.address),
  };
}

describe('the plan-now projection (rm_plan_now)', () => {
  const spec = projectionSpecification(planNowProjection);
  beforeAll(() => spec.open());
  afterAll(() => spec.dispose());

  it('keeps a new plan as it stands, at its last revision', () =>
    spec.given(aPlan).thenQuery((db) => planNow(db, 'p1'), {
      title: 'Arbeidsplan 2025–2027',
      status: 'draft',
      revision: 3,
      adoptedRevision: 0,
      changedSinceAdoption: true,
      measures: [
        {
          address: '1.A',
          text: 'Verve',
          timing: 'Høst 2026',
          responsible: ['FS'],
          status: 'not_started',
          statusNote: null,
        },
        {
          address: '1.B',
          text: 'Skolere',
          timing: 'Løpende',
          responsible: ['LL'],
          status: 'not_started',
          statusNote: null,
        },
      ],
      struck: [],
    }));

  it('holds an amended measure as amended: its text, timing and who is responsible', () =>
    spec
      .given(aPlan, p1('PlanAdopted', { revision: 1, body: 'ÅM', date: '2025-03-01' }))
      .when(
        p1('MeasureReworded', { measureId: 'm1', from: 'Verve', to: 'Verve flere' }),
        p1('MeasureRetimed', { measureId: 'm1', from: 'Høst 2026', to: 'Vår 2027' }),
        p1('MeasureReassigned', { measureId: 'm1', from: ['FS'], to: ['LL', 'FS'] }),
      )
      .thenQuery(async (db) => (await planNow(db, 'p1'))?.measures[0], {
        address: '1.A',
        text: 'Verve flere',
        timing: 'Vår 2027',
        responsible: ['LL', 'FS'],
        status: 'not_started',
        statusNote: null,
      }));

  it('is adopted by its adoption and changed since by an amendment after it', () =>
    spec
      .given(aPlan, p1('PlanAdopted', { revision: 1, body: 'ÅM', date: '2025-03-01' }))
      .when(p1('MeasureStruck', { measureId: 'm2', reason: 'Slått sammen med 1.A' }))
      .thenQuery(
        async (db) => {
          const plan = await planNow(db, 'p1');
          return plan && { ...plan, measures: plan.measures.map((m) => m.address) };
        },
        {
          title: 'Arbeidsplan 2025–2027',
          status: 'adopted',
          revision: 5,
          adoptedRevision: 1,
          changedSinceAdoption: true,
          measures: ['1.A'],
          struck: ['1.B'],
        },
      ));

  it('holds the last status report of a measure, with its note', () =>
    spec
      .given(aPlan)
      .when(
        p1('MeasureStatusChanged', {
          measureId: 'm2',
          from: 'not_started',
          to: 'in_progress',
          note: 'Startet',
        }),
        p1('MeasureStatusChanged', { measureId: 'm2', from: 'in_progress', to: 'done', note: 'Ferdig' }),
      )
      .thenQuery(async (db) => (await planNow(db, 'p1'))?.measures[1], {
        address: '1.B',
        text: 'Skolere',
        timing: 'Løpende',
        responsible: ['LL'],
        status: 'done',
        statusNote: 'Ferdig',
      }));

  it('keeps each plan apart, one row each at its own revision', () =>
    spec
      .given(aPlan)
      .when(created(p2), p1('PlanRetitled', { from: 'Arbeidsplan 2025–2027', to: 'Ny tittel' }))
      .then('rm_plan_now', [
        { plan_id: 'p1', stream_revision: '4' },
        { plan_id: 'p2', stream_revision: '0' },
      ]));

  it("keeps the suggested links from a plan's predecessor, made again when either plan's texts change", () =>
    spec
      .given(
        aPlan,
        p2('PlanCreated', {
          organisationId: 'oslo',
          title: 'Arbeidsplan 2028–2031',
          period: { from: 2028, to: 2031 },
          bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
          predecessorPlanId: 'p1',
        }),
        p2('SectionAdded', { sectionId: 't1', number: '1', title: 'Organisasjon' }),
        p2('MeasureAdded', {
          measureId: 'n1',
          sectionId: 't1',
          label: 'A',
          text: 'Verve',
          timing: 'Høst 2028',
          responsible: ['FS'],
        }),
      )
      .when(p2('MeasureReworded', { measureId: 'n1', from: 'Verve', to: 'Skolere' }))
      .thenQuery(
        async (db) => {
          const rows = await db.selectFrom('rm_plan_lineage').selectAll().execute();
          return rows.map((r) => ({
            to: r.to_plan_id,
            from: r.from_plan_id,
            measures: JSON.parse(r.measures),
          }));
        },
        [
          {
            to: 'p2',
            from: 'p1',
            measures: [
              { from: ['m1'], to: [], kind: 'dropped', score: 0 },
              { from: ['m2'], to: ['n1'], kind: 'unchanged', score: 1 },
            ],
          },
        ],
      ));

  it('keeps the view the plan now reads as its kept fold renders it, overdue marked for the day it is read', () =>
    spec
      .given(aPlan, p1('PlanAdopted', { revision: 1, body: 'ÅM', date: '2025-03-01' }))
      .when(p1('MeasureStatusChanged', { measureId: 'm2', from: 'not_started', to: 'in_progress' }))
      .thenQuery(
        async (db) => {
          const row = await db
            .selectFrom('rm_plan_now')
            .select(['view', 'timeline'])
            .where('plan_id', '=', 'p1')
            .executeTakeFirstOrThrow();
          const read = planViewFromJson(row.view!, '2027-01-15');
          expect(read).toEqual(renderPlanView(timelineFromJson(row.timeline), '2027-01-15'));
          return read.sections[0]!.measures.filter((m) => m.overdue).map((m) => m.address);
        },
        ['1.A'],
      ));

  it('keeps nothing of events that are not plan events', () =>
    spec
      .given(
        inStream('organisation-oslo', {
          type: 'OrganisationRegistered',
          data: { organisationId: 'oslo', name: 'Oslo', level: 'county' },
        }),
      )
      .thenNoRows());
});
