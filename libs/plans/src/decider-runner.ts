import type { Decider, DomainEvent } from '@app/domain';
import { eventIdFor, type EventStore, type EventToAppend, type RecordedEvent } from '@app/event-store';
import type { CommandEnvelope, CommandOutcome } from './command-envelope.js';

export interface StreamDecider<Command, Event extends DomainEvent, State> extends Decider<
  Command,
  Event,
  State
> {
  isEvent(event: { type: string }): boolean;
}

/**
 * Load, fold, decide, append: the whole of a command handler for any decider. The command is
 * built from the folded state (a handler may need it, e.g. to look up the plan's organisation).
 */
export async function runDecider<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: StreamDecider<Command, Event, State>,
  envelope: CommandEnvelope,
  build: (state: State) => Command | Promise<Command>,
): Promise<CommandOutcome> {
  const history = await store.readStream(streamId);
  const revision = history.length > 0 ? history[history.length - 1]!.revision : -1n;

  // A retried command: answer as the first time, without deciding again on newer state.
  const earlier = history.filter((e) => e.metadata.commandId === envelope.commandId);
  if (earlier.length > 0) {
    return { streamId, revision, position: earlier[earlier.length - 1]!.position, appended: false };
  }

  const state = foldStream(decider, history);
  const events = decider.decide(await build(state), state);
  if (events.length === 0) return { streamId, revision, position: undefined, appended: false };

  const toAppend: EventToAppend[] = events.map((event, index) => ({
    id: eventIdFor(envelope.commandId, index),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: {
      actor: envelope.actor,
      commandId: envelope.commandId,
      correlationId: envelope.correlationId ?? envelope.commandId,
      ...(envelope.cause ? { cause: envelope.cause } : {}),
      effectiveAt: envelope.effectiveAt ?? envelope.now.slice(0, 10),
      recordedAt: envelope.now,
    },
  }));
  const result = await store.appendToStream(streamId, toAppend, {
    expectedRevision: envelope.expectedRevision ?? (revision < 0n ? 'no_stream' : revision),
  });
  return {
    streamId,
    revision: result.nextExpectedRevision,
    position: result.position,
    appended: result.appended,
  };
}

export function foldStream<Command, Event extends DomainEvent, State>(
  decider: StreamDecider<Command, Event, State>,
  history: readonly RecordedEvent[],
): State {
  let state = decider.initialState();
  for (const event of history) {
    if (decider.isEvent(event)) state = decider.evolve(state, event as unknown as Event);
  }
  return state;
}
