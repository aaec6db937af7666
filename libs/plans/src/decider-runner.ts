import type { Decider, DomainEvent } from '@app/domain';
import {
  eventIdFor,
  ExpectedRevisionConflict,
  type EventCause,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
} from '@app/event-store';
import { TimeSlices } from '@app/off-thread';
import type { CommandEnvelope, CommandOutcome } from './command-envelope.js';
import { asCommandIdTaken, assertSameCommand, commandBinding, commandDigest } from './command-ids.js';
import { foldRecorded, type Fold, type FoldedStream, type FoldedStreams } from './folded-streams.js';

export interface StreamDecider<Command, Event extends DomainEvent, State>
  extends Decider<Command, Event, State>, Fold<Event, State> {}

/** A StreamDecider whose decide may take its time: a sequence of thousands of commands gives way to other requests as it goes. */
export interface SlowStreamDecider<Command, Event extends DomainEvent, State> extends Omit<
  StreamDecider<Command, Event, State>,
  'decide'
> {
  decide(command: Command, state: State): Event[] | Promise<Event[]>;
}

/**
 * Load, fold, decide, append: the whole of a command handler for any decider. The command is
 * built from the folded state (a handler may need it, e.g. to look up the plan's organisation).
 * `content` is the command as sent (see sentContent), which its id is bound to (command-ids.ts):
 * the same id with other content, or from another principal, is refused. With `cache`, the stream is folded from
 * where the last command left it, and commands on one stream take their turn (StreamLanes).
 */
export function runDecider<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: SlowStreamDecider<Command, Event, State>,
  envelope: CommandEnvelope,
  content: unknown,
  build: (state: State) => Command | Promise<Command>,
  cache?: FoldedStreams<Event, State>,
  eventMetadata?: EventMetadata,
): Promise<CommandOutcome> {
  const run = async (): Promise<CommandOutcome> => {
    const digest = commandDigest(content);
    // First on the state this process folded last, without asking the store for newer events: the
    // append's expected revision proves that state current, and only an append proves it, so any
    // other outcome (nothing to append, a refusal, a conflict: another process wrote) is decided
    // again below on what the store holds. A client's If-Match is checked against the store as is.
    const known = envelope.expectedRevision === undefined ? cache?.known(streamId) : undefined;
    if (known) {
      const outcome = await decideAndAppend(
        store,
        streamId,
        decider,
        envelope,
        digest,
        build,
        cache,
        eventMetadata,
        known,
      ).catch(() => undefined);
      if (outcome?.appended) return outcome;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await decideAndAppend(store, streamId, decider, envelope, digest, build, cache, eventMetadata);
      } catch (error) {
        // A client that named the revision it saw (If-Match) is told of the conflict. One that did
        // not only lost a race with another command on the same plan (two secretaries reporting
        // on different measures): decide again on the newer state, as the client would have.
        const retry =
          error instanceof ExpectedRevisionConflict &&
          envelope.expectedRevision === undefined &&
          attempt < CONFLICT_ATTEMPTS;
        if (!retry) throw asCommandIdTaken(error, envelope.commandId);
      }
    }
  };
  return cache ? cache.exclusive(streamId, run) : run();
}

/**
 * The cause and date of the event at an index of what a command decided, where they are not
 * the envelope's (the phases of one import: see PlanCommandRunner.runPhases).
 */
export type EventMetadata = (index: number) => { readonly cause?: EventCause; readonly effectiveAt?: string };

/** How often a command without an expected revision is decided again after losing a race. */
const CONFLICT_ATTEMPTS = 5;

async function decideAndAppend<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: SlowStreamDecider<Command, Event, State>,
  envelope: CommandEnvelope,
  digest: string,
  build: (state: State) => Command | Promise<Command>,
  cache?: FoldedStreams<Event, State>,
  eventMetadata?: EventMetadata,
  known?: FoldedStream<State>,
): Promise<CommandOutcome> {
  const folded: FoldedStream<State> =
    known ?? (cache ? await cache.load(streamId) : foldRecorded(decider, await store.readStream(streamId)));
  const { state, revision } = folded;

  // A retried command: answer as the first time, without deciding again on newer state. Another
  // command under the same id (other content, another principal) is refused.
  const earlier = folded.commands.get(envelope.commandId);
  if (earlier !== undefined) {
    const [last] = await store.readStream(streamId, { fromRevision: BigInt(earlier), maxCount: 1 });
    if (last) assertSameCommand(envelope, digest, last.metadata);
    return { streamId, revision, position: last?.position, appended: false };
  }

  const events = await decider.decide(await build(state), state);
  if (events.length === 0) {
    // A client that named the revision it saw is told it is stale even when the command changes
    // nothing now: what it meant was decided on a stream that has moved on.
    const expected = envelope.expectedRevision;
    if (typeof expected === 'bigint' && expected !== revision) {
      throw new ExpectedRevisionConflict(streamId, expected, revision < 0n ? 'no_stream' : revision);
    }
    return { streamId, revision, position: undefined, appended: false };
  }

  const toAppend = await eventsToAppend(envelope, digest, events, eventMetadata);
  const result = await store.appendToStream(streamId, toAppend, {
    expectedRevision: envelope.expectedRevision ?? (revision < 0n ? 'no_stream' : revision),
  });
  if (result.appended) {
    cache?.appended(streamId, folded, events, envelope.commandId, {
      revision: result.nextExpectedRevision,
      position: result.position,
    });
  }
  return {
    streamId,
    revision: result.nextExpectedRevision,
    position: result.position,
    appended: result.appended,
  };
}

/**
 * The events a command decided as they are appended: ids derived from the command id (so a
 * retry appends nothing), and the metadata that binds the id and says who, why and when. The
 * one place a decided event gets its id and metadata (a replayed protocol appends many
 * commands' events at once with it: replay-protocol.command.ts).
 */
export async function eventsToAppend(
  envelope: CommandEnvelope,
  digest: string,
  events: readonly DomainEvent[],
  eventMetadata?: EventMetadata,
): Promise<EventToAppend[]> {
  const toAppend: EventToAppend[] = [];
  const binding = commandBinding(envelope, digest);
  // An import's thousands of events each get an id hashed from the command id: a slice at a time.
  const slices = new TimeSlices();
  for (const [index, event] of events.entries()) {
    const own = eventMetadata?.(index) ?? {};
    const cause = own.cause ?? envelope.cause;
    toAppend.push({
      id: eventIdFor(envelope.commandId, index),
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: {
        actor: envelope.actor,
        commandId: envelope.commandId,
        ...binding,
        correlationId: envelope.correlationId ?? envelope.commandId,
        ...(cause ? { cause } : {}),
        effectiveAt: own.effectiveAt ?? envelope.effectiveAt ?? envelope.now.slice(0, 10),
        recordedAt: envelope.now,
      },
    });
    if (slices.due()) await slices.pause();
  }
  return toAppend;
}

export function foldStream<Command, Event extends DomainEvent, State>(
  decider: StreamDecider<Command, Event, State>,
  history: readonly RecordedEvent[],
): State {
  return foldRecorded(decider, history).state;
}
