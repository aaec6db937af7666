import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import { comparePositions, eventIdFor, type EventStore } from '@app/event-store';
import { EventStoreDBEventStore } from '@app/event-store-esdb';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import { EsdbImitation, createTestDatabase, readEverything, tablesOf, type TestDatabase } from '@app/testing';
import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from './read-model-database.js';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { currentPlanProjection } from './current-plan/current-plan.projection.js';
import { dropDeferredIndexes, restoreDeferredIndexes } from './deferred-indexes.js';
import { planAt } from './plan-view/plan-at.js';
import { planHistoryProjection } from './plan-history/plan-history.projection.js';
import { readModelMigrations } from './migrations/index.js';
import { ProjectionRunner } from './projection-runner.js';
import type { Projection } from './projection.js';
import { readCheckpoint } from './checkpoints/checkpoints.js';

const meta = (commandId: string) => ({
  actor: 'user:test',
  commandId,
  correlationId: commandId,
  effectiveAt: '2026-01-27',
  recordedAt: '2026-01-27T18:00:00.000Z',
});

async function appendPlan(store: EventStore, planId: string, measures: number): Promise<void> {
  const c = randomUUID();
  await store.appendToStream(`plan-${planId}`, [
    {
      id: eventIdFor(c, 0),
      type: 'PlanCreated',
      data: { planId, organisationId: 'o', title: 'T', period: { from: 2024, to: 2027 }, bodies: [] },
      metadata: meta(c),
    },
    {
      id: eventIdFor(c, 1),
      type: 'SectionAdded',
      data: { planId, sectionId: `${planId}-s`, number: '1', title: 'S' },
      metadata: meta(c),
    },
    ...Array.from({ length: measures }, (_, i) => ({
      id: eventIdFor(c, i + 2),
      type: 'MeasureAdded',
      data: {
        planId,
        measureId: `${planId}-m${i}`,
        sectionId: `${planId}-s`,
        label: String.fromCharCode(65 + i),
        text: `Tiltak ${i}`,
        timing: '',
        responsible: [],
      },
      metadata: meta(c),
    })),
  ]);
}

/** Every row of the projections' tables, sorted, as text. */
async function rows(db: Kysely<ReadModelDatabase>): Promise<Record<string, string[]>> {
  const tables = [...currentPlanProjection.tables, ...planHistoryProjection.tables];
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const found = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(db);
    out[table] = found.rows.map((r) => r.row).sort();
  }
  return out;
}

async function historyIndexes(db: Kysely<ReadModelDatabase>): Promise<string[]> {
  const found = await sql<{ name: string }>`
    select indexname as name from pg_indexes where tablename = 'rm_plan_history' order by 1`.execute(db);
  return found.rows.map((r) => r.name);
}

