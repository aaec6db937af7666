import type { EventCause, RecordedEvent } from './recorded-event.js';

/**
 * An event with what it carries beside its data, flat, as a dry run or a preview shows it: one
 * from the store, or one only simulated (what a meeting would append, never written).
 */
export interface EventRecord {
  /** The stream revision: a simulated event's is the one it would get. */
  readonly revision: number;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly effectiveAt: string;
  readonly actor: string;
  readonly commandId: string;
  readonly cause: EventCause | null;
  readonly recordedAt: string;
  /** False for an event only simulated. */
  readonly recorded: boolean;
}

/** A stored event as a record. */
export function eventRecordOf(event: RecordedEvent): EventRecord {
  return {
    revision: Number(event.revision),
    type: event.type,
    data: { ...event.data },
    effectiveAt: event.metadata.effectiveAt,
    actor: event.metadata.actor,
    commandId: event.metadata.commandId,
    cause: event.metadata.cause ?? null,
    recordedAt: event.metadata.recordedAt,
    recorded: true,
  };
}

/** What simulated events would carry: they follow the stream's revision `after`. */
export interface SimulatedEventContext {
  readonly after: number;
  readonly effectiveAt: string;
  readonly actor: string;
  readonly cause: EventCause;
  readonly recordedAt: string;
}

/** Events a dry run or a preview decided but never appended, as records after the stream's last. */
export function simulatedEventRecords(
  events: ReadonlyArray<{ readonly type: string; readonly data: object }>,
  context: SimulatedEventContext,
): EventRecord[] {
  return events.map((event, i) => ({
    revision: context.after + 1 + i,
    type: event.type,
    data: event.data as Record<string, unknown>,
    effectiveAt: context.effectiveAt,
    actor: context.actor,
    commandId: '',
    cause: context.cause,
    recordedAt: context.recordedAt,
    recorded: false,
  }));
}
