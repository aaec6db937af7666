import type { ExpectedRevision } from './expected-revision.js';
import type { HeldBackReads } from './held-back-reads.js';
import { comparePositions, type Position } from './position.js';
import type { EventToAppend, RecordedEvent } from './recorded-event.js';

export interface AppendResult {
  /** The revision of the stream's last event after the append. */
  readonly nextExpectedRevision: bigint;
  /** The position of the last event written (or found, when the append was a retry). */
  readonly position: Position;
  /** False when every event was already in the stream (a retried command): nothing was written. */
  readonly appended: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first (forwards) or last (backwards) event. */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Defaults to START. */
  readonly after?: Position;
  readonly maxCount?: number;
}

export interface SubscriptionHandler {
  /**
   * Called with batches in global order; the subscription waits for it before reading on.
   * `upTo` is where the subscription has read up to: the last event's position, or further when
   * the store passed over events no subscriber is shown (EventStoreDB's own events), in which
   * case `events` may be empty. A handler that keeps a checkpoint keeps `upTo`, so it never
   * reads those again.
   */
  (events: readonly RecordedEvent[], upTo: Position): Promise<void>;
}

export interface Subscription {
  /** Resolves once the handler has seen everything up to `position` (or rejects after `timeoutMs`). */
  caughtUpTo(position: Position, timeoutMs?: number): Promise<void>;
  /** Stops reading; resolves when the handler has returned for the last time. */
  stop(): Promise<void>;
  /** The position of the last event handed to the handler. */
  readonly checkpoint: Position;
}

export interface SubscribeOptions {
  /** Exclusive: events strictly after this checkpoint. */
  readonly after: Position;
  readonly batchSize?: number;
  /** How long to wait between polls when the handler is caught up. */
  readonly pollIntervalMs?: number;
  /** Called when the handler or the store fails; the subscription retries from its checkpoint. */
  readonly onError?: (error: unknown) => void;
  /**
   * For a handler whose every batch is costly whatever its size (it rewrites a whole plan's
   * JSON): after a batch that `busy` says it worked on, the subscription gathers appends for
   * `ms()` before it reads again, unless somebody waits for a position. So under a stream of
   * commands it works once every so often rather than every few milliseconds, while the first
   * append after a quiet spell is still read at once. A hint: EventStoreDB's catch-up
   * subscription hands over what its buffer holds and does not wait.
   */
  readonly gather?: { ms(): number; busy(events: readonly RecordedEvent[]): boolean };
}

/**
 * The event store port. An abstract class rather than an interface so it can be a Nest DI
 * token while the adapters stay plain classes (STYLE.md: "abstract classes as DI tokens").
 *
 * Revisions start at 0. Reads of a stream that does not exist return an empty list.
 */
export abstract class EventStore {
  private newestWritten: Position | undefined;

  /**
   * The newest position an append through this instance wrote, or found written (a retry): what
   * a read in this process should show (read-your-writes, see the read models' ReadYourWrites).
   */
  get newestWrittenHere(): Position | undefined {
    return this.newestWritten;
  }

  /** Every adapter passes each append's result through here. */
  protected written(result: AppendResult): AppendResult {
    const newest = this.newestWritten;
    if (!newest || comparePositions(result.position, newest) > 0) this.newestWritten = result.position;
    return result;
  }

  abstract appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;

  abstract readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * Every event of every stream whose id starts with `prefix`, as stored now: unlike `readAll`,
   * never held back behind a transaction running elsewhere. Each stream's events come in
   * revision order; the streams come in no particular order. For a small family of streams
   * whose current state must be known exactly (which plans are internal: `plan-visibility-`).
   */
  abstract readStreamsWithPrefix(prefix: string): Promise<RecordedEvent[]>;

  /** All events of all streams in global order, skipping none that a later commit could still add below. */
  abstract readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** The position of the newest event a reader may see now (START when the store is empty). */
  abstract headPosition(): Promise<Position>;

  /**
   * The position of the newest event stored (committed) now, which a reader may not see yet: a
   * store that holds readers back behind a running transaction shows it once that ends. A
   * reader that must get everything stored before it started (a rebuild) reads up to here.
   */
  committedHeadPosition(): Promise<Position> {
    return this.headPosition();
  }

  /**
   * Whether readers are held back now: committed events `readAll`, `headPosition` and the
   * subscriptions do not see yet, since when, and which running transactions hold them back.
   * Undefined when nothing is held back (always, for a store that never holds readers back).
   * The one source of /health's `heldBack` and of the held-back metrics.
   */
  heldBackReads(): Promise<HeldBackReads | undefined> {
    return Promise.resolve(undefined);
  }

  /** Tails the global order from a checkpoint, delivering each event once, in order. */
  abstract subscribe(handler: SubscriptionHandler, options: SubscribeOptions): Subscription;

  abstract close(): Promise<void>;
}
