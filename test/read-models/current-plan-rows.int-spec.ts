import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import {
  ProjectionRunner,
  currentPlanProjection,
  planAt,
  planHistoryProjection,
  readModelMigrations,
  type ReadModelDatabase,
  type SectionView,
} from '@app/read-models';
import { demoSeedsDir } from '@app/runtime';
import { createTestDatabase, readEverything, tablesOf, type TestDatabase } from '@app/testing';
import { generateWorkload, loadTextCorpus, parseScale, writeWorkload } from '@app/workload';
import { eventIdFor, type EventStore } from '@app/event-store';
import type { PlanEvent } from '@app/domain';
import { sql, type Kysely } from 'kysely';

/**
 * A plan that goes through every kind of plan event the synthetic party has not: retitled,
 * linked, a body declared, sections retitled and introduced, goals reworded, targeted and
 * struck, measures moved and struck, amended after its adoption, superseded.
 */
async function appendEveryKindOfChange(store: EventStore): Promise<void> {
  const planId = 'every-change';
  const events: PlanEvent[] = [
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
  // One append per event after the first two, so the projection sees the plan change across batches.
  for (const [i, event] of events.entries()) {
    await store.appendToStream(`plan-${planId}`, [
      {
        id: eventIdFor(`every-change-${i}`, 0),
        type: event.type,
        data: event.data,
        metadata: {
          actor: 'user:test',
          commandId: `every-change-${i}`,
          correlationId: `every-change-${i}`,
          effectiveAt: `2024-0${1 + (i % 9)}-01`,
          recordedAt: `2026-01-${String(1 + i).padStart(2, '0')}T18:00:00.000Z`,
        },
      },
    ]);
  }
}

/** Every row of the current plan's tables, sorted, as text. */
async function rows(db: Kysely<ReadModelDatabase>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of currentPlanProjection.tables) {
    const found = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(db);
    out[table] = found.rows.map((r) => r.row).sort();
  }
  return out;
}

/**
 * The current plan's rows from a synthetic party's years of plans (every kind of plan event:
 * adoptions, amendments, moves, reassignments, status reports), applied as a running api
 * applies them (batches as they come) and rebuilt from position 0: the same rows either way,
 * and the same plan as the pages fold from its history.
 */
describe('current plan rows', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
    await migrateToLatest(database.db, 'read_model', readModelMigrations);
    store = new PostgresEventStore(database.db);
    const corpus = loadTextCorpus(demoSeedsDir());
    await writeWorkload(store, generateWorkload({ seed: 11, scale: parseScale('tiny'), corpus }));
    await appendEveryKindOfChange(store);
  });
  afterAll(async () => {
    await store.close();
    await database.dispose();
  });

  it('are the same applied in batches as they come and rebuilt from position 0', async () => {
    const events = await readEverything(store);
    const projections = [currentPlanProjection, planHistoryProjection];
    const runner = new ProjectionRunner(database.db, store, projections);
    // Batches of uneven sizes, so events of one plan fall in several batches and a batch holds several plans.
    for (let i = 0, size = 1; i < events.length; i += size, size = (size * 7) % 613) {
      for (const projection of projections) await runner.applyBatch(projection, events.slice(i, i + size));
    }
    const applied = await rows(database.db);
    expect(applied.rm_plan_measures!.length).toBeGreaterThan(100);

    await runner.rebuild([currentPlanProjection.name]);
    expect(await rows(database.db)).toEqual(applied);
  });

  it('hold each plan as its history folds it', async () => {
    const plans = await tablesOf(database).selectFrom('rm_plans').selectAll().execute();
    expect(plans.length).toBeGreaterThan(3);
    for (const plan of plans) {
      const view = await planAt(database.db, plan.plan_id, {}, '2026-12-07');
      expect(view).toBeDefined();
      expect({
        title: plan.title,
        status: plan.status,
        adopted: plan.adopted_revision,
        changed: plan.changed_since_adoption,
      }).toEqual({
        title: view!.title,
        status: view!.status,
        adopted: view!.adoptedRevision,
        changed: view!.changedSinceAdoption,
      });
      const measures = await tablesOf(database)
        .selectFrom('rm_plan_measures')
        .select(['measure_id', 'text', 'status', 'struck'])
        .where('plan_id', '=', plan.plan_id)
        .where('struck', '=', false)
        .orderBy('measure_id')
        .execute();
      const allSections = (sections: readonly SectionView[]): SectionView[] =>
        sections.flatMap((s) => [s, ...allSections(s.sections)]);
      const live = allSections(view!.sections)
        .flatMap((s) => s.measures)
        .map((m) => ({ measure_id: m.id, text: m.text, status: m.status, struck: false }))
        .sort((a, b) => (a.measure_id < b.measure_id ? -1 : 1));
      expect(measures).toEqual(live);
    }
  });
});
