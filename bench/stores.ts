import { dumbo } from '@event-driven-io/dumbo';
import {
  isExpectedVersionConflictError,
  STREAM_DOES_NOT_EXIST,
  type Event as EmmettEvent,
} from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { migrateToLatest, openDatabase, type Database } from '@app/database';
import { initialPlanState, isPlanEvent, planFold, type PlanEvent, type PlanState } from '@app/domain';
import { ExpectedRevisionConflict, START, type EventToAppend, type Position } from '@app/event-store';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import { FoldedStreams, planStreamDecider } from '@app/plans';
import { readModelMigrations } from '@app/read-models';
import { DatabaseStreamSnapshots } from '@app/runtime';

/** Revision as our port counts it: the last event's revision (0-based), or 'no_stream'. */
export type Revision = bigint | 'no_stream';

/**
 * The operations the side-by-side workloads need, implemented once on our PostgreSQL store and
 * once on Emmett's. Both get the same events and the same expected revisions.
 */
export interface StoreUnderTest {
  readonly name: string;
  /** Appends with an exact expected revision; returns the stream's new revision. */
  append(streamId: string, events: readonly EventToAppend[], expected: Revision): Promise<bigint>;
  /** Like append, but a concurrency conflict is an answer, not an error. */
  tryAppend(
    streamId: string,
    events: readonly EventToAppend[],
    expected: Revision,
  ): Promise<bigint | 'conflict'>;
  /** The stream's revision, reading only what came after `known`. */
  headAfter(streamId: string, known: Revision): Promise<Revision>;
  /** Reads every event in global order in batches; returns how many. */
  readAll(batchSize: number): Promise<number>;
  /** Reads one stream and folds it as the plan decider does (planFold); returns the events folded. */
  foldPlan(streamId: string): Promise<number>;
  /**
   * Loads plan streams as a command does in a process that has not loaded them yet (ours only:
   * Emmett keeps no snapshots): each from its stored snapshot (docs/adr/0009), taken by an
   * earlier load, and the events after it; returns how many events the loaded states stand for.
   */
  loadPlans?(streamIds: readonly string[]): Promise<number>;
  close(): Promise<void>;
}

export async function openOurStore(url: string): Promise<StoreUnderTest & { database: Database }> {
  const database = await openDatabase({ kind: 'postgres', url });
  await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
  // The snapshots of plan streams are kept in the read-model database (stream_snapshots).
  await migrateToLatest(database.db, 'read_model', readModelMigrations);
  const store = new PostgresEventStore(database.db);
  const snapshots = new DatabaseStreamSnapshots(database.db);
  return {
    name: 'planverk',
    database,
    async append(streamId, events, expected) {
      return (await store.appendToStream(streamId, events, { expectedRevision: expected }))
        .nextExpectedRevision;
    },
    async tryAppend(streamId, events, expected) {
      try {
        return (await store.appendToStream(streamId, events, { expectedRevision: expected }))
          .nextExpectedRevision;
      } catch (error) {
        if (error instanceof ExpectedRevisionConflict) return 'conflict';
        throw error;
      }
    },
    async headAfter(streamId, known) {
      const events = await store.readStream(streamId, {
        fromRevision: known === 'no_stream' ? 0n : known + 1n,
      });
      return events.length > 0 ? events[events.length - 1]!.revision : known;
    },
    async readAll(batchSize) {
      let after: Position = START;
      let count = 0;
      for (;;) {
        const batch = await store.readAll({ after, maxCount: batchSize });
        if (batch.length === 0) return count;
        count += batch.length;
        after = batch[batch.length - 1]!.position;
      }
    },
    async foldPlan(streamId) {
      const events = await store.readStream(streamId);
      const evolve = planFold();
      let state: PlanState = initialPlanState();
      for (const event of events)
        if (isPlanEvent(event)) state = evolve(state, event as unknown as PlanEvent);
      return events.length;
    },
    async loadPlans(streamIds) {
      // A new FoldedStreams holds nothing in memory yet, as in a process that just started.
      const streams = new FoldedStreams(store, planStreamDecider, { snapshots, capacity: streamIds.length });
      let events = 0;
      for (const id of streamIds) events += Number((await streams.load(id)).revision) + 1;
      return events;
    },
    async close() {
      await store.close();
      await database.close();
    },
  };
}

type PlanEmmettEvent = EmmettEvent<string, Record<string, unknown>>;

/** Our revision (0-based, of the last event) as Emmett's stream version (the count of events). */
const toEmmettVersion = (expected: Revision) =>
  expected === 'no_stream' ? STREAM_DOES_NOT_EXIST : expected + 1n;

export function openEmmettStore(url: string): StoreUnderTest {
  const store = getPostgreSQLEventStore(url);
  const pool = dumbo({ connectionString: url });
  const toEmmett = (events: readonly EventToAppend[]): PlanEmmettEvent[] =>
    events.map(
      (e) => ({ type: e.type, data: { ...e.data }, metadata: { ...e.metadata } }) as PlanEmmettEvent,
    );
  return {
    name: 'emmett',
    async append(streamId, events, expected) {
      const result = await store.appendToStream(streamId, toEmmett(events), {
        expectedStreamVersion: toEmmettVersion(expected),
      });
      return result.nextExpectedStreamVersion - 1n;
    },
    async tryAppend(streamId, events, expected) {
      try {
        const result = await store.appendToStream(streamId, toEmmett(events), {
          expectedStreamVersion: toEmmettVersion(expected),
        });
        return result.nextExpectedStreamVersion - 1n;
      } catch (error) {
        // emmett-postgresql may hold its own copy of emmett's error class: test by shape.
        if (isExpectedVersionConflictError(error)) return 'conflict';
        throw error;
      }
    },
    async headAfter(streamId, known) {
      // Emmett's stream positions are 1-based: our revision r is its position r + 1.
      const result = await store.readStream(streamId, { from: known === 'no_stream' ? 1n : known + 2n });
      return result.streamExists ? result.currentStreamVersion - 1n : 'no_stream';
    },
    async readAll(batchSize) {
      let after = 0n;
      let count = 0;
      for (;;) {
        const batch = await readMessagesBatch(pool.execute, { after, batchSize });
        count += batch.messages.length;
        if (batch.messages.length === 0 || !batch.areMessagesLeft) return count;
        after = batch.currentGlobalPosition;
      }
    },
    async foldPlan(streamId) {
      let count = 0;
      const evolve = planFold();
      await store.aggregateStream<PlanState, PlanEmmettEvent>(streamId, {
        evolve: (state: PlanState, event: PlanEmmettEvent): PlanState => {
          count++;
          return isPlanEvent(event) ? evolve(state, event as unknown as PlanEvent) : state;
        },
        initialState: initialPlanState,
      });
      return count;
    },
    async close() {
      await pool.close();
      await store.close();
    },
  };
}
