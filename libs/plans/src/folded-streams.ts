import type { DomainEvent } from '@app/domain';
import { eventIdFor, type EventStore, type Position, type RecordedEvent } from '@app/event-store';
import type { SnapshotCodec, StreamSnapshots } from './snapshots/stream-snapshots.js';
import { StreamLanes } from './stream-lanes.js';

/** A stream folded up to `revision`, with the commands seen in it (for answering retries). */
export interface FoldedStream<State> {
  readonly state: State;
  /** The revision of the last event folded in; -1 for a stream with no events yet. */
  readonly revision: bigint;
  /**
   * Command id -> revision of the command's last event. Only grows, so entries may share it. A
   * revision (a small number) rather than a position: a plan followed up for years has
   * thousands of commands, and a retry, which needs the position, is rare.
   */
  readonly commands: ReadonlyMap<string, number>;
}

export interface Fold<Event extends DomainEvent, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  isEvent(event: { type: string }): boolean;
  /** An evolve for one fold of many events, faster than `evolve` (see the domain's `planFold`). */
  startFold?(): (state: State, event: Event) => State;
  /** How to keep the state as a snapshot; a fold without one is always folded from the start. */
  readonly snapshot?: SnapshotCodec<State>;
}

/** The whole stream from its first event (no cache). */
export function foldRecorded<Event extends DomainEvent, State>(
  fold: Fold<Event, State>,
  events: readonly RecordedEvent[],
  from: FoldedStream<State> = { state: fold.initialState(), revision: -1n, commands: new Map() },
): FoldedStream<State> {
  if (events.length === 0) return from;
  let state = from.state;
  const evolve = fold.startFold?.() ?? fold.evolve;
  const commands = from.commands as Map<string, number>;
  for (const event of events) {
    if (fold.isEvent(event)) state = evolve(state, event as unknown as Event);
    const commandId = event.metadata.commandId;
    if (typeof commandId === 'string') commands.set(commandId, Number(event.revision));
  }
  return { state, revision: events[events.length - 1]!.revision, commands };
}

const ignore = (): void => undefined;

/** A read of a stream under way, and the one that starts when it ends (see FoldedStreams.load). */
interface Reading<State> {
  readonly current: Promise<FoldedStream<State>>;
  next?: Promise<FoldedStream<State>>;
}

/** Events read from the store at a time when folding a stream. */
const PAGE = 500;

/** A folded stream as kept here: with what a snapshot of it needs. */
interface Entry<State> extends FoldedStream<State> {
  /** The id of the event at `revision` (to tell a stale snapshot from a good one). */
  readonly lastEventId: string | undefined;
  /** The revision of the newest snapshot known to be stored; -1 for none. */
  readonly snapshotRevision: bigint;
}

export interface FoldedStreamsOptions {
  readonly capacity?: number;
  /**
   * At most this many events folded into the streams kept, together: a state costs memory by the
   * events folded into it, and a plan followed up for years has thousands (default: no bound).
   */
  readonly maxEvents?: number;
  /** Where snapshots are kept; without it (or a codec in the fold) streams are folded from their start. */
  readonly snapshots?: StreamSnapshots;
  /** How many events a stream moves on before its snapshot is taken again. */
  readonly snapshotEvery?: number;
  /** A snapshot that could not be read or written: the command goes on without it. */
  readonly onSnapshotError?: (streamId: string, error: unknown) => void;
}

/**
 * Folded streams kept between commands, so a command reads only the events appended since the
 * last one instead of the whole stream (thousands of events for a plan followed up for years).
 * Every load still asks the store for newer events, so another process's appends are seen;
 * the cache only saves reading and folding what was already folded. Bounded: the streams used
 * least recently are forgotten first. A stream not in memory starts from its stored snapshot,
 * if the fold has a codec and the snapshot still matches the stream; a stream that has moved
 * `snapshotEvery` events past its snapshot gets a new one.
 *
 * States are immutable (evolve returns new objects), so a cached state can be handed to several
 * concurrent reads. Commands take their turn on a stream (`exclusive`); one whose append loses to
 * another process gets a revision conflict from the store.
 */
