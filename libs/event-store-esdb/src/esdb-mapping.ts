import {
  AppendTooLarge,
  EventIdsTaken,
  EventStoreUnavailable,
  ExpectedRevisionConflict,
  isSameEvent,
  START,
  comparePositions,
  type EventMetadata,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type RecordedEvent,
} from '@app/event-store';
import {
  ANY,
  NO_STREAM,
  START as ESDB_START,
  STREAM_EXISTS,
  ErrorType,
  convertToCommandError,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
  type ReadPosition,
} from '@eventstore/db-client';

/**
 * The fields of an EventStoreDB recorded event this adapter reads. Revisions and positions
 * are typed loosely on purpose: the client has returned numbers where bigint was typed
 * (EVENT-STORE.md, 2), so every one of them goes through BigInt() here.
 */
export interface EsdbRecordedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint | number | string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata?: unknown;
  readonly position?: EsdbPosition | undefined;
}

export interface EsdbPosition {
  readonly commit: bigint | number | string;
  readonly prepare: bigint | number | string;
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/**
 * A stream's current revision as the client reports it in a WrongExpectedVersionError.
 * Anything that is not a revision (undefined, 'no_stream', or the -1 the client uses when
 * it does not throw) means the stream does not exist.
 */
export function toCurrentRevision(value: unknown): bigint | 'no_stream' {
  if (typeof value === 'bigint') return value < 0n ? 'no_stream' : value;
  if (typeof value === 'number' && Number.isInteger(value)) return value < 0 ? 'no_stream' : BigInt(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  return 'no_stream';
}

/** What the adapter was asked to do when an append failed, to name it in a conflict. */
export interface AppendContext {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
}

/**
 * Failures that say nothing about the request itself: the node is down, unreachable,
 * too busy, shutting down or not the leader any more. The caller may retry later.
 */
const UNAVAILABLE: ReadonlySet<unknown> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

function errorType(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
}

/**
 * The port's error for an error of the client. Matches on the client's `type` tag rather than
 * on classes, and first lets the client classify raw gRPC errors, because some calls (the
 * batch append, when no connection can be made) reject with the bare gRPC error.
 */
export function translateError(error: unknown, append?: AppendContext): unknown {
  const converted = error instanceof Error ? convertToCommandError(error) : error;
  const type = errorType(converted);
  if (type === ErrorType.WRONG_EXPECTED_VERSION && append) {
    const actual = toCurrentRevision((converted as { actualVersion?: unknown }).actualVersion);
    return new ExpectedRevisionConflict(append.streamId, append.expected, actual);
  }
  if (type === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED && append) {
    const max = (converted as { maxAppendSize?: unknown }).maxAppendSize;
    return new AppendTooLarge(append.streamId, typeof max === 'number' ? max : undefined, converted);
  }
  if (UNAVAILABLE.has(type)) return new EventStoreUnavailable(error);
  return converted;
}

/** Whether a failed append may still have been written: the server did not say no, it did not answer. */
export function isUnanswered(error: unknown): boolean {
  return error instanceof EventStoreUnavailable;
}

export function isStreamNotFound(error: unknown): boolean {
  return errorType(error) === ErrorType.STREAM_NOT_FOUND;
}

/** A tombstoned (hard-deleted) stream: it reads as empty, as a stream that never existed does. */
export function isStreamDeleted(error: unknown): boolean {
  return errorType(error) === ErrorType.STREAM_DELETED;
}

export function toPosition(position: EsdbPosition): Position {
  return { commit: BigInt(position.commit), prepare: BigInt(position.prepare) };
}

/** Where the client starts reading $all for "strictly after `after`"; the caller skips `after` itself. */
export function toReadPosition(after: Position): ReadPosition {
  if (comparePositions(after, START) <= 0) return ESDB_START;
  return { commit: after.commit, prepare: after.prepare };
}

/**
 * The server's own events ($stats, $settings, stream metadata, links...) and the adapter's
 * claims on event ids, which the port never shows.
 */
export function isSystemEvent(event: { readonly streamId: string; readonly type: string }): boolean {
  return (
    event.streamId.startsWith('$') || event.type.startsWith('$') || event.streamId.startsWith(CLAIM_PREFIX)
  );
}

/**
 * EventStoreDB keeps an event id unique only among a stream's recent events; the port refuses
 * one used in another stream (EventIdsTaken). So an append first claims its first event's id
 * (ids derive from the command id, so every append of a command has that one) in a stream of
 * its own, named after the id and written once (expected revision: no stream).
 */
const CLAIM_PREFIX = 'planverk-event-id-';
const CLAIM_TYPE = 'EventIdClaimed';

export function eventIdClaim(streamId: string, eventId: string): { claimStream: string; claim: EventData } {
  return {
    claimStream: `${CLAIM_PREFIX}${eventId}`,
    claim: jsonEvent({ type: CLAIM_TYPE, data: { streamId } }),
  };
}

/** The stream a claim holds its event id for. */
export function claimedStream(claim: EsdbRecordedEvent): string {
  return String(jsonObject(claim.data, 'data', claim).streamId);
}

export function toEsdbEvent(event: EventToAppend): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: { ...event.data },
    metadata: { ...event.metadata },
  });
}