describe('ProjectionRunner', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
    await migrateToLatest(database.db, 'read_model', readModelMigrations);
    store = new PostgresEventStore(database.db);
  });
  afterAll(async () => {
    await store.close();
    await database.dispose();
  });

  it('applies a batch delivered twice only once', async () => {
    await appendPlan(store, 'twice', 3);
    const runner = new ProjectionRunner(database.db, store, [currentPlanProjection, planHistoryProjection]);
    const batch = (await readEverything(store)).filter((e) => e.streamId === 'plan-twice');
    await runner.applyBatch(currentPlanProjection, batch);
    await runner.applyBatch(planHistoryProjection, batch);
    // A redelivery (a retry after a lost acknowledgement) must not insert the rows again.
    await runner.applyBatch(currentPlanProjection, batch);
    await runner.applyBatch(planHistoryProjection, batch);
    const plan = await planAt(database.db, 'twice', {}, '2026-11-23');
    expect(plan?.sections[0]?.measures.map((m: { label: string }) => m.label)).toEqual(['A', 'B', 'C']);
  });

  it('only moves the checkpoint past a batch a projection has nothing to do with, and never back', async () => {
    await appendPlan(store, 'unrelated', 2);
    const applied: number[] = [];
    const organisationsOnly: Projection = {
      name: 'organisations-only',
      tables: [],
      handles: (event) => event.type.startsWith('Organisation'),
      apply: async (_trx, events) => void applied.push(events.length),
    };
    const runner = new ProjectionRunner(database.db, store, [organisationsOnly]);
    const batch = (await readEverything(store)).filter((e) => e.streamId === 'plan-unrelated');
    const last = batch[batch.length - 1]!.position;
    await runner.applyBatch(organisationsOnly, batch);
    expect(applied).toEqual([]);
    expect(await readCheckpoint(database.db, 'organisations-only')).toEqual(last);
    expect((await runner.status())[0]).toMatchObject({ lag: 0 });
    // A slower process delivering an older batch does not move it back.
    await runner.applyBatch(organisationsOnly, batch.slice(0, 1));
    expect(await readCheckpoint(database.db, 'organisations-only')).toEqual(last);
  });

  it('moves the checkpoint to where the store read up to, past events nobody is shown, and keeps any unsigned 64-bit position', async () => {
    const skipped: Projection = { name: 'past-system-events', tables: [], apply: async () => undefined };
    const runner = new ProjectionRunner(database.db, store, [skipped]);
    // EventStoreDB hands over how far it searched past its own events: no events, a position.
    const beyond = { commit: 2n ** 63n + 5n, prepare: 2n ** 63n + 4n };
    await runner.applyBatch(skipped, [], beyond);
    expect(await readCheckpoint(database.db, 'past-system-events')).toEqual(beyond);
    // Its positions are unsigned 64-bit numbers: the largest one must fit too.
    const last = { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n };
    await runner.applyBatch(skipped, [], last);
    expect(await readCheckpoint(database.db, 'past-system-events')).toEqual(last);
    await runner.applyBatch(skipped, [], beyond);
    expect(await readCheckpoint(database.db, 'past-system-events')).toEqual(last);
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'rebuilds everything stored when it started, also events a transaction still running holds back (PostgreSQL)',
    async () => {
      await appendPlan(store, 'before-blocker', 1);
      // A transaction with an id, left open: the events committed after it are held back.
      const blocker = new pg.Client({ connectionString: database.url });
      await blocker.connect();
      await blocker.query('begin');
      await blocker.query('select pg_current_xact_id()');
      await appendPlan(store, 'held-back', 3);
      const runner = new ProjectionRunner(database.db, store, [currentPlanProjection, planHistoryProjection]);
      const rebuilt = runner.rebuild();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await blocker.query('commit');
      await blocker.end();
      await rebuilt;
      expect((await planAt(database.db, 'held-back', {}, '2026-11-23'))?.sections[0]?.measures).toHaveLength(
        3,
      );
    },
  );

  it('lets two runners of the same projection share the work without applying anything twice', async () => {
    await appendPlan(store, 'shared', 5);
    const first = new ProjectionRunner(database.db, store, [currentPlanProjection, planHistoryProjection]);
    const second = new ProjectionRunner(database.db, store, [currentPlanProjection, planHistoryProjection]);
    await Promise.all([first.start({ pollIntervalMs: 10 }), second.start({ pollIntervalMs: 10 })]);
    const head = await store.committedHeadPosition();
    await Promise.all([first.caughtUpTo(head), second.caughtUpTo(head)]);
    await Promise.all([first.stop(), second.stop()]);
    expect((await planAt(database.db, 'shared', {}, '2026-11-23'))?.sections[0]?.measures).toHaveLength(5);
    expect((await first.status())[0]).toMatchObject({ lag: 0 });
  });

  it('rebuilds to exactly the rows the subscriptions built, with the history indexes back', async () => {
    const indexes = await historyIndexes(database.db);
    expect(indexes).toEqual(['rm_plan_history_effective', 'rm_plan_history_element', 'rm_plan_history_pkey']);
    const incremental = await rows(database.db);
    expect(incremental.rm_plans!.length).toBeGreaterThan(0);
    expect(incremental.rm_plan_history!.length).toBeGreaterThan(incremental.rm_plans!.length);
    const runner = new ProjectionRunner(database.db, store, [currentPlanProjection, planHistoryProjection]);
    await runner.rebuild();
    expect(await rows(database.db)).toEqual(incremental);
    expect(await historyIndexes(database.db)).toEqual(indexes);
  });

  it('creates again the indexes a rebuild that died had dropped', async () => {
    const indexes = await historyIndexes(database.db);
    // What a rebuild killed after emptying the tables leaves behind.
    await database.db
      .transaction()
      .execute((trx) => dropDeferredIndexes(trx, planHistoryProjection.deferredIndexes!));
    expect(await historyIndexes(database.db)).toEqual(['rm_plan_history_pkey']);
    await restoreDeferredIndexes(database.db);
    expect(await historyIndexes(database.db)).toEqual(indexes);
    expect(await tablesOf(database).selectFrom('projection_deferred_indexes').selectAll().execute()).toEqual(
      [],
    );
  });

  it('rebuilds from position 0 to the same rows', async () => {
    const runner = new ProjectionRunner(database.db, store, [currentPlanProjection, planHistoryProjection]);
    await runner.rebuild();
    const before = JSON.stringify(await planAt(database.db, 'shared', {}, '2026-11-23'));
    const progress: number[] = [];
    await runner.rebuild(undefined, (p) => progress.push(p.applied), 4);
    expect(JSON.stringify(await planAt(database.db, 'shared', {}, '2026-11-23'))).toBe(before);
    expect(progress.length).toBeGreaterThan(1);
  });
});

