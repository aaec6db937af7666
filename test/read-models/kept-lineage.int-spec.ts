import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import { eventIdFor, type RecordedEvent } from '@app/event-store';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import {
  ProjectionRunner,
  currentPlanProjection,
  flattenGoals,
  flattenMeasures,
  keptLineage,
  lineageTexts,
  loadLineage,
  loadPlanDiff,
  planAt,
  planHistoryProjection,
  planNowProjection,
  planTextsOf,
  readModelMigrations,
  suggestLineage,
  type ReadModelDatabase,
} from '@app/read-models';
import { demoSeedsDir } from '@app/runtime';
import { createTestDatabase, readEverything, tablesOf, type TestDatabase } from '@app/testing';
import { generateWorkload, loadTextCorpus, parseScale, writeWorkload } from '@app/workload';
import { sql, type Kysely } from 'kysely';

const TODAY = '2027-06-30';

/** Every row of plan-now's lineage tables, sorted, as text. */
async function lineageRows(db: Kysely<ReadModelDatabase>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ['rm_plan_lineage_texts', 'rm_plan_lineage'] as const) {
    const found = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(db);
    out[table] = found.rows.map((r) => r.row).sort();
  }
  return out;
}

/**
 * The lineage suggestions plan-now keeps between each plan and its predecessor: after
 * amendments to both plans they are still those the texts give, the lineage and the successor
 * diff answer with them exactly as when they are made at read time, and a rebuild keeps the same.
 */
describe('kept lineage suggestions', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let runner: ProjectionRunner;
  let seen = 0;
  const projections = [currentPlanProjection, planHistoryProjection, planNowProjection];

  /** Applies what the store holds beyond what was applied, in uneven batches. */
  async function catchUp(): Promise<void> {
    const events: RecordedEvent[] = (await readEverything(store)).slice(seen);
    for (let i = 0, size = 1; i < events.length; i += size, size = (size * 7) % 613) {
      for (const projection of projections) await runner.applyBatch(projection, events.slice(i, i + size));
    }
    seen += events.length;
  }

  let step = 0;
  async function append(planId: string, type: string, data: Record<string, unknown>): Promise<void> {
    step++;
    await store.appendToStream(`plan-${planId}`, [
      {
        id: eventIdFor(`kept-lineage-${step}`, 0),
        type,
        data: { planId, ...data },
        metadata: {
          actor: 'user:test',
          commandId: `kept-lineage-${step}`,
          correlationId: `kept-lineage-${step}`,
          effectiveAt: '2027-01-15',
          recordedAt: `2027-01-15T18:${String(step).padStart(2, '0')}:00.000Z`,
        },
      },
    ]);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
    await migrateToLatest(database.db, 'read_model', readModelMigrations);
    store = new PostgresEventStore(database.db);
    runner = new ProjectionRunner(database.db, store, projections);
    const corpus = loadTextCorpus(demoSeedsDir());
    await writeWorkload(store, generateWorkload({ seed: 11, scale: parseScale('tiny'), corpus }));
    await catchUp();
  });
  afterAll(async () => {
    await store.close();
    await database.dispose();
  });

  const successors = async () =>
    (
      await tablesOf(database)
        .selectFrom('rm_plans')
        .select(['plan_id', 'predecessor_plan_id'])
        .where('predecessor_plan_id', 'is not', null)
        .orderBy('plan_id')
        .execute()
    ).map((p) => ({ to: p.plan_id, from: p.predecessor_plan_id! }));

  /** For every plan and predecessor: the kept suggestions are those of their texts now. */
  async function expectKeptAsComputed(): Promise<void> {
    const pairs = await successors();
    expect(pairs.length).toBeGreaterThan(0);
    for (const { from, to } of pairs) {
      const [fromView, toView] = [
        await planAt(database.db, from, {}, TODAY),
        await planAt(database.db, to, {}, TODAY),
      ];
      const kept = await keptLineage(database.db, from, to);
      expect(kept).toBeDefined();
      expect({ from: kept!.from_key, to: kept!.to_key }).toEqual({
        from: planTextsOf(fromView!).key,
        to: planTextsOf(toView!).key,
      });
      expect({ measures: JSON.parse(kept!.measures), goals: JSON.parse(kept!.goals) }).toEqual(
        suggestLineage(lineageTexts(fromView!), lineageTexts(toView!)),
      );
    }
  }

  it('are those the texts give, after amendments to both plans', async () => {
    const { from, to } = (await successors())[0]!;
    for (const planId of [from, to]) {
      const view = (await planAt(database.db, planId, {}, TODAY))!;
      const [first, second] = flattenMeasures(view.sections);
      const [goal] = flattenGoals(view.sections);
      // Reworded towards each other's words, so the suggestions change, not only the texts.
      await append(planId, 'MeasureReworded', {
        measureId: first!.id,
        from: first!.text,
        to: `${first!.text} Vi skal verve flere medlemmer gjennom dørbankaksjoner.`,
      });
      await append(planId, 'MeasureReworded', {
        measureId: second!.id,
        from: second!.text,
        to: 'Arrangere sommerfest.',
      });
      await append(planId, 'GoalReworded', {
        goalId: goal!.id,
        from: goal!.text,
        to: `${goal!.text} og flere aktive`,
      });
    }
    await catchUp();
    await expectKeptAsComputed();
  });

  it('are the same rebuilt from position 0', async () => {
    const applied = await lineageRows(database.db);
    expect(applied.rm_plan_lineage!.length).toBe((await successors()).length);
    await runner.rebuild([planNowProjection.name]);
    expect(await lineageRows(database.db)).toEqual(applied);
    await expectKeptAsComputed();
  });
  it('give the lineage and the successor diff exactly as made at read time', async () => {
    const answers = async () => {
      const out: unknown[] = [];
      for (const { from, to } of await successors()) {
        out.push(await loadPlanDiff(database.db, to, { fromPlan: from }, TODAY));
        for (const version of ['first-adopted', 'now'] as const)
          out.push(await loadLineage(database.db, from, to, TODAY, version));
      }
      return out;
    };
    await expectKeptAsComputed();
    const kept = await answers();
    // Without kept rows every suggestion is made at read time, as before plan-now kept them.
    await sql`delete from rm_plan_lineage`.execute(database.db);
    expect(kept).toEqual(await answers());
  });
});
