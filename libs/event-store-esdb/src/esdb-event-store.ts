import {
  EventIdsTaken,
  EventStore,
  ExpectedRevisionConflict,
  START,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionHandler,
} from '@app/event-store';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START as ESDB_START,
  type Credentials,
} from '@eventstore/db-client';
import { clientConnectionString, connectionCredentials, isInsecure } from './connection-string.js';
import {
  claimedStream,
  eventIdClaim,
  findRetriedAppend,
  foreignEventReason,
  isStreamDeleted,
  isStreamNotFound,
  isSystemEvent,
  isUnanswered,
  positionOf,
  readAllPaged,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toPosition,
  toReadPosition,
  toRecordedEvent,
  translateError,
  type EsdbRecordedEvent,
} from './esdb-mapping.js';
import { consume, recordedEvents } from './esdb-reads.js';
import { EsdbCatchUpSubscription } from './esdb-subscription.js';

export interface EventStoreDBEventStoreOptions {
  /**
   * How many of a stream's newest events an append with expected revision `any` or
   * `stream_exists` looks through for its own event ids before writing. A retry whose first
   * attempt lies further back appends again (README: which expectations are exactly-once).
   */
  readonly idempotencyWindow?: number;
  /** How long a read may wait for the server's next answer before the node counts as unavailable. */
  readonly readTimeoutMs?: number;
  /**
   * Sent with every append. With them the client uses its plain Append call instead of its
   * BatchAppend stream, whose process-wide table of pending appends can throw an uncaught
   * TypeError after an error on another append (6.2.1). From the connection string by default;
   * a client of the caller's may pass its own.
   */
  readonly appendCredentials?: Credentials;
  /** Where events not written by Planverk are reported when passed over. */
  readonly warn?: (message: string) => void;
}

const DEFAULT_IDEMPOTENCY_WINDOW = 1000;
const DEFAULT_READ_ALL_COUNT = 1000;
const DEFAULT_READ_TIMEOUT_MS = 10_000;
/** Insecure connections send no credentials at all, so any will do to keep appends off BatchAppend. */
const INSECURE_CREDENTIALS: Credentials = { username: 'planverk', password: '' };

/** The parts of the client the adapter uses (a test may hand in its own). */
export type EsdbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
>;

/**
 * The event store on EventStoreDB (or KurrentDB) through its gRPC client. Revisions,
 * expected revisions and positions map one to one; what EventStoreDB does differently is
 * bridged here: idempotency is checked explicitly (EVENT-STORE.md, 4), the server's own
 * events and events of other applications are passed over, reads have a deadline, and client
 * errors become the port's errors.
 */
export class EventStoreDBEventStore extends EventStore {
  private readonly client: EsdbClient;
  /** A client handed in belongs to the caller, who may share it; one built here is disposed here. */
  private readonly ownsClient: boolean;
  private readonly idempotencyWindow: number;
  private readonly readTimeoutMs: number;
  private readonly appendCredentials: Credentials | undefined;
  private readonly warn: (message: string) => void;
  /** Appends under way in this process, by stream and first event id: a second copy waits for the first. */
  private readonly appending = new Map<string, Promise<AppendResult>>();
  private readonly subscriptions = new Set<EsdbCatchUpSubscription>();
  private readonly reported = new Set<string>();
  /** What readStreamsWithPrefix has read so far, per prefix, and up to where. */
  private readonly prefixReads = new Map<
    string,
    { after: Position; events: RecordedEvent[]; reading: Promise<void> }
  >();

