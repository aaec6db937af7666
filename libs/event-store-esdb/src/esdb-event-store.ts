import {
  EventStore,
  ExpectedRevisionConflict,
  SubscriptionSet,
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
  START as ESDB_START,
  type StreamingRead,
} from '@eventstore/db-client';
import {
  findRetriedAppend,
  isStreamNotFound,
  isSystemEvent,
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

export interface EventStoreDBEventStoreOptions {
  /**
   * How many of a stream's newest events an append looks through for its own event ids
   * before writing. A retry whose first attempt lies further back appends again.
   */
  readonly idempotencyWindow?: number;
}

const DEFAULT_IDEMPOTENCY_WINDOW = 1000;
const DEFAULT_READ_ALL_COUNT = 1000;

/**
 * Iterates a streaming read and, when the consumer stops early, cancels the gRPC call:
 * destroying the client's read stream alone leaves the call open on the server.
 */
async function* consume<T>(read: StreamingRead<T>): AsyncGenerator<T> {
  let finished = false;
  try {
    for await (const item of read) yield item;
    finished = true;
  } finally {
    if (!finished) await read.cancel().catch(() => undefined);
  }
}

async function recordedEvents(
  read: StreamingRead<{ event?: EsdbRecordedEvent | undefined }>,
): Promise<EsdbRecordedEvent[]> {
  const events: EsdbRecordedEvent[] = [];
  for await (const resolved of consume(read)) if (resolved.event) events.push(resolved.event);
  return events;
}

/**
 * The event store on EventStoreDB (or KurrentDB) through its gRPC client. Revisions,
 * expected revisions and positions map one to one; what EventStoreDB does differently is
 * bridged here: idempotency is checked explicitly (EVENT-STORE.md, 4), the server's own
 * events are hidden, and client errors become the port's errors.
 */
export class EventStoreDBEventStore extends EventStore {
  private readonly client: EventStoreDBClient;
  /** A client handed in belongs to the caller, who may share it; one built here is disposed here. */
  private readonly ownsClient: boolean;
  private readonly idempotencyWindow: number;
  private readonly subscriptions = new SubscriptionSet((after, maxCount) =>
    this.readAll({ after, maxCount }),
  );

  constructor(client: EventStoreDBClient | string, options: EventStoreDBEventStoreOptions = {}) {
    super();
    this.ownsClient = typeof client === 'string';
    this.client = typeof client === 'string' ? EventStoreDBClient.connectionString(client) : client;
    this.idempotencyWindow = options.idempotencyWindow ?? DEFAULT_IDEMPOTENCY_WINDOW;
  }

  static fromConnectionString(
    connectionString: string,
    options?: EventStoreDBEventStoreOptions,
  ): EventStoreDBEventStore {
    return new EventStoreDBEventStore(connectionString, options);
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const expected = options.expectedRevision ?? 'any';
    try {
      const retried = await this.retriedAppend(streamId, events);
      if (retried) return retried;
      const result = await this.client.appendToStream(streamId, events.map(toEsdbEvent), {
        expectedRevision: toEsdbExpectedRevision(expected),
      });
      const nextExpectedRevision = BigInt(result.nextExpectedRevision);
      const position = result.position
        ? toPosition(result.position)
        : await this.positionOfRevision(streamId, nextExpectedRevision);
      this.subscriptions.nudge();
      return { nextExpectedRevision, position, appended: true };
    } catch (error) {
      const translated = translateError(error, { streamId, expected });
      if (translated instanceof ExpectedRevisionConflict) {
        // A concurrent retry of the same command may have won the race: answer as a retry.
        const retried = await this.retriedAppend(streamId, events).catch(() => undefined);
        if (retried) return retried;
      }
      throw translated;
    }
  }

  private async retriedAppend(
    streamId: string,
    events: readonly EventToAppend[],
  ): Promise<AppendResult | undefined> {
    const ids = new Set(events.map((event) => event.id));
    const newestFirst: EsdbRecordedEvent[] = [];
    const found = new Set<string>();
    try {
      const read = this.client.readStream(streamId, {
        direction: BACKWARDS,
        fromRevision: END,
        // A batch is stored contiguously: once one of its events is inside the window,
        // this many more reach its oldest.
        maxCount: this.idempotencyWindow + events.length,
      });
      for await (const resolved of consume(read)) {
        if (!resolved.event) continue;
        newestFirst.push(resolved.event);
        if (ids.has(resolved.event.id)) found.add(resolved.event.id);
        if (found.size === ids.size) break;
        if (found.size === 0 && newestFirst.length >= this.idempotencyWindow) break;
      }
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw error;
    }
    const retried = findRetriedAppend(streamId, events, newestFirst);
    return retried && { ...retried, appended: false };
  }

  /** Where an event landed, for the servers whose append result carries no position. */
  private async positionOfRevision(streamId: string, revision: bigint): Promise<Position> {
    const [event] = await recordedEvents(
      this.client.readStream(streamId, { direction: FORWARDS, fromRevision: revision, maxCount: 1 }),
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
      );
      return events.map(toRecordedEvent);
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw translateError(error);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    try {
      const events = await readAllPaged(
        (from, count) =>
          recordedEvents(
            this.client.readAll({ fromPosition: toReadPosition(from), direction: FORWARDS, maxCount: count }),
          ),
        positionOf,
        (event) => !isSystemEvent(event),
        options.after ?? START,
        options.maxCount ?? DEFAULT_READ_ALL_COUNT,
      );
      return events.map(toRecordedEvent);
    } catch (error) {
      throw translateError(error);
    }
  }

  async headPosition(): Promise<Position> {
    try {
      const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
      for await (const resolved of consume(read)) {
        if (resolved.event && !isSystemEvent(resolved.event)) return positionOf(resolved.event);
      }
      return START;
    } catch (error) {
      throw translateError(error);
    }
  }

  subscribe(handler: SubscriptionHandler, options: SubscribeOptions): Subscription {
    return this.subscriptions.subscribe(handler, options);
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    if (this.ownsClient) await this.client.dispose();
  }
}
