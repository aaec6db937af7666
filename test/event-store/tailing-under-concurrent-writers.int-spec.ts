import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import {
  START,
  comparePositions,
  type AppendResult,
  type ExpectedRevision,
  type Position,
  type RecordedEvent,
} from '@app/event-store';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import { createTestDatabase, readEverything, type TestDatabase } from '@app/testing';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { someEvents } from '../contract/event-store.contract.js';

/**
 * A tailing reader must never skip an event that a slower concurrent transaction commits
 * later with a lower position (EVENT-STORE.md, 1; docs/adr/0003). Needs a real PostgreSQL:
 * PGlite is a single connection, so it cannot have two transactions open at once.
 */
const onPostgres = process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '';
const describeOnPostgres = onPostgres ? describe : describe.skip;
const title = onPostgres
  ? 'Tailing the event store under concurrent writers (PostgreSQL)'
  : 'Tailing the event store under concurrent writers: skipped, needs DATABASE_URL (PGlite is one connection, no concurrent transactions)';

const WRITERS = 8;
const STREAMS_PER_WRITER = 2;
const APPENDS_PER_WRITER = 8;
/** Type of the event whose transaction the gate holds open after its insert. */
const HELD_TYPE = 'HeldBeforeCommit';
const GATE_LOCK_KEY = 4242;
/** Events in a writer's a-th append: 1 to 3. */
const batchSize = (writer: number, append: number): number => ((writer + append) % 3) + 1;

