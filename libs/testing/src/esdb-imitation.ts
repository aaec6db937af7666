import {
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { Readable } from 'node:stream';

/**
 * An in-memory imitation of the parts of @eventstore/db-client 6.2 the EventStoreDB adapter
 * calls, behaving as the client and server do where the adapter depends on it: revisions from
 * 0, $all positions as (commit, prepare), reads of $all inclusive of their start, the server's
 * own events ($stats, stream metadata) in $all, the client's error classes, tombstones, the
 * 1 MiB append limit, the server's quiet de-duplication of a recent append, filtered catch-up
 * subscriptions that report checkpoints past what they filtered, and data and metadata that
 * come back as the client decodes them (JSON parsed, anything else as bytes).
 *
 * It is for running the event-store contract and the adapter's own behaviour in every test
 * run, since CI has no EventStoreDB server; the contract also runs against a real server when
 * EVENTSTORE_CONNECTION_STRING is set. Faults can be switched on to see the adapter meet them.
 */
export class EsdbImitation {
  private readonly all: Stored[] = [];
  private readonly streams = new Map<string, Stored[]>();
  private readonly tombstoned = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private next = 4096n;

  /** Reads that the server never answers (a hung node): they wait until cancelled. */
  hangReads = false;
  /** This many coming appends are written but their answer is lost (the client times out). */
  unansweredAppends = 0;
  /** Each append call: the stream, and whether it carried call credentials (so the client used plain Append). */
  readonly appendCalls: Array<{ readonly streamId: string; readonly credentials: boolean }> = [];
  /** Read calls started, for checking how much an operation reads. */
  readonly readCalls: Array<{ readonly kind: 'stream' | 'all'; readonly maxCount: number | undefined }> = [];

  constructor(
    private readonly options: {
      /** The server's limit on one append, in bytes of data and metadata (EventStoreDB: 1 MiB). */
      readonly maxAppendSize?: number;
      /** How many recent events the server remembers for quietly de-duplicating a retried append. */
      readonly dedupWindow?: number;
    } = {},
  ) {
    this.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
    this.writeSystemEvent('$$$scavenges', '$metadata');
  }

  /** An event the server writes of its own accord. */
  writeSystemEvent(streamId: string, type: string): void {
    this.store(streamId, {
      id: crypto.randomUUID(),
      type,
      contentType: 'application/json',
      data: {},
      metadata: {},
    });
  }

  /** An event another application (or the server's web UI) writes: any bytes, any content type. */
  writeForeignEvent(
    streamId: string,
    type: string,
    data: Uint8Array | Record<string, unknown>,
    json = false,
  ): void {
    const id = crypto.randomUUID();
    const metadata = new Uint8Array();
    this.store(
      streamId,
      json
        ? { id, type, contentType: 'application/json', data: data as Record<string, never>, metadata }
        : { id, type, contentType: 'application/octet-stream', data: bytes(data), metadata },
    );
  }

  tombstone(streamId: string): void {
    this.tombstoned.add(streamId);
  }

  async appendToStream(
    streamName: string,
    event: EventData | EventData[],
    options: { expectedRevision?: AppendExpectedRevision; credentials?: unknown } = {},
  ): Promise<AppendResult> {
    this.appendCalls.push({ streamId: streamName, credentials: options.credentials !== undefined });
    const events = Array.isArray(event) ? event : [event];
    if (this.tombstoned.has(streamName)) throw StreamDeletedError.fromStreamName(streamName);
    const max = this.options.maxAppendSize ?? 1_048_576;
    const size = events.reduce((sum, e) => sum + bytes(e.data).length + bytes(e.metadata ?? {}).length, 0);
    if (size > max) throw MaxAppendSizeExceededError.fromMaxAppendSize(max);

    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? undefined : BigInt(stream.length - 1);
    // A retry soon after the first: the server answers as if it appended, and appends nothing.
    const recent = stream.slice(-(this.options.dedupWindow ?? 100));
    const ids = new Set(events.map((e) => e.id));
    const earlier = recent.filter((s) => ids.has(s.event.id));
    if (earlier.length === ids.size) {
      return { success: true, nextExpectedRevision: current ?? -1n, position: earlier.at(-1)!.position };
    }

    const expected = options.expectedRevision ?? 'any';
    const wrong =
      (expected === 'no_stream' && current !== undefined) ||
      (expected === 'stream_exists' && current === undefined) ||
      (typeof expected === 'bigint' && expected !== current);
    if (wrong) {
      throw new WrongExpectedVersionError(undefined, {
        streamName,
        expected,
        current: current ?? 'no_stream',
      });
    }
    let position: Stored['position'] | undefined;
    for (const e of events) position = this.store(streamName, e).position;
    const result = {
      success: true,
      nextExpectedRevision: BigInt(this.streams.get(streamName)!.length - 1),
      position,
    };
    if (this.unansweredAppends > 0) {
      this.unansweredAppends--;
      throw new DeadlineExceededError();
    }
    return result as AppendResult;
  }

  readStream(
    streamName: string,
    options: { direction?: string; fromRevision?: bigint | string; maxCount?: number | bigint } = {},
  ): Readable & { cancel(): Promise<void> } {
    const maxCount = options.maxCount === undefined ? undefined : Number(options.maxCount);
    this.readCalls.push({ kind: 'stream', maxCount });
    return this.read(() => {
      if (this.tombstoned.has(streamName)) throw StreamDeletedError.fromStreamName(streamName);
      const stream = this.streams.get(streamName);
      if (!stream) throw new StreamNotFoundError(undefined, streamName);
      const backwards = options.direction === 'backwards';
      const from = options.fromRevision;
      let events: Stored[];
      if (backwards) {
        const end = from === undefined || from === 'end' ? stream.length - 1 : Number(from);
        events = stream.slice(0, end + 1).reverse();
      } else {
        const start = from === undefined || from === 'start' ? 0 : Number(from);
        events = stream.slice(start);
      }
      return events.slice(0, maxCount);
    });
  }

  readAll(
    options: { fromPosition?: unknown; direction?: string; maxCount?: number | bigint } = {},
  ): Readable & { cancel(): Promise<void> } {
    const maxCount = options.maxCount === undefined ? undefined : Number(options.maxCount);
    this.readCalls.push({ kind: 'all', maxCount });
    return this.read(() => {
      const backwards = options.direction === 'backwards';
      const from = options.fromPosition;
      let events: Stored[];
      if (backwards) {
        events = [...this.all].reverse();
        if (typeof from === 'object' && from)
          events = events.filter((s) => atOrBefore(s.position, from as Pos));
      } else {
        events = this.all;
        // Reading $all from a position includes the event at that position.
        if (typeof from === 'object' && from)
          events = events.filter(
            (s) => !atOrBefore(s.position, from as Pos) || same(s.position, from as Pos),
          );
      }
      return events.slice(0, maxCount);
    });
  }

  subscribeToAll(options: {
    fromPosition?: unknown;
    filter?: {
      regex?: string;
      checkpointInterval: number;
      checkpointReached?: (subscription: unknown, position: Pos) => unknown;
    };
  }): Readable & { unsubscribe(): Promise<void> } {
    const subscription = new ImitationSubscription(this, options);
    return subscription;
  }

  async dispose(): Promise<void> {
    this.listeners.clear();
  }

  /**
   * This imitation where the adapter takes the client. It implements only what the adapter
   * calls, with the client's behaviour rather than its full option types, hence the cast.
   */
  asClient(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  /** @internal the log from index `from` on, for subscriptions. */
  logFrom(from: number): readonly Stored[] {
    return this.all.slice(from);
  }

  /** @internal resolves at the next append. */
  nextAppend(): Promise<void> {
    return new Promise((resolve) => {
      const listener = (): void => {
        this.listeners.delete(listener);
        resolve();
      };
      this.listeners.add(listener);
    });
  }

  private store(streamId: string, event: EventData): Stored {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    const position = { commit: this.next, prepare: this.next };
    this.next += 128n + BigInt(bytes(event.data).length);
    const stored: Stored = { streamId, revision: BigInt(stream.length), position, event };
    stream.push(stored);
    this.all.push(stored);
    for (const listener of [...this.listeners]) listener();
    return stored;
  }

  private read(events: () => Stored[]): Readable & { cancel(): Promise<void> } {
    const hang = this.hangReads;
    const readable = Readable.from(
      (async function* () {
        if (hang) await new Promise(() => undefined);
        for (const stored of events()) yield { event: decode(stored) };
      })(),
      { objectMode: true },
    ) as Readable & { cancel(): Promise<void> };
    readable.cancel = async () => {
      readable.destroy();
    };
    return readable;
  }
}

type Pos = { readonly commit: bigint; readonly prepare: bigint };

interface Stored {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: Pos;
  readonly event: EventData;
}

const atOrBefore = (a: Pos, b: Pos): boolean =>
  a.commit < b.commit || (a.commit === b.commit && a.prepare <= b.prepare);
const same = (a: Pos, b: Pos): boolean => a.commit === b.commit && a.prepare === b.prepare;

function bytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  return Buffer.from(JSON.stringify(value ?? {}), 'utf8');
}

/** As the client hands a recorded event out: JSON data parsed (or left as text), metadata parsed or as bytes. */
function decode(stored: Stored): Record<string, unknown> {
  const { event } = stored;
  const isJson = event.contentType === 'application/json';
  const raw = bytes(event.data);
  let data: unknown = raw;
  if (isJson) {
    const text = Buffer.from(raw).toString('utf8');
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  const metadataBytes = bytes(event.metadata ?? new Uint8Array());
  let metadata: unknown;
  if (metadataBytes.length > 0) {
    try {
      metadata = JSON.parse(Buffer.from(metadataBytes).toString('utf8'));
    } catch {
      metadata = metadataBytes;
    }
  }
  return {
    streamId: stored.streamId,
    id: event.id,
    revision: stored.revision,
    type: event.type,
    data,
    metadata,
    isJson,
    created: new Date(0),
    position: stored.position,
  };
}

/**
 * A catch-up subscription to $all: events after the start position that pass the filter, and
 * a checkpoint (awaited, in order, as the client does) after every `checkpointInterval` events
 * filtered out and whenever it has caught up past filtered ones.
 */
class ImitationSubscription extends Readable {
  private index = 0;
  private pumping = false;
  private stopped = false;

  constructor(
    private readonly server: EsdbImitation,
    private readonly options: Parameters<EsdbImitation['subscribeToAll']>[0],
  ) {
    super({ objectMode: true, highWaterMark: 16 });
    const from = options.fromPosition;
    if (typeof from === 'object' && from) {
      const all = server.logFrom(0);
      this.index = all.findIndex((s) => !atOrBefore(s.position, from as Pos));
      if (this.index < 0) this.index = all.length;
    }
  }

  override _read(): void {
    if (!this.pumping) void this.pump();
  }

  async unsubscribe(): Promise<void> {
    this.stopped = true;
    this.push(null);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.stopped = true;
    callback(error);
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    const filter = this.options.filter;
    const matches = (type: string): boolean => !filter?.regex || new RegExp(filter.regex).test(type);
    let skipped = 0;
    let lastSkipped: Pos | undefined;
    try {
      while (!this.stopped) {
        const fresh = this.server.logFrom(this.index);
        if (fresh.length === 0) {
          if (lastSkipped && filter?.checkpointReached) await filter.checkpointReached(this, lastSkipped);
          skipped = 0;
          lastSkipped = undefined;
          await this.server.nextAppend();
          continue;
        }
        for (const stored of fresh) {
          if (this.stopped) return;
          this.index++;
          if (matches(stored.event.type)) {
            if (!this.push({ event: decode(stored) })) {
              // Backpressure: go on when the consumer reads again.
              return;
            }
          } else {
            skipped++;
            lastSkipped = stored.position;
            if (filter?.checkpointReached && skipped >= filter.checkpointInterval) {
              await filter.checkpointReached(this, stored.position);
              skipped = 0;
              lastSkipped = undefined;
            }
          }
        }
      }
    } finally {
      this.pumping = false;
    }
  }
}
