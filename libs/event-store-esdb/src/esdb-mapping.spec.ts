import { describe, expect, it } from '@jest/globals';
import {
  EventStoreUnavailable,
  ExpectedRevisionConflict,
  START,
  comparePositions,
  eventIdFor,
  EventIdsTaken,
  type EventToAppend,
  type Position,
} from '@app/event-store';
import {
  DeadlineExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  findRetriedAppend,
  isStreamNotFound,
  isSystemEvent,
  readAllPaged,
  toCurrentRevision,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toPosition,
  toReadPosition,
  toRecordedEvent,
  translateError,
  type EsdbRecordedEvent,
} from './esdb-mapping.js';

const metadata = {
  actor: 'user:tester',
  commandId: 'c-1',
  correlationId: 'c-1',
  effectiveAt: '2020-03-14',
  recordedAt: '2026-11-23T17:00:00.000Z',
};

function toAppend(commandId: string, count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => ({
    id: eventIdFor(commandId, i),
    type: 'ThingHappened',
    data: { n: i },
    metadata: { ...metadata, commandId },
  }));
}

/** An event as the client hands it out, stored at `revision` of `streamId`. */
function stored(
  id: string,
  revision: number,
  position: Position,
  streamId = 'plan-1',
  type = 'ThingHappened',
): EsdbRecordedEvent {
  return {
    id,
    streamId,
    revision: BigInt(revision),
    type,
    isJson: true,
    data: { revision },
    metadata,
    position,
  };
}

const at = (n: number): Position => ({ commit: BigInt(n * 100), prepare: BigInt(n * 100) });

describe('toEsdbExpectedRevision', () => {
  it('maps every state of the port to the client constant, and a revision to itself', () => {
    expect(toEsdbExpectedRevision('any')).toBe('any');
    expect(toEsdbExpectedRevision('no_stream')).toBe('no_stream');
    expect(toEsdbExpectedRevision('stream_exists')).toBe('stream_exists');
    expect(toEsdbExpectedRevision(0n)).toBe(0n);
    expect(toEsdbExpectedRevision(41n)).toBe(41n);
  });
});

describe('toCurrentRevision', () => {
  it('reads revisions as bigint even when the client hands out a number or a string', () => {
    expect(toCurrentRevision(7n)).toBe(7n);
    expect(toCurrentRevision(7)).toBe(7n);
    expect(toCurrentRevision('7')).toBe(7n);
    expect(toCurrentRevision(0)).toBe(0n);
  });

  it('reads anything that is not a revision as a stream that does not exist', () => {
    expect(toCurrentRevision('no_stream')).toBe('no_stream');
    expect(toCurrentRevision(undefined)).toBe('no_stream');
    expect(toCurrentRevision(-1n)).toBe('no_stream');
    expect(toCurrentRevision(-1)).toBe('no_stream');
  });
});

describe('translateError', () => {
  const append = { streamId: 'plan-1', expected: 1n } as const;

  it('turns a wrong expected version into the port conflict, with the expectation the caller gave', () => {
    const error = new WrongExpectedVersionError(undefined, {
      streamName: 'plan-1',
      expected: 1n,
      current: 2n,
    });
    const translated = translateError(error, append);
    expect(translated).toBeInstanceOf(ExpectedRevisionConflict);
    expect(translated).toMatchObject({ streamId: 'plan-1', expected: 1n, actual: 2n });
  });

  it('reports a missing stream as no_stream and a numeric revision as bigint', () => {
    const missing = new WrongExpectedVersionError(undefined, {
      streamName: 'plan-1',
      expected: 'stream_exists',
      current: 'no_stream',
    });
    expect(translateError(missing, { streamId: 'plan-1', expected: 'stream_exists' })).toMatchObject({
      expected: 'stream_exists',
      actual: 'no_stream',
    });
    const numeric = new WrongExpectedVersionError(undefined, {
      streamName: 'plan-1',
      expected: 'no_stream',
      current: 3 as unknown as bigint,
    });
    const conflict = translateError(numeric, { streamId: 'plan-1', expected: 'no_stream' });
    expect((conflict as ExpectedRevisionConflict).actual).toBe(3n);
  });

  it('turns unreachable, busy or timed-out servers into EventStoreUnavailable, keeping the cause', () => {
    for (const error of [new UnavailableError(), new DeadlineExceededError()]) {
      const translated = translateError(error);
      expect(translated).toBeInstanceOf(EventStoreUnavailable);
      expect((translated as EventStoreUnavailable).cause).toBe(error);
    }
  });

  it('recognises the bare gRPC error the batch append rejects with when there is no connection', () => {
    const grpcError = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
    });
    expect(translateError(grpcError, append)).toBeInstanceOf(EventStoreUnavailable);
  });

  it('leaves other errors as they are', () => {
    const boom = new Error('boom');
    expect(translateError(boom)).toBe(boom);
    const deleted = StreamDeletedError.fromStreamName('plan-1');
    expect(translateError(deleted, append)).toBe(deleted);
    expect(translateError('not even an error')).toBe('not even an error');
  });
});