export class FoldedStreams<Event extends DomainEvent, State> {
  private readonly entries = new Map<string, Entry<State>>();
  private readonly lanes = new StreamLanes();
  /** Per stream, the read under way and the one to start when it ends (see `load`). */
  private readonly reading = new Map<string, Reading<State>>();
  private readonly capacity: number;
  private readonly maxEvents: number;
  /** The events folded into the streams kept (each stream's revision + 1): what their states cost in memory. */
  private eventsKept = 0;
  private readonly snapshotEvery: number;

  constructor(
    private readonly store: EventStore,
    private readonly fold: Fold<Event, State>,
    private readonly options: FoldedStreamsOptions = {},
  ) {
    this.capacity = options.capacity ?? 256;
    this.maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
    this.snapshotEvery = options.snapshotEvery ?? 100;
  }

  /**
   * The stream as this process last folded it, without asking the store: current unless another
   * process appended since, which an append expecting its revision finds out.
   */
  known(streamId: string): FoldedStream<State> | undefined {
    return this.entries.get(streamId);
  }

  /** Runs a command on `streamId` after the commands on it queued before (see StreamLanes). */
  exclusive<T>(streamId: string, command: () => Promise<T>): Promise<T> {
    return this.lanes.run(streamId, command);
  }

  /**
   * The stream with every event stored before the call: read from the store by a read that
   * starts after it. Loads of one stream that come while a read of it is under way share the
   * next read, which starts when that one ends (a client sending a dozen requests at once with
   * one token: its user stream is read twice, not a dozen times).
   */
  load(streamId: string): Promise<FoldedStream<State>> {
    const reading = this.reading.get(streamId);
    if (!reading) return this.startReading(streamId);
    reading.next ??= reading.current.then(ignore, ignore).then(() => this.startReading(streamId));
    return reading.next;
  }

  private startReading(streamId: string): Promise<FoldedStream<State>> {
    const current = this.read(streamId);
    const reading: Reading<State> = { current };
    this.reading.set(streamId, reading);
    void current.then(ignore, ignore).then(() => {
      if (this.reading.get(streamId) === reading) this.reading.delete(streamId);
    });
    return current;
  }

  private async read(streamId: string): Promise<FoldedStream<State>> {
    return this.loadFrom(streamId, this.entries.get(streamId) ?? (await this.fromSnapshot(streamId)));
  }

  /**
   * Folds what the store holds after `start` (the whole stream without one), a page at a time:
   * the first load of a plan followed up for years reads thousands of events, and a process
   * serving many such loads at once should not hold them all.
   */
  private async loadFrom(streamId: string, start: Entry<State> | undefined): Promise<FoldedStream<State>> {
    let folded = start ?? this.empty();
    for (;;) {
      const page = await this.store.readStream(streamId, {
        fromRevision: folded.revision + 1n,
        maxCount: PAGE,
      });
      // A stream that reads back shorter than what was folded cannot happen in an append-only
      // store; if it ever did (a database restored from an older backup), fold it again whole.
      if (start && page.length > 0 && page[0]!.revision !== folded.revision + 1n) {
        this.forget(streamId);
        return this.loadFrom(streamId, undefined);
      }
      folded = {
        ...foldRecorded(this.fold, page, folded),
        lastEventId: page.length > 0 ? page[page.length - 1]!.id : folded.lastEventId,
        snapshotRevision: folded.snapshotRevision,
      };
      if (page.length < PAGE) break;
    }
    this.remember(streamId, await this.snapshotIfDue(streamId, folded));
    return folded;
  }

