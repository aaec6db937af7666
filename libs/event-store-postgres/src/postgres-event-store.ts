import { parseJsonColumn, selectRowArrays } from '@app/database';
import {
  EventIdsTaken,
  EventStore,
  ExpectedRevisionConflict,
  HELD_BACK_COUNT_LIMIT,
  isSameEvent,
  SubscriptionSet,
  START,
  comparePositions,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type HeldBackReads,
  type HoldingTransaction,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionHandler,
} from '@app/event-store';
import { sql, type CompiledQuery, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { EventStoreDatabase } from './event-store-database.js';
import type { EventRow } from './events.table.js';
import { EVENTS_PER_GROUP, GroupedAppends } from './grouped-appends.js';
import { isUniqueViolation, translateError } from './postgres-errors.js';

/**
 * int8, xid8 and uuid as text, so pg and PGlite return the same row shapes. Order by
 * `events.<column>`: a bare name would bind to these text aliases and sort '10' before '9'.
 * `arrayToRecorded` reads them by their place here.
 */
const COLUMNS = [
  sql<string>`position::text`.as('position'),
  sql<string>`transaction_id::text`.as('transaction_id'),
  'stream_id',
  sql<string>`revision::text`.as('revision'),
  sql<string>`event_id::text`.as('event_id'),
  'type',
  'data',
  'metadata',
] as const;

/**
 * An xid8 of `pg_snapshot_xip` as text in the 32 bits `pg_stat_activity.backend_xid` and
 * `pg_prepared_xacts.transaction` show (the epoch dropped), to find the backend that holds it.
 */
const asBackendXid = (xid: RawBuilder<unknown>) => sql<string>`(${xid}::text::numeric % 4294967296)::text`;

/**
 * Whether the running transaction `xid` (an xid8 of `pg_snapshot_xip`) may still write to this
 * database's events: all may but those a backend or a prepared transaction of another database
 * holds (docs/adr/0027). A transaction can only write in the database it is connected to. One
 * that is no longer found (it ended meanwhile) or whose backend this role may not see counts as
 * this database's: the horizon may wait for nothing, never read past a gap.
 */
const mayWriteHere = (xid: RawBuilder<unknown>) => sql<boolean>`not exists (
    select 1 from pg_stat_activity a
    where a.backend_xid::text = ${asBackendXid(xid)}
      and a.datid <> (select oid from pg_database where datname = current_database()))
  and not exists (
    select 1 from pg_prepared_xacts p
    where p.transaction::text = ${asBackendXid(xid)}
      and p.database <> current_database())`;

/**
 * The read horizon (docs/adr/0003, 0027): every event of a transaction below it is committed or
 * never will be, so a reader may go up to it and never see an event appear behind it later. It is
 * the oldest running transaction that may write here, or with none, the snapshot's xmax; a
 * running transaction in another database on the server no longer holds this one's readers back.
 * Taken from the statement's own snapshot, so the rows it shows are those the horizon speaks of.
 * With nothing running (xmin = xmax: PGlite always) it is xmin, and the activity is not read.
 */
const READ_HORIZON = sql<string>`(select case when pg_snapshot_xmin(s) = pg_snapshot_xmax(s) then pg_snapshot_xmin(s)
    else coalesce(
      (select min(x) from pg_snapshot_xip(s) as x where ${mayWriteHere(sql`x`)}),
      pg_snapshot_xmax(s)) end
  from (select pg_current_snapshot() as s) as snapshot)`;

/** A kysely row of `events`, read with COLUMNS, as the port's RecordedEvent. */
function toRecorded(row: Omit<EventRow, 'recorded_at'>): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: { commit: BigInt(row.transaction_id), prepare: BigInt(row.position) },
    type: row.type,
    data: parseJsonColumn(row.data),
    metadata: parseJsonColumn(row.metadata),
  };
}

/** A row of COLUMNS read as an array of its values (`selectRowArrays`), as the port's RecordedEvent. */
function arrayToRecorded(row: unknown[]): RecordedEvent {
  return {
    id: row[4] as string,
    streamId: row[2] as string,
    revision: BigInt(row[3] as string),
    position: { commit: BigInt(row[1] as string), prepare: BigInt(row[0] as string) },
    type: row[5] as string,
    data: parseJsonColumn(row[6] as RecordedEvent['data'] | string),
    metadata: parseJsonColumn(row[7] as RecordedEvent['metadata'] | string),
  };
}

/**
 * A select of COLUMNS as the port's RecordedEvents: on PostgreSQL as arrays of values (no row
 * object per event: the read of a stream or a rebuild's page is thousands of rows), else as
 * kysely's rows. `settings` hold for this select alone.
 */
