import { Injectable } from '@nestjs/common';
import {
  decidePlan,
  evolvePlan,
  initialPlanState,
  isPlanEvent,
  type PlanCommand,
  type PlanState,
} from '@app/domain';
import { EventStore, eventIdFor, type EventToAppend, type RecordedEvent } from '@app/event-store';
import type { CommandEnvelope, CommandOutcome } from './command-envelope.js';
import { planStreamId } from './plan-stream.js';

/**
 * The whole of a plan command handler: load the stream, fold it, decide, append with the
 * revision it was decided on. Handlers only translate their command into a domain command.
 */
@Injectable()
export class PlanCommandRunner {
  constructor(private readonly store: EventStore) {}

  async run(planId: string, envelope: CommandEnvelope, command: PlanCommand): Promise<CommandOutcome> {
    const streamId = planStreamId(planId);
    const history = await this.store.readStream(streamId);
    const revision = history.length > 0 ? history[history.length - 1]!.revision : -1n;

    // A retried command: answer as the first time, without deciding again on newer state.
    const earlier = history.filter((e) => e.metadata.commandId === envelope.commandId);
    if (earlier.length > 0) {
      return { streamId, revision, position: earlier[earlier.length - 1]!.position, appended: false };
    }

    const state = foldPlan(history);
    const events = decidePlan(command, state);
    if (events.length === 0) return { streamId, revision, position: undefined, appended: false };

    const toAppend: EventToAppend[] = events.map((event, index) => ({
      id: eventIdFor(envelope.commandId, index),
      type: event.type,
      data: event.data,
      metadata: {
        actor: envelope.actor,
        commandId: envelope.commandId,
        correlationId: envelope.correlationId ?? envelope.commandId,
        ...(envelope.cause ? { cause: envelope.cause } : {}),
        effectiveAt: envelope.effectiveAt ?? envelope.now.slice(0, 10),
        recordedAt: envelope.now,
      },
    }));
    const result = await this.store.appendToStream(streamId, toAppend, {
      expectedRevision: envelope.expectedRevision ?? (revision < 0n ? 'no_stream' : revision),
    });
    return {
      streamId,
      revision: result.nextExpectedRevision,
      position: result.position,
      appended: result.appended,
    };
  }

  async load(planId: string): Promise<{ state: PlanState; history: RecordedEvent[] }> {
    const history = await this.store.readStream(planStreamId(planId));
    return { state: foldPlan(history), history };
  }
}

function foldPlan(history: readonly RecordedEvent[]): PlanState {
  let state = initialPlanState();
  for (const event of history) {
    if (isPlanEvent(event)) state = evolvePlan(state, event);
  }
  return state;
}
