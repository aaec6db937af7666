import type { DomainEvent } from '@app/domain';
import type { EventStore, Position, RecordedEvent } from '@app/event-store';

/** A stream folded up to `revision`, with the commands seen in it (for answering retries). */
export interface FoldedStream<State> {
  readonly state: State;
  /** The revision of the last event folded in; -1 for a stream with no events yet. */
  readonly revision: bigint;
  /** Command id -> position of the command's last event. Only grows, so entries may share it. */
  readonly commands: ReadonlyMap<string, Position>;
}

export interface Fold<Event extends DomainEvent, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  isEvent(event: { type: string }): boolean;
  /** An evolve for one fold of many events, faster than `evolve` (see the domain's `planFold`). */
  startFold?(): (state: State, event: Event) => State;
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
  const commands = from.commands as Map<string, Position>;
  for (const event of events) {
    if (fold.isEvent(event)) state = evolve(state, event as unknown as Event);
    const commandId = event.metadata.commandId;
    if (typeof commandId === 'string') commands.set(commandId, event.position);
  }
  return { state, revision: events[events.length - 1]!.revision, commands };
}

/**
 * Folded streams kept between commands, so a command reads only the events appended since the
 * last one instead of the whole stream (thousands of events for a plan followed up for years).
 * Every load still asks the store for newer events, so another process's appends are seen;
 * the cache only saves reading and folding what was already folded. Bounded: the streams used
 * least recently are forgotten first.
 *
 * States are immutable (evolve returns new objects), so a cached state can be handed to several
 * concurrent commands; the one whose append loses gets a revision conflict from the store.
 */
export class FoldedStreams<Event extends DomainEvent, State> {
  private readonly entries = new Map<string, FoldedStream<State>>();

  constructor(
    private readonly store: EventStore,
    private readonly fold: Fold<Event, State>,
    private readonly capacity = 256,
  ) {}

  async load(streamId: string): Promise<FoldedStream<State>> {
    const cached = this.entries.get(streamId);
    const fresh = await this.store.readStream(
      streamId,
      cached ? { fromRevision: cached.revision + 1n } : undefined,
    );
    // A stream that reads back shorter than what was folded cannot happen in an append-only
    // store; if it ever did (a database restored from an older backup), fold it again whole.
    if (cached && fresh.length > 0 && fresh[0]!.revision !== cached.revision + 1n) {
      this.entries.delete(streamId);
      return this.load(streamId);
    }
    const folded = foldRecorded(this.fold, fresh, cached ?? this.empty());
    this.remember(streamId, folded);
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
    let state = before.state;
    for (const event of events) state = this.fold.evolve(state, event);
    const commands = before.commands as Map<string, Position>;
    commands.set(commandId, result.position);
    this.remember(streamId, { state, revision: result.revision, commands });
  }

  private empty(): FoldedStream<State> {
    return { state: this.fold.initialState(), revision: -1n, commands: new Map() };
  }

  private remember(streamId: string, folded: FoldedStream<State>): void {
    const current = this.entries.get(streamId);
    if (current && current.revision > folded.revision) return;
    this.entries.delete(streamId);
    if (folded.revision < 0n) return;
    this.entries.set(streamId, folded);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }
}
