import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import {
  ProjectionRunner,
  currentPlanProjection,
  planAt,
  foldTimeline,
  loadTimelineRows,
  planHistoryProjection,
  planNowProjection,
  readModelMigrations,
  renderPlanView,
  timelineAt,
  type ReadModelDatabase,
} from '@app/read-models';
import { demoSeedsDir } from '@app/runtime';
import {
  createTestDatabase,
  everyKindOfPlanChange,
  readEverything,
  tablesOf,
  type TestDatabase,
} from '@app/testing';
import { generateWorkload, loadTextCorpus, parseScale, writeWorkload } from '@app/workload';
import { eventIdFor, type EventStore } from '@app/event-store';
import { sql, type Kysely } from 'kysely';

/** A plan that goes through every kind of plan event the synthetic party has not. */
async function appendEveryKindOfChange(store: EventStore): Promise<void> {
  const planId = 'every-change';
  const events = everyKindOfPlanChange(planId);
  // One append per event, so the projection sees the plan change across batches.
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
  for (const table of [...currentPlanProjection.tables, ...planNowProjection.tables]) {
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
describe("the current plan's rows and the plan now", () => {
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
    const projections = [currentPlanProjection, planHistoryProjection, planNowProjection];
    const runner = new ProjectionRunner(database.db, store, projections);
    // Batches of uneven sizes, so events of one plan fall in several batches and a batch holds several plans.
    for (let i = 0, size = 1; i < events.length; i += size, size = (size * 7) % 613) {
      for (const projection of projections) await runner.applyBatch(projection, events.slice(i, i + size));
    }
    const applied = await rows(database.db);
    expect(applied.rm_plans!.length).toBeGreaterThan(3);
    expect(applied.rm_plan_now!.length).toBe(applied.rm_plans!.length);

    await runner.rebuild([currentPlanProjection.name, planNowProjection.name]);
    expect(await rows(database.db)).toEqual(applied);
  });

  it('keep each plan now as folding its whole history gives it', async () => {
    const plans = await tablesOf(database).selectFrom('rm_plans').select('plan_id').execute();
    const kept = await tablesOf(database).selectFrom('rm_plan_now').select('plan_id').execute();
    expect(kept.map((p) => p.plan_id).sort()).toEqual(plans.map((p) => p.plan_id).sort());
    for (const { plan_id } of plans) {
      expect(await timelineAt(database.db, plan_id)).toEqual(
        foldTimeline(await loadTimelineRows(database.db, plan_id)),
      );
    }
  });

  it('keep each plan now as the view its folded history renders, on any day', async () => {
    const kept = await tablesOf(database).selectFrom('rm_plan_now').select(['plan_id', 'view']).execute();
    expect(kept.length).toBeGreaterThan(3);
    for (const { plan_id, view } of kept) {
      expect(view).not.toBeNull();
      const folded = foldTimeline(await loadTimelineRows(database.db, plan_id));
      for (const day of ['2019-01-01', '2024-06-30', '2027-12-31']) {
        expect(await planAt(database.db, plan_id, {}, day)).toEqual(renderPlanView(folded, day));
      }
    }
  });

  it('hold each plan as its history folds it (its sections, goals and measures: the plan now, above)', async () => {
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
    }
  });

  it('read the plan now right while plan-now is behind the history, its kept timeline caught up', async () => {
    // The history takes a status report that plan-now has not applied yet (it gathers while
    // commands keep coming, docs/adr/0026).
    const plans = await tablesOf(database).selectFrom('rm_plans').select('plan_id').execute();
    const planId = plans.find((p) => p.plan_id !== 'every-change')!.plan_id;
    const timeline = await timelineAt(database.db, planId);
    const measure = [...(timeline!.state.status === 'none' ? [] : timeline!.state.measures.values())].find(
      (m) => !m.struck,
    )!;
    const appended = await store.appendToStream(`plan-${planId}`, [
      {
        id: eventIdFor('behind-status', 0),
        type: 'MeasureStatusChanged',
        data: {
          planId,
          measureId: measure.id,
          from: measure.status,
          to: measure.status === 'done' ? 'postponed' : 'done',
          note: 'Meldt mens plan-now venter',
        },
        metadata: {
          actor: 'user:test',
          commandId: 'behind-status',
          correlationId: 'behind-status',
          effectiveAt: '2026-12-07',
          recordedAt: '2026-12-07T18:00:00.000Z',
        },
      },
    ]);
    const [event] = await store.readStream(`plan-${planId}`, { fromRevision: appended.nextExpectedRevision });
    const runner = new ProjectionRunner(database.db, store, [planHistoryProjection]);
    await runner.applyBatch(planHistoryProjection, [event!]);
    const keptRevision = await tablesOf(database)
      .selectFrom('rm_plan_now')
      .select('stream_revision')
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(BigInt(keptRevision.stream_revision)).toBe(appended.nextExpectedRevision - 1n);

    const folded = foldTimeline(await loadTimelineRows(database.db, planId));
    expect(folded.state.status !== 'none' && folded.state.measures.get(measure.id)!.status).not.toBe(
      measure.status,
    );
    expect(await timelineAt(database.db, planId)).toEqual(folded);
    expect(await planAt(database.db, planId, {}, '2026-12-07')).toEqual(renderPlanView(folded, '2026-12-07'));
  });
});