async function selectRecorded(
  db: Kysely<EventStoreDatabase>,
  query: { compile(): CompiledQuery<Omit<EventRow, 'recorded_at'>> },
  settings: Readonly<Record<string, string>> = {},
): Promise<RecordedEvent[]> {
  const compiled = query.compile();
  const arrays = await selectRowArrays(db, compiled, settings);
  if (arrays) return arrays.map(arrayToRecorded);
  const names = Object.keys(settings);
  const { rows } =
    names.length === 0
      ? await db.executeQuery(compiled)
      : await db.transaction().execute(async (trx) => {
          for (const name of names)
            await sql`select set_config(${name}, ${settings[name]}, true)`.execute(trx);
          return trx.executeQuery(compiled);
        });
  return rows.map((row) => toRecorded(row));
}

/** The smallest string after every string that starts with `prefix` (in byte order). */
function nextPrefix(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1)!;
  return prefix.slice(0, -1) + String.fromCodePoint(last + 1);
}

/** Above this many events a `readAll` is a bulk read (a rebuild, a catch-up), planned apart. */
const BULK_READ = 1_000;

/** Events inserted by one statement at most (as many as in a group of appends). */
const EVENTS_PER_STATEMENT = EVENTS_PER_GROUP;

/**
 * The event store on PostgreSQL (or PGlite): an `events` table in global order and an
 * `event_streams` table holding each stream's revision, locked by every append to it.
 * See docs/adr/0003 for why readers follow (transaction id, position).
 */
export class PostgresEventStore extends EventStore {
  private readonly subscriptions = new SubscriptionSet((after, maxCount) =>
    this.readAll({ after, maxCount }),
  );

  private readonly grouped: GroupedAppends;

  constructor(private readonly db: Kysely<EventStoreDatabase>) {
    super();
    this.grouped = new GroupedAppends(db);
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const expected = options.expectedRevision ?? 'any';
    try {
      const result =
        (events.length <= EVENTS_PER_STATEMENT
          ? await this.appendInOneStatement(streamId, events, expected)
          : undefined) ??
        (await this.db
          .transaction()
          .execute((trx) => this.appendInTransaction(trx, streamId, events, expected)));
      this.subscriptions.nudge();
      return this.written(result);
    } catch (error) {
      // A retried append (its event ids are stored already) fails here, on the unique event id
      // or on the revision it expected back then; it is answered as the first time. Looking
      // for it only on failure saves every first append a round trip.
      const retryable =
        error instanceof ExpectedRevisionConflict ||
        isUniqueViolation(error, 'events_event_id_key') ||
        isUniqueViolation(error, 'event_streams_pkey');
      const retried = retryable ? await this.findRetriedAppend(streamId, events) : undefined;
      if (retried) return this.written(retried);
      if (isUniqueViolation(error, 'event_streams_pkey')) {
        throw new ExpectedRevisionConflict(streamId, expected, await this.revisionOf(streamId));
      }
      if (error instanceof ExpectedRevisionConflict) throw error;
      return translateError(error);
    }
  }