describeOnPostgres(title, () => {
  let testDatabase: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    await migrateToLatest(testDatabase.db, 'event_store', eventStoreMigrations);
    // After each inserted event row, sleep up to 30 ms before the transaction may commit, so
    // commits finish in an order different from position order. An event of HELD_TYPE also
    // waits for an advisory lock the test holds: its transaction stays open until released.
    await sql`
      create function test_commit_jitter() returns trigger language plpgsql as $$
      begin
        perform pg_sleep(random() * 0.03);
        if new.type = ${sql.lit(HELD_TYPE)} then
          perform pg_advisory_xact_lock(${sql.lit(GATE_LOCK_KEY)});
        end if;
        return null;
      end $$`.execute(testDatabase.db);
    await sql`
      create trigger events_commit_jitter after insert on events
      for each row execute function test_commit_jitter()`.execute(testDatabase.db);
    store = new PostgresEventStore(testDatabase.db);
  });

  afterAll(async () => {
    await store?.close();
    await testDatabase?.dispose();
  });

  /** What a reader tailing by `position` alone sees after its checkpoint. */
  async function readByPositionAlone(after: bigint): Promise<{ position: bigint; id: string }[]> {
    const { rows } = await sql<{ position: string; event_id: string }>`
      select position::text as position, event_id::text as event_id from events
      where events.position > ${String(after)}::bigint
      order by events.position -- not the text alias: '10' sorts before '9'
      `.execute(testDatabase.db);
    return rows.map((row) => ({ position: BigInt(row.position), id: row.event_id }));
  }

  it('delivers every event once, in order, while writers commit out of position order', async () => {
    const delivered: RecordedEvent[] = [];
    const errors: unknown[] = [];
    const subscription = store.subscribe(
      async (batch) => {
        delivered.push(...batch);
      },
      { after: START, batchSize: 7, pollIntervalMs: 5, onError: (error) => errors.push(error) },
    );

    // A reader checkpointing on the raw position, polling beside the writers: it shows
    // whether this run hit the hazard (a commit landing below an already-read position).
    let writing = true;
    const seenByPosition = new Set<string>();
    const naiveTailer = (async () => {
      let checkpoint = 0n;
      for (;;) {
        const done = !writing;
        for (const row of await readByPositionAlone(checkpoint)) {
          seenByPosition.add(row.id);
          checkpoint = row.position;
        }
        if (done) return;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();

    const appended: { id: string; streamId: string }[] = [];
    const writer = async (w: number): Promise<void> => {
      const streams = Array.from(
        { length: STREAMS_PER_WRITER },
        (_, s) => `writer-${w}-${s}-${randomUUID()}`,
      );
      const revisions = new Map<string, bigint>();
      for (let a = 0; a < APPENDS_PER_WRITER; a++) {
        const streamId = streams[a % STREAMS_PER_WRITER]!;
        const events = someEvents(batchSize(w, a));
        const expectedRevision: ExpectedRevision = revisions.get(streamId) ?? 'no_stream';
        const result = await store.appendToStream(streamId, events, { expectedRevision });
        revisions.set(streamId, result.nextExpectedRevision);
        appended.push(...events.map((event) => ({ id: event.id, streamId })));
      }
    };

    let head: Position;
    try {
      // allSettled: a failing writer must not leave the others running past the test.
      const outcomes = await Promise.allSettled(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      writing = false;
      await naiveTailer;
      for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
      // The newest event stored, not the newest readable: a transaction of another test on the
      // same server may hold readers back for a moment (readEverything in @app/testing).
      head = await store.committedHeadPosition();
      await subscription.caughtUpTo(head, 5_000);
    } finally {
      writing = false;
      await naiveTailer.catch(() => undefined);
      await subscription.stop();
    }

    expect(errors).toEqual([]);
    let expectedCount = 0;
    for (let w = 0; w < WRITERS; w++)
      for (let a = 0; a < APPENDS_PER_WRITER; a++) expectedCount += batchSize(w, a);
    expect(appended).toHaveLength(expectedCount);
    // Every appended event exactly once: no skips, no duplicates.
    const deliveredIds = delivered.map((event) => event.id);
    expect(new Set(deliveredIds).size).toBe(deliveredIds.length);
    expect([...deliveredIds].sort()).toEqual(appended.map((event) => event.id).sort());
    expect(comparePositions(delivered[delivered.length - 1]!.position, head)).toBe(0);

    // Positions strictly increasing, as the port promises.
    for (let i = 1; i < delivered.length; i++) {
      expect(comparePositions(delivered[i - 1]!.position, delivered[i]!.position)).toBe(-1);
    }

    // Each stream's revisions arrive as 0, 1, 2, ...
    const revisionsByStream = new Map<string, bigint[]>();
    for (const event of delivered) {
      revisionsByStream.set(event.streamId, [
        ...(revisionsByStream.get(event.streamId) ?? []),
        event.revision,
      ]);
    }
    expect(revisionsByStream.size).toBe(WRITERS * STREAMS_PER_WRITER);
    for (const [streamId, revisions] of revisionsByStream) {
      const count = appended.filter((event) => event.streamId === streamId).length;
      expect(revisions).toEqual(Array.from({ length: count }, (_, i) => BigInt(i)));
    }

    // The same order as one read of everything afterwards.
    const all = await readEverything(store);
    expect(all.map((event) => event.id)).toEqual(deliveredIds);

    // Not vacuous: this run did commit below positions already read, so the reader by
    // position alone, polling beside the same writers, never saw some events at all (usually
    // well over half of them; the next test shows the same hazard deterministically).
    const skippedByPosition = appended.filter((event) => !seenByPosition.has(event.id));
    expect(skippedByPosition.length).toBeGreaterThan(0);
  });

  it('holds readers below a transaction still open, where a reader by position alone skips its event', async () => {
    const before = await store.committedHeadPosition();
    const { rows } = await sql<{ max: string }>`
      select coalesce(max(position), 0)::text as max from events`.execute(testDatabase.db);
    const naiveStart = BigInt(rows[0]!.max);
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribe(
      async (batch) => {
        delivered.push(...batch);
      },
      { after: before, batchSize: 10, pollIntervalMs: 5 },
    );
    const gate = new pg.Client({ connectionString: testDatabase.url });
    await gate.connect();
    let slowAppend: Promise<AppendResult> | undefined;
    try {
      await gate.query('select pg_advisory_lock($1)', [GATE_LOCK_KEY]);
      const [slowEvent] = someEvents(1, randomUUID(), HELD_TYPE);
      const [fastEvent] = someEvents(1);

      // The slow append inserts its row (taking the lower position), then waits at the gate
      // with its transaction open.
      slowAppend = store.appendToStream(`slow-${randomUUID()}`, [slowEvent!], {
        expectedRevision: 'no_stream',
      });
      await waitUntilWaitingAtGate(gate);
      const fast = await store.appendToStream(`fast-${randomUUID()}`, [fastEvent!], {
        expectedRevision: 'no_stream',
      });

      // By position alone, a reader now sees only the fast event and checkpoints past the slow one.
      const seenByPosition = await readByPositionAlone(naiveStart);
      expect(seenByPosition.map((row) => row.id)).toEqual([fastEvent!.id]);
      const naiveCheckpoint = seenByPosition[0]!.position;

      // The store returns neither: the open transaction holds pg_snapshot_xmin back.
      expect(await store.readAll({ after: before })).toEqual([]);
      expect(comparePositions(await store.headPosition(), before)).toBeLessThanOrEqual(0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(delivered).toEqual([]);

      await gate.query('select pg_advisory_unlock($1)', [GATE_LOCK_KEY]);
      const slow = await slowAppend;
      expect(slow.position.prepare).toBeLessThan(fast.position.prepare);

      // The slow event committed last with the lower position: below the naive checkpoint, skipped for good.
      const idsByPosition = (await readByPositionAlone(naiveCheckpoint)).map((row) => row.id);
      expect(idsByPosition).not.toContain(slowEvent!.id);

      // The store returns both, in (transaction id, position) order, and so does the subscription.
      const after = await readEverything(store, before);
      expect(after.map((event) => event.id)).toEqual([slowEvent!.id, fastEvent!.id]);
      expect(comparePositions(after[0]!.position, slow.position)).toBe(0);
      expect(comparePositions(after[1]!.position, fast.position)).toBe(0);
      expect(comparePositions(after[0]!.position, after[1]!.position)).toBe(-1);
      await subscription.caughtUpTo(fast.position, 5_000);
      expect(delivered.map((event) => event.id)).toEqual([slowEvent!.id, fastEvent!.id]);
    } finally {
      await gate.end(); // releases the advisory lock if a failed expectation left it held
      await slowAppend?.catch(() => undefined);
      await subscription.stop();
    }
  });
});

/** Waits until a session of this database waits for the gate's advisory lock. */
async function waitUntilWaitingAtGate(gate: pg.Client): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const { rows } = await gate.query<{ waiting: number }>(
      `select count(*)::int as waiting from pg_locks
       where locktype = 'advisory' and not granted and objid = $1
         and database = (select oid from pg_database where datname = current_database())`,
      [GATE_LOCK_KEY],
    );
    if (rows[0]!.waiting > 0) return;
    if (Date.now() > deadline) throw new Error('The slow append never reached the gate');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