  constructor(client: EsdbClient | string, options: EventStoreDBEventStoreOptions = {}) {
    super();
    this.ownsClient = typeof client === 'string';
    if (typeof client === 'string') {
      const connectionString = clientConnectionString(client);
      this.client = EventStoreDBClient.connectionString(connectionString);
      this.appendCredentials =
        options.appendCredentials ??
        connectionCredentials(connectionString) ??
        (isInsecure(connectionString) ? INSECURE_CREDENTIALS : undefined);
    } else {
      this.client = client;
      this.appendCredentials = options.appendCredentials;
    }
    this.idempotencyWindow = options.idempotencyWindow ?? DEFAULT_IDEMPOTENCY_WINDOW;
    this.readTimeoutMs = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  static fromConnectionString(
    connectionString: string,
    options?: EventStoreDBEventStoreOptions,
  ): EventStoreDBEventStore {
    return new EventStoreDBEventStore(connectionString, options);
  }

  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new Error('appendToStream needs at least one event'));
    // The server drops a second copy of an append until the first is indexed, so the second
    // would time out (a 503 for a command that succeeded): in this process it waits for the first.
    const key = `${streamId}\u0000${events[0]!.id}`;
    const running = this.appending.get(key);
    if (running) return running.then((result) => ({ ...result, appended: false }));
    const append = this.append(streamId, events, options.expectedRevision ?? 'any')
      .then((result) => this.written(result))
      .finally(() => this.appending.delete(key));
    this.appending.set(key, append);
    return append;
  }

  private async append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    // A retried command: answer as the first time. The server de-duplicates a quick retry by
    // itself but answers as if it had appended, so look first, and only where these events
    // could be: right after the expected revision, or near the end for `any`/`stream_exists`.
    const retried = await this.storedAlready(streamId, events, expected);
    if (retried) return { ...retried, appended: false };
    await this.claimIds(streamId, events[0]!.id);
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEsdbEvent), {
        expectedRevision: toEsdbExpectedRevision(expected),
        ...(this.appendCredentials ? { credentials: this.appendCredentials } : {}),
      });
      const nextExpectedRevision = BigInt(result.nextExpectedRevision);
      const position = result.position
        ? toPosition(result.position)
        : await this.positionOfRevision(streamId, nextExpectedRevision);
      return { nextExpectedRevision, position, appended: true };
    } catch (error) {
      const translated = translateError(error, { streamId, expected });
      if (translated instanceof ExpectedRevisionConflict || isUnanswered(translated)) {
        // A conflict may be this command's own earlier attempt; an unanswered append may
        // have been written all the same.
        const stored = await this.storedAlready(streamId, events, expected).catch(() => undefined);
        if (stored) return { ...stored, appended: isUnanswered(translated) };
      }
      throw translated;
    }
  }

  /**
   * Claims an append's event ids for its stream (see eventIdClaim), or refuses them as taken by
   * another stream. A claim for this same stream is an earlier attempt of this append; one
   * whose answer was lost is looked up, as it may have been written all the same.
   */
  private async claimIds(streamId: string, firstEventId: string): Promise<void> {
    const { claimStream, claim } = eventIdClaim(streamId, firstEventId);
    try {
      await this.client.appendToStream(claimStream, claim, {
        expectedRevision: NO_STREAM,
        ...(this.appendCredentials ? { credentials: this.appendCredentials } : {}),
      });
      return;
    } catch (error) {
      const translated = translateError(error, { streamId: claimStream, expected: 'no_stream' });
      if (!(translated instanceof ExpectedRevisionConflict) && !isUnanswered(translated)) throw translated;
      const held = await this.claimOf(claimStream).catch(() => undefined);
      if (held === undefined) throw translated;
      if (held !== streamId) throw new EventIdsTaken(streamId, held);
    }
  }

  /** The stream a claim stream holds its event id for; undefined when nothing claimed it. */
  private async claimOf(claimStream: string): Promise<string | undefined> {
    try {
      const [held] = await recordedEvents(
        this.client.readStream(claimStream, { direction: FORWARDS, fromRevision: ESDB_START, maxCount: 1 }),
        this.readTimeoutMs,
      );
      return held ? claimedStream(held) : undefined;
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw translateError(error);
    }
  }

  /**
   * Whether these events are in the stream already (a retried command), from only the
   * revisions where they could be: after the expected revision (or from 0 for no_stream), or,
   * for `any` and `stream_exists`, among the newest `idempotencyWindow` events.
   */
  private async storedAlready(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<{ nextExpectedRevision: bigint; position: Position } | undefined> {
    let newestFirst: EsdbRecordedEvent[];
    try {
      if (expected === 'any' || expected === 'stream_exists') {
        newestFirst = await this.newestWithin(streamId, events);
      } else {
        const from = expected === 'no_stream' ? 0n : expected + 1n;
        const stored = await recordedEvents(
          this.client.readStream(streamId, {
            direction: FORWARDS,
            fromRevision: from,
            maxCount: events.length,
          }),
          this.readTimeoutMs,
        );
        if (stored.length < events.length) return undefined;
        const [newest] = await recordedEvents(
          this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
          this.readTimeoutMs,
        );
        newestFirst = [...(newest ? [newest] : []), ...stored.reverse()];
      }
    } catch (error) {
      if (isStreamNotFound(error) || isStreamDeleted(error)) return undefined;
      throw translateError(error);
    }
    return findRetriedAppend(streamId, events, newestFirst);
  }

  /** The stream's newest events, newest first, up to the idempotency window past the last of ours found. */
  private async newestWithin(
    streamId: string,
    events: readonly EventToAppend[],
  ): Promise<EsdbRecordedEvent[]> {
    const ids = new Set(events.map((event) => event.id));
    const newestFirst: EsdbRecordedEvent[] = [];
    const found = new Set<string>();
    const read = this.client.readStream(streamId, {
      direction: BACKWARDS,
      fromRevision: END,
      // A batch is stored contiguously: once one of its events is inside the window, this many more reach its oldest.
      maxCount: this.idempotencyWindow + events.length,
    });
    for await (const resolved of consume(read, this.readTimeoutMs)) {
      if (!resolved.event) continue;
      newestFirst.push(resolved.event);
      if (ids.has(resolved.event.id)) found.add(resolved.event.id);
      if (found.size === ids.size) break;
      if (found.size === 0 && newestFirst.length >= this.idempotencyWindow) break;
    }
    return newestFirst;
  }

  /** Where an event landed, for the servers whose append result carries no position. */
  private async positionOfRevision(streamId: string, revision: bigint): Promise<Position> {
    const [event] = await recordedEvents(
      this.client.readStream(streamId, { direction: FORWARDS, fromRevision: revision, maxCount: 1 }),
      this.readTimeoutMs,
    );
    if (!event) throw new Error(`Event ${revision} of stream "${streamId}" is gone right after its append`);
    return positionOf(event);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision;
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    // The client refuses negative revisions; read them as the port means them.
    if (backwards && from !== undefined && from < 0n) return [];
    try {
      const events = await recordedEvents(
        this.client.readStream(streamId, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision: from === undefined || from < 0n ? (backwards ? END : ESDB_START) : from,
          ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
        }),
        this.readTimeoutMs,
      );
      return events.filter((event) => this.isOurs(event)).map(toRecordedEvent);
    } catch (error) {
      // A tombstoned stream reads as empty, as one that never existed does.
      if (isStreamNotFound(error) || isStreamDeleted(error)) return [];
      throw translateError(error);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    try {
      const events = await readAllPaged(
        (from, count) =>
          recordedEvents(
            this.client.readAll({ fromPosition: toReadPosition(from), direction: FORWARDS, maxCount: count }),
            this.readTimeoutMs,
          ),
        positionOf,
        (event) => !isSystemEvent(event) && this.isOurs(event),
        options.after ?? START,
        options.maxCount ?? DEFAULT_READ_ALL_COUNT,
      );
      return events.map(toRecordedEvent);
    } catch (error) {
      throw translateError(error);
    }
  }

  /**
   * The client reads $all without a server-side filter (only subscriptions have one), so the
   * streams with a prefix are kept here: the first read goes through the whole log once, each
   * later one reads only what was written since. $all has no late commits below its end, so
   * reading on from the last position read misses nothing.
   */
  async readStreamsWithPrefix(prefix: string): Promise<RecordedEvent[]> {
    if (prefix === '') throw new Error('readStreamsWithPrefix needs a prefix');
    const known = this.prefixReads.get(prefix) ?? { after: START, events: [], reading: Promise.resolve() };
    this.prefixReads.set(prefix, known);
    // One read on from the last position at a time; a caller also waits for its own read, since
    // one already under way may have passed an event stored just before this call.
    const read = known.reading.then(async () => {
      for (;;) {
        const page = await this.readAll({ after: known.after, maxCount: DEFAULT_READ_ALL_COUNT });
        if (page.length === 0) return;
        known.events.push(...page.filter((event) => event.streamId.startsWith(prefix)));
        known.after = page[page.length - 1]!.position;
        if (page.length < DEFAULT_READ_ALL_COUNT) return;
      }
    });
    known.reading = read.catch(() => undefined);
    await read;
    // Grouped by stream, each stream in revision order ($all order within a stream).
    return [...known.events].sort((a, b) =>
      a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : Number(a.revision - b.revision),
    );
  }

  async headPosition(): Promise<Position> {
    try {
      const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
      for await (const resolved of consume(read, this.readTimeoutMs)) {
        if (resolved.event && !isSystemEvent(resolved.event) && this.isOurs(resolved.event)) {
          return positionOf(resolved.event);
        }
      }
      return START;
    } catch (error) {
      throw translateError(error);
    }
  }

  /** Projections follow `$all` through a catch-up subscription filtered on the server. */
  subscribe(handler: SubscriptionHandler, options: SubscribeOptions): Subscription {
    const subscription = new EsdbCatchUpSubscription(this.client, handler, options, this.warn);
    this.subscriptions.add(subscription);
    return {
      get checkpoint() {
        return subscription.checkpoint;
      },
      caughtUpTo: (position, timeoutMs) => subscription.caughtUpTo(position, timeoutMs),
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async close(): Promise<void> {
    const open = [...this.subscriptions];
    this.subscriptions.clear();
    await Promise.all(open.map((s) => s.stop()));
    if (this.ownsClient) await this.client.dispose();
  }

  /** An event of another application is passed over, reported once, instead of stopping every reader at it. */
  private isOurs(event: EsdbRecordedEvent): boolean {
    const reason = foreignEventReason(event);
    if (reason === undefined) return true;
    if (!this.reported.has(event.id)) {
      if (this.reported.size >= 10_000) this.reported.clear();
      this.reported.add(event.id);
      this.warn(`${reason}; passed over`);
    }
    return false;
  }
}