  /** After a successful append of `events` decided on `before`: the stream at `revision`. */
  appended(
    streamId: string,
    before: FoldedStream<State>,
    events: readonly Event[],
    commandId: string,
    result: { revision: bigint; position: Position },
  ): void {
    if (result.revision !== before.revision + BigInt(events.length)) {
      // Someone else's events are in between (an append with expected revision "any"): the
      // next load reads them.
      return;
    }
    const current = this.entries.get(streamId);
    if (current && current.revision >= result.revision) return;
    if (events.length > PAGE) {
      // A large append (a document import): the next load reads it back a page at a time rather
      // than this folding all of it at once on the event loop.
      this.forget(streamId);
      return;
    }
    let state = before.state;
    const evolve = this.fold.startFold?.() ?? this.fold.evolve;
    for (const event of events) state = evolve(state, event);
    const commands = before.commands as Map<string, number>;
    commands.set(commandId, Number(result.revision));
    const folded: Entry<State> = {
      state,
      revision: result.revision,
      commands,
      // The ids the decider runner gave the events it appended.
      lastEventId: eventIdFor(commandId, events.length - 1),
      snapshotRevision: current?.snapshotRevision ?? -1n,
    };
    this.remember(streamId, folded);
    // Commands on a stream kept here do not load it (runDecider decides on `known`), so its
    // snapshot is kept up from here, after the answer: a new process still starts near the end.
    if (this.snapshotDue(folded)) {
      this.remember(streamId, { ...folded, snapshotRevision: folded.revision });
      void this.snapshotIfDue(streamId, folded);
    }
  }

  private snapshotDue(folded: Entry<State>): boolean {
    return (
      this.fold.snapshot !== undefined &&
      this.options.snapshots !== undefined &&
      folded.lastEventId !== undefined &&
      folded.revision - folded.snapshotRevision >= BigInt(this.snapshotEvery)
    );
  }

  private empty(): Entry<State> {
    return {
      state: this.fold.initialState(),
      revision: -1n,
      commands: new Map(),
      lastEventId: undefined,
      snapshotRevision: -1n,
    };
  }

  /** The stream as its snapshot has it, if it has one that still matches the stream. */
  private async fromSnapshot(streamId: string): Promise<Entry<State> | undefined> {
    const codec = this.fold.snapshot;
    if (!codec || !this.options.snapshots) return undefined;
    try {
      const snapshot = await this.options.snapshots.load(streamId, codec.version);
      if (!snapshot) return undefined;
      // The snapshot's last event must still be the stream's event at that revision: a store
      // restored from a backup, or emptied and filled again, makes a snapshot stale.
      const [last] = await this.store.readStream(streamId, { fromRevision: snapshot.revision, maxCount: 1 });
      if (last?.revision !== snapshot.revision || last.id !== snapshot.lastEventId) return undefined;
      return {
        state: codec.decode(snapshot.state),
        revision: snapshot.revision,
        commands: new Map(snapshot.commands),
        lastEventId: snapshot.lastEventId,
        snapshotRevision: snapshot.revision,
      };
    } catch (error) {
      this.options.onSnapshotError?.(streamId, error);
      return undefined;
    }
  }

  private async snapshotIfDue(streamId: string, folded: Entry<State>): Promise<Entry<State>> {
    const codec = this.fold.snapshot;
    const snapshots = this.options.snapshots;
    if (!codec || !snapshots || folded.lastEventId === undefined || !this.snapshotDue(folded)) return folded;
    try {
      await snapshots.save({
        streamId,
        version: codec.version,
        revision: folded.revision,
        lastEventId: folded.lastEventId,
        state: codec.encode(folded.state),
        commands: [...folded.commands],
      });
      return { ...folded, snapshotRevision: folded.revision };
    } catch (error) {
      this.options.onSnapshotError?.(streamId, error);
      return folded;
    }
  }

  private remember(streamId: string, folded: Entry<State>): void {
    const current = this.entries.get(streamId);
    if (current && current.revision > folded.revision) return;
    this.forget(streamId);
    if (folded.revision < 0n) return;
    this.entries.set(streamId, folded);
    this.eventsKept += Number(folded.revision) + 1;
    // The least recently used go first, until both bounds hold (the last one used always stays).
    while (this.entries.size > 1 && (this.entries.size > this.capacity || this.eventsKept > this.maxEvents)) {
      this.forget(this.entries.keys().next().value!);
    }
  }

  private forget(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    this.entries.delete(streamId);
    this.eventsKept -= Number(entry.revision) + 1;
  }
}