  /**
   * The common case in one round trip: move the stream's revision on (or create it) and insert
   * the events in a single statement, shared with the appends to other streams that came
   * meanwhile (GroupedAppends). Undefined when the stream's row did not match (a revision
   * conflict, or a first append with "any" or "stream_exists") or the statement failed: the
   * transaction below then tells which, or creates the stream.
   */
  private appendInOneStatement(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult | undefined> {
    return this.grouped.append({
      streamId,
      events,
      expected: typeof expected === 'bigint' || expected === 'no_stream' ? expected : undefined,
    });
  }

  private async appendInTransaction(
    trx: Transaction<EventStoreDatabase>,
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const count = BigInt(events.length);
    const last = await this.advanceStream(trx, streamId, count, expected);
    const first = last - count + 1n;
    let tail: { position: string; tx: string } | undefined;
    // In statements of EVENTS_PER_STATEMENT, one transaction: a document import of 18,000
    // measures is one append, more than PostgreSQL's 65,535 parameters allow in one statement.
    for (let from = 0; from < events.length; from += EVENTS_PER_STATEMENT) {
      const rows = await trx
        .insertInto('events')
        .values(
          events.slice(from, from + EVENTS_PER_STATEMENT).map((event, i) => ({
            stream_id: streamId,
            revision: String(first + BigInt(from + i)),
            event_id: event.id,
            type: event.type,
            data: JSON.stringify(event.data),
            metadata: JSON.stringify(event.metadata),
          })),
        )
        .returning([sql<string>`position::text`.as('position'), sql<string>`transaction_id::text`.as('tx')])
        .execute();
      tail = rows[rows.length - 1]!;
    }
    return {
      nextExpectedRevision: last,
      position: { commit: BigInt(tail!.tx), prepare: BigInt(tail!.position) },
      appended: true,
    };
  }

  /** Moves the stream's revision on by `count` if the expectation holds; returns the new last revision. */
  private async advanceStream(
    trx: Transaction<EventStoreDatabase>,
    streamId: string,
    count: bigint,
    expected: ExpectedRevision,
  ): Promise<bigint> {
    if (expected === 'no_stream') {
      // A concurrent creator makes this a unique violation, reported as a conflict.
      await trx
        .insertInto('event_streams')
        .values({ stream_id: streamId, revision: String(count - 1n) })
        .execute();
      return count - 1n;
    }
    let update = trx
      .updateTable('event_streams')
      .set({ revision: sql`revision + ${String(count)}::bigint` })
      .where('stream_id', '=', streamId);
    if (typeof expected === 'bigint') update = update.where('revision', '=', String(expected));
    const updated = await update.returning(sql<string>`revision::text`.as('revision')).executeTakeFirst();
    if (updated) return BigInt(updated.revision);

    const actual = await this.revisionOf(streamId, trx);
    if (expected === 'any' && actual === 'no_stream') {
      await trx
        .insertInto('event_streams')
        .values({ stream_id: streamId, revision: String(count - 1n) })
        .execute();
      return count - 1n;
    }
    throw new ExpectedRevisionConflict(streamId, expected, actual);
  }

  /**
   * When these exact events are already stored (a retried command), what the first append
   * returned. Their ids stored for other events (in another stream, or of another type or data)
   * are refused: a command id used before for another command.
   */
  private async findRetriedAppend(
    streamId: string,
    events: readonly EventToAppend[],
  ): Promise<AppendResult | undefined> {
    const found = await this.db
      .selectFrom('events')
      .select(COLUMNS)
      .where(
        'event_id',
        'in',
        events.map((e) => e.id),
      )
      .orderBy('events.revision')
      .execute();
    if (found.length === 0) return undefined;
    const rows = found.map((row) => toRecorded(row));
    const elsewhere = rows.find((row) => row.streamId !== streamId);
    if (elsewhere) throw new EventIdsTaken(streamId, elsewhere.streamId);
    const appending = new Map(events.map((event) => [event.id, event]));
    const same =
      rows.length === events.length && rows.every((row) => isSameEvent(row, appending.get(row.id)!));
    if (!same) throw new EventIdsTaken(streamId, streamId);
    const tail = rows[rows.length - 1]!;
    const current = await this.revisionOf(streamId);
    return {
      nextExpectedRevision: current === 'no_stream' ? tail.revision : current,
      position: tail.position,
      appended: false,
    };
  }

  private async revisionOf(
    streamId: string,
    db: Kysely<EventStoreDatabase> = this.db,
  ): Promise<bigint | 'no_stream'> {
    const row = await db
      .selectFrom('event_streams')
      .select(sql<string>`revision::text`.as('revision'))
      .where('stream_id', '=', streamId)
      .executeTakeFirst();
    return row ? BigInt(row.revision) : 'no_stream';
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    try {
      let query = this.db.selectFrom('events').select(COLUMNS).where('stream_id', '=', streamId);
      if (options.fromRevision !== undefined) {
        query = query.where('revision', backwards ? '<=' : '>=', String(options.fromRevision));
      }
      query = query.orderBy('events.revision', backwards ? 'desc' : 'asc');
      if (options.maxCount !== undefined) query = query.limit(options.maxCount);
      return await selectRecorded(this.db, query);
    } catch (error) {
      return translateError(error);
    }
  }

  async readStreamsWithPrefix(prefix: string): Promise<RecordedEvent[]> {
    if (prefix === '') throw new Error('readStreamsWithPrefix needs a prefix');
    try {
      // The streams by their ids in byte order (the index event_streams_by_prefix), whatever
      // the database's collation: ids from `prefix` up to (not including) the next prefix.
      const streams = this.db
        .selectFrom('event_streams')
        .select('stream_id')
        .where(sql<boolean>`stream_id collate "C" >= ${prefix}`)
        .where(sql<boolean>`stream_id collate "C" < ${nextPrefix(prefix)}`);
      const rows = await this.db
        .selectFrom('events')
        .select(COLUMNS)
        .where('stream_id', 'in', streams)
        .orderBy('events.stream_id')
        .orderBy('events.revision')
        .execute();
      return rows.map((row) => toRecorded(row));
    } catch (error) {
      return translateError(error);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? START;
    try {
      let query = this.db
        .selectFrom('events')
        .select(COLUMNS)
        // Only transactions older than every one still running that may write here: none of
        // them can still commit an event below what this read returns (EVENT-STORE.md, 1).
        .where(sql<boolean>`transaction_id < ${READ_HORIZON}`);
      if (comparePositions(after, START) !== 0) {
        query = query.where(
          sql<boolean>`(transaction_id, position) > (${String(after.commit)}::xid8, ${String(after.prepare)}::bigint)`,
        );
      }
      const maxCount = options.maxCount ?? 1000;
      const ordered = query.orderBy('events.transaction_id').orderBy('events.position').limit(maxCount);
      // A bulk read walks the global-order index. Without the table's statistics (a store just
      // filled: an import, a generated data set, before autovacuum's first analyze) PostgreSQL
      // estimates a third of the rows for each condition here, finds a sort of "all of them"
      // cheaper than the index for a page this large, and sorts every event after `after` for
      // each page: 155 ms instead of 11 ms a page of 10,000 of 69,000 events, on disk, and
      // quadratic over a rebuild's pages. Sorting is never the plan wanted here.
      return await selectRecorded(this.db, ordered, maxCount > BULK_READ ? { enable_sort: 'off' } : {});
    } catch (error) {
      return translateError(error);
    }
  }

  async headPosition(): Promise<Position> {
    return this.newestPosition({ readable: true });
  }

  /** As `headPosition`, without holding back behind running transactions (docs/adr/0003). */
  override async committedHeadPosition(): Promise<Position> {
    return this.newestPosition({ readable: false });
  }

  /** The newest event's position: of those a reader may see now, or of all committed ones. */
  private async newestPosition({ readable }: { readable: boolean }): Promise<Position> {
    try {
      let query = this.db
        .selectFrom('events')
        .select([sql<string>`position::text`.as('position'), sql<string>`transaction_id::text`.as('tx')]);
      if (readable) query = query.where(sql<boolean>`transaction_id < ${READ_HORIZON}`);
      const row = await query
        .orderBy('events.transaction_id', 'desc')
        .orderBy('events.position', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? { commit: BigInt(row.tx), prepare: BigInt(row.position) } : START;
    } catch (error) {
      return translateError(error);
    }
  }

  /**
   * The committed events below no reader's horizon yet (`transaction_id` at or above
   * `READ_HORIZON`), and the running transactions older than the oldest of them that may write
   * here (`pg_snapshot_xip`), with their backends from `pg_stat_activity` or, when prepared,
   * `pg_prepared_xacts`. A role without `pg_read_all_stats` sees other roles' backends without
   * their database and start (and so counts their transactions as this database's).
   */
  override async heldBackReads(): Promise<HeldBackReads | undefined> {
    try {
      const { rows } = await sql<{
        events: number;
        since: Date | string | null;
        age_ms: number;
        oldest: string;
      }>`
        with held as (
          select transaction_id, recorded_at from events
          where transaction_id >= ${READ_HORIZON}
          order by transaction_id, position
          limit ${HELD_BACK_COUNT_LIMIT})
        select count(*)::int as events, min(recorded_at) as since,
          coalesce(extract(epoch from clock_timestamp() - min(recorded_at)) * 1000, 0)::float8 as age_ms,
          min(transaction_id)::text as oldest
        from held`.execute(this.db);
      const held = rows[0];
      if (!held || held.events === 0 || held.since === null) return undefined;
      const holding = await sql<{
        xid: string;
        pid: number | null;
        database: string | null;
        started_at: Date | string | null;
        state: string | null;
        application_name: string | null;
        gid: string | null;
      }>`
        select x::text as xid, a.pid, coalesce(a.datname, p.database) as database,
          coalesce(a.xact_start, p.prepared) as started_at,
          case when p.gid is not null then 'prepared' else a.state end as state,
          a.application_name, p.gid
        from pg_snapshot_xip(pg_current_snapshot()) as x
        left join pg_stat_activity a on a.backend_xid::text = ${asBackendXid(sql`x`)}
        left join pg_prepared_xacts p on p.transaction::text = ${asBackendXid(sql`x`)}
        where x < ${held.oldest}::xid8 and ${mayWriteHere(sql`x`)}
        order by x
        limit 10`.execute(this.db);
      return {
        since: new Date(held.since),
        ageMs: Math.max(0, Math.round(held.age_ms)),
        events: held.events,
        transactions: holding.rows.map((row): HoldingTransaction => ({
          xid: row.xid,
          pid: row.pid,
          database: row.database,
          startedAt: row.started_at === null ? null : new Date(row.started_at),
          state: row.state,
          applicationName: row.application_name,
          ...(row.gid === null ? {} : { gid: row.gid }),
        })),
      };
    } catch (error) {
      return translateError(error);
    }
  }

  subscribe(handler: SubscriptionHandler, options: SubscribeOptions): Subscription {
    return this.subscriptions.subscribe(handler, options);
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
  }
}