/** Every checkpoint row, as text. */
async function checkpoints(db: Kysely<ReadModelDatabase>): Promise<string[]> {
  const found = await sql<{
    row: string;
  }>`select t::text as row from projection_checkpoints t order by name`.execute(db);
  return found.rows.map((r) => r.row);
}

/** Schemas a rebuild writes in (docs/adr/0020), if any are left. */
async function rebuildSchemas(db: Kysely<ReadModelDatabase>): Promise<string[]> {
  const found = await sql<{ name: string }>`
    select nspname as name from pg_namespace where nspname like 'planverk\\_%' order by 1`.execute(db);
  return found.rows.map((r) => r.name);
}

const LIVE_PLANS = 12;

describe('ProjectionRunner: a rebuild beside the live read models', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  const projections = [currentPlanProjection, planHistoryProjection];
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
    await migrateToLatest(database.db, 'read_model', readModelMigrations);
    store = new PostgresEventStore(database.db);
    for (let p = 0; p < LIVE_PLANS; p++) await appendPlan(store, `live-${p}`, 8);
    const runner = new ProjectionRunner(database.db, store, projections);
    await runner.start({ pollIntervalMs: 10 });
    await runner.caughtUpTo(await store.committedHeadPosition());
    await runner.stop();
  });
  afterAll(async () => {
    await store.close();
    await database.dispose();
  });

  it('shows readers the live rows, kept up to date, until the swap, and the rebuilt ones, caught up, after it', async () => {
    const runner = new ProjectionRunner(database.db, store, projections);
    await runner.start({ pollIntervalMs: 10 });
    const before = await rows(database.db);
    let rebuilding = true;
    let progress = 0;
    const seen: Record<string, string[]>[] = [];
    const looks: Promise<Record<string, string[]>>[] = [];
    // A reader looking at the tables as often as it can, and new plans arriving while the
    // rebuild runs (the live subscriptions apply them meanwhile).
    const reader = (async () => {
      while (rebuilding) {
        seen.push(await rows(database.db));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const writer = (async () => {
      let n = 0;
      while (rebuilding && n < 8) {
        await appendPlan(store, `during-${n++}`, 3);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return n;
    })();
    let written: number;
    try {
      await runner.rebuild(
        undefined,
        () => {
          // And a look after every batch the rebuild writes.
          if (progress++ % 4 === 0) looks.push(rows(database.db));
        },
        5,
      );
    } finally {
      rebuilding = false;
      await reader;
      written = await writer;
      seen.push(...(await Promise.all(looks)));
    }
    try {
      await runner.caughtUpTo(await store.committedHeadPosition());
      expect(progress).toBeGreaterThan(10);
      expect(written).toBeGreaterThan(0);
      expect(seen.length).toBeGreaterThan(2);
      // Never an empty or partial table: every row there before, in every look.
      for (const look of seen) {
        for (const [table, before_] of Object.entries(before)) {
          expect(look[table]).toEqual(expect.arrayContaining(before_));
        }
      }
      // After the swap, every plan, also those written during the rebuild, once.
      const after = await rows(database.db);
      expect(after.rm_plans).toHaveLength(LIVE_PLANS + written);
      expect(after.rm_plan_history).toHaveLength(LIVE_PLANS * 10 + written * 5);
      expect(await historyIndexes(database.db)).toEqual([
        'rm_plan_history_effective',
        'rm_plan_history_element',
        'rm_plan_history_pkey',
      ]);
      expect(await rebuildSchemas(database.db)).toEqual([]);
    } finally {
      await runner.stop();
    }
  });

  it('leaves the live read models and their checkpoints untouched when the rebuild fails', async () => {
    const before = await rows(database.db);
    const checkpointsBefore = await checkpoints(database.db);
    let applied = 0;
    const failing: Projection = {
      ...planHistoryProjection,
      startRebuild: undefined,
      apply: async (trx, events) => {
        applied += events.length;
        if (applied > 20) throw new Error('a projection that fails midway');
        await planHistoryProjection.apply(trx, events);
      },
    };
    const runner = new ProjectionRunner(database.db, store, [currentPlanProjection, failing]);
    await expect(runner.rebuild(undefined, () => undefined, 5)).rejects.toThrow(
      'a projection that fails midway',
    );
    expect(await rows(database.db)).toEqual(before);
    expect(await checkpoints(database.db)).toEqual(checkpointsBefore);
    expect(await rebuildSchemas(database.db)).toEqual([]);
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'refuses a second rebuild while one runs (PostgreSQL)',
    async () => {
      const runner = new ProjectionRunner(database.db, store, projections);
      let second: Promise<void> | undefined;
      await runner.rebuild(
        undefined,
        () => {
          if (second) return;
          second = new ProjectionRunner(database.db, store, projections).rebuild();
          second.catch(() => undefined); // awaited below
        },
        5,
      );
      await expect(second).rejects.toThrow('Another rebuild of the read models is running');
    },
  );

  it("swaps in on EventStoreDB too, whose live checkpoints pass over the server's own events", async () => {
    const esdb = new EsdbImitation();
    const eventStore = new EventStoreDBEventStore(esdb.asClient(), { warn: () => undefined });
    const readModels = await createTestDatabase();
    try {
      await migrateToLatest(readModels.db, 'read_model', readModelMigrations);
      for (let p = 0; p < 3; p++) await appendPlan(eventStore, `esdb-${p}`, 4);
      // The last thing in $all is the server's own: the live checkpoint moves past it.
      esdb.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
      const runner = new ProjectionRunner(readModels.db, eventStore, projections);
      await runner.start({ pollIntervalMs: 10 });
      try {
        await runner.caughtUpTo(await eventStore.headPosition());
        await new Promise((resolve) => setTimeout(resolve, 100)); // a poll past the server's event
        const before = await rows(readModels.db);
        const live = await readCheckpoint(readModels.db, currentPlanProjection.name);
        const events = await eventStore.readAll({ maxCount: 1_000 });
        expect(comparePositions(live, events[events.length - 1]!.position)).toBe(1);
        await runner.rebuild(undefined, () => undefined, 5);
        expect(await rows(readModels.db)).toEqual(before);
        expect(before.rm_plans).toHaveLength(3);
        // The rebuilt checkpoint is not behind the live one it replaced.
        expect(await readCheckpoint(readModels.db, currentPlanProjection.name)).toEqual(live);
      } finally {
        await runner.stop();
      }
    } finally {
      await eventStore.close();
      await readModels.dispose();
    }
  });
});