describe('isStreamNotFound', () => {
  it('recognises the client error for a missing stream only', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'plan-1'))).toBe(true);
    expect(isStreamNotFound(new UnavailableError())).toBe(false);
    expect(isStreamNotFound(new Error('stream-not-found'))).toBe(false);
  });
});

describe('positions', () => {
  it('converts the client position to the port position as bigints', () => {
    expect(toPosition({ commit: 1234, prepare: '1200' })).toEqual({ commit: 1234n, prepare: 1200n });
  });

  it('starts a read of $all at the client START for START, else at the position itself', () => {
    expect(toReadPosition(START)).toBe('start');
    expect(toReadPosition({ commit: 0n, prepare: 0n })).toEqual({ commit: 0n, prepare: 0n });
    expect(toReadPosition({ commit: 5n, prepare: 4n })).toEqual({ commit: 5n, prepare: 4n });
  });
});

describe('isSystemEvent', () => {
  it('hides system streams, stream metadata and system event types, and nothing else', () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: '$$plan-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'plan-1', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'plan-1', type: 'PlanAdopted' })).toBe(false);
    expect(isSystemEvent({ streamId: 'plan-$1', type: 'Price$Changed' })).toBe(false);
  });
});

describe('event conversion', () => {
  it('writes our event id, type, data and metadata as a JSON event', () => {
    const [event] = toAppend('c-1', 1);
    const written = toEsdbEvent(event!);
    expect(written).toMatchObject({
      id: event!.id,
      type: 'ThingHappened',
      contentType: 'application/json',
    });
    expect(written.data).toEqual(event!.data);
    expect(written.metadata).toEqual(event!.metadata);
  });

  it('reads a recorded event with bigint revision and position, whatever the client typed them as', () => {
    const read = toRecordedEvent({
      id: 'e-1',
      streamId: 'plan-1',
      revision: 3,
      type: 'ThingHappened',
      isJson: true,
      data: { a: 1 },
      metadata,
      position: { commit: 10, prepare: 9 },
    });
    expect(read).toEqual({
      id: 'e-1',
      streamId: 'plan-1',
      revision: 3n,
      type: 'ThingHappened',
      data: { a: 1 },
      metadata,
      position: { commit: 10n, prepare: 9n },
    });
  });

  it('parses data and metadata the client left as bytes', () => {
    const bytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
    const read = toRecordedEvent({
      ...stored('e-1', 0, at(1)),
      data: bytes({ a: 'æøå' }),
      metadata: bytes(metadata),
    });
    expect(read.data).toEqual({ a: 'æøå' });
    expect(read.metadata).toEqual(metadata);
  });

  it('refuses events that are not ours rather than handing out something else', () => {
    expect(() => toRecordedEvent({ ...stored('e-1', 0, at(1)), data: 'plain text' })).toThrow(
      /no JSON object/,
    );
    expect(() => toRecordedEvent({ ...stored('e-1', 0, at(1)), metadata: undefined })).toThrow(/metadata/);
    expect(() => toRecordedEvent({ ...stored('e-1', 0, at(1)), position: undefined })).toThrow(/position/);
  });
});