function jsonObject(value: unknown, what: string, event: EsdbRecordedEvent): Record<string, unknown> {
  const parsed =
    value instanceof Uint8Array ? tryParse(Buffer.from(value).toString('utf8')) : (value ?? undefined);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(
      `Event ${event.id} (${event.type}) in stream "${event.streamId}" has no JSON object as its ${what}: it was not written by Planverk`,
    );
  }
  return parsed as Record<string, unknown>;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function positionOf(event: EsdbRecordedEvent): Position {
  if (!event.position) {
    // Stream reads carry positions only from EventStoreDB 22.6 on.
    throw new Error(
      `Event ${event.id} in stream "${event.streamId}" came without a position (server < 22.6?)`,
    );
  }
  return toPosition(event.position);
}

/**
 * Why an event was not written by Planverk (its data or metadata is not a JSON object, or the
 * metadata lacks the fields every Planverk event carries), or undefined for one of ours. Another
 * application, or the server's web UI, may write to the same database; such events are passed
 * over with a warning instead of stopping every projection at them.
 */
export function foreignEventReason(event: EsdbRecordedEvent): string | undefined {
  let metadata: Record<string, unknown>;
  try {
    jsonObject(event.data, 'data', event);
    metadata = jsonObject(event.metadata, 'metadata', event);
  } catch (error) {
    return (error as Error).message;
  }
  for (const field of ['actor', 'commandId', 'recordedAt'] as const) {
    if (typeof metadata[field] !== 'string') {
      return `Event ${event.id} (${event.type}) in stream "${event.streamId}" has no ${field} in its metadata: it was not written by Planverk`;
    }
  }
  return undefined;
}

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  return {
    id: event.id,
    streamId: event.streamId,
    revision: BigInt(event.revision),
    position: positionOf(event),
    type: event.type,
    data: jsonObject(event.data, 'data', event),
    metadata: jsonObject(event.metadata, 'metadata', event) as unknown as EventMetadata,
  };
}

export interface RetriedAppend {
  readonly nextExpectedRevision: bigint;
  readonly position: Position;
}

/**
 * Whether an append is a retry of one already stored, from the stream's newest events
 * (newest first, as read backwards): then the answer the first append gave, updated to the
 * stream's current revision. EventStoreDB appends a batch atomically and contiguously, so
 * finding only some of the ids means they were reused for other events.
 */
export function findRetriedAppend(
  streamId: string,
  events: readonly EventToAppend[],
  newestFirst: readonly EsdbRecordedEvent[],
): RetriedAppend | undefined {
  const ids = new Set(events.map((event) => event.id));
  const found = newestFirst.filter((event) => ids.has(event.id));
  if (found.length === 0) return undefined;
  // Some of the ids and not others, or the ids of other events: a command id used before for
  // another command, never a retry.
  const appending = new Map(events.map((event) => [event.id, event]));
  const same =
    new Set(found.map((event) => event.id)).size === ids.size &&
    found.every((event) =>
      isSameEvent(
        { type: event.type, data: jsonObject(event.data, 'data', event) },
        appending.get(event.id)!,
      ),
    );
  if (!same) throw new EventIdsTaken(streamId, streamId);
  return {
    nextExpectedRevision: BigInt(newestFirst[0]!.revision),
    position: positionOf(found[0]!),
  };
}

/**
 * Reads up to `maxCount` events strictly after `after`, leaving out the ones `keep` refuses,
 * from a reader of $all that starts at a position inclusively. Pages on through runs of
 * skipped events, so a stretch of system events longer than a page never looks like the end
 * of the log to a tailing reader (which would then stop short of the events after it).
 */
export async function readAllPaged<T>(
  readPage: (from: Position, count: number) => Promise<readonly T[]>,
  positionOf: (item: T) => Position,
  keep: (item: T) => boolean,
  after: Position,
  maxCount: number,
): Promise<T[]> {
  const kept: T[] = [];
  if (maxCount <= 0) return kept;
  // One more than asked for, since the first event of a page may be `from` itself.
  const pageSize = maxCount + 1;
  let from = after;
  for (;;) {
    const page = await readPage(from, pageSize);
    for (const item of page) {
      if (comparePositions(positionOf(item), from) <= 0 || !keep(item)) continue;
      kept.push(item);
      if (kept.length === maxCount) return kept;
    }
    if (page.length < pageSize) return kept;
    const last = positionOf(page[page.length - 1]!);
    if (comparePositions(last, from) <= 0) {
      throw new Error(`Reading $all did not move past position ${from.commit}/${from.prepare}`);
    }
    from = last;
  }
}