describe('findRetriedAppend', () => {
  const events = toAppend('c-1', 2);

  it('finds nothing to retry when none of the ids is in the stream', () => {
    const newestFirst = [stored('other-1', 1, at(2)), stored('other-0', 0, at(1))];
    expect(findRetriedAppend('plan-1', events, newestFirst)).toBeUndefined();
    expect(findRetriedAppend('plan-1', events, [])).toBeUndefined();
  });

  it('answers a retry with the position of its newest event and the current revision of the stream', () => {
    const newestFirst = [
      stored('later', 3, at(4)),
      { ...stored(events[1]!.id, 2, at(3)), data: events[1]!.data },
      { ...stored(events[0]!.id, 1, at(2)), data: events[0]!.data },
      stored('first', 0, at(1)),
    ];
    const retried = findRetriedAppend('plan-1', events, newestFirst);
    expect(retried!.nextExpectedRevision).toBe(3n);
    expect(comparePositions(retried!.position, at(3))).toBe(0);
  });

  it('refuses an append whose ids are only partly in the stream: the command id was reused', () => {
    const newestFirst = [stored(events[0]!.id, 0, at(1))];
    expect(() => findRetriedAppend('plan-1', events, newestFirst)).toThrow(EventIdsTaken);
  });

  it('refuses an append whose ids the stream holds for other data: the command id was reused', () => {
    const newestFirst = [
      { ...stored(events[1]!.id, 1, at(2)), data: { n: 1 } },
      { ...stored(events[0]!.id, 0, at(1)), data: { n: 'another' } },
    ];
    expect(() => findRetriedAppend('plan-1', events, newestFirst)).toThrow(EventIdsTaken);
  });
});

describe('readAllPaged', () => {
  interface Entry {
    readonly name: string;
    readonly position: Position;
    readonly system: boolean;
  }

  /** A log read the way EventStoreDB reads $all forwards: from a position, inclusive. */
  function logOf(...names: string[]) {
    const entries: Entry[] = names.map((name, i) => ({
      name,
      position: at(i + 1),
      system: name.startsWith('$'),
    }));
    const pages: number[] = [];
    const readPage = async (from: Position, count: number): Promise<Entry[]> => {
      pages.push(count);
      return entries.filter((e) => comparePositions(e.position, from) >= 0).slice(0, count);
    };
    const read = async (after: Position, maxCount: number): Promise<string[]> =>
      (
        await readAllPaged(
          readPage,
          (e) => e.position,
          (e) => !e.system,
          after,
          maxCount,
        )
      ).map((e) => e.name);
    return { entries, pages, read };
  }

  it('reads from the first event at START, at most maxCount', async () => {
    const log = logOf('a', 'b', 'c');
    expect(await log.read(START, 2)).toEqual(['a', 'b']);
    expect(await log.read(START, 10)).toEqual(['a', 'b', 'c']);
  });

  it('reads strictly after the given position', async () => {
    const log = logOf('a', 'b', 'c');
    expect(await log.read(log.entries[0]!.position, 10)).toEqual(['b', 'c']);
    expect(await log.read(log.entries[2]!.position, 10)).toEqual([]);
  });

  it('pages on through a run of system events longer than a page', async () => {
    const log = logOf('a', '$1', '$2', '$3', '$4', '$5', '$6', 'b', 'c');
    expect(await log.read(START, 2)).toEqual(['a', 'b']);
    expect(await log.read(log.entries[0]!.position, 1)).toEqual(['b']);
  });

  it('returns nothing at the end of the log, or when asked for nothing', async () => {
    expect(await logOf().read(START, 5)).toEqual([]);
    expect(await logOf('$1', '$2', '$3').read(START, 1)).toEqual([]);
    expect(await logOf('a').read(START, 0)).toEqual([]);
  });
});
