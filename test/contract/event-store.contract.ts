import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  comparePositions,
  eventIdFor,
  EventIdsTaken,
  ExpectedRevisionConflict,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
} from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { readEverything } from '@app/testing';

export interface EventStoreUnderTest {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

/** Events as a command with this id would produce them. */
export function someEvents(count: number, commandId = randomUUID(), type = 'ThingHappened'): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => ({
    id: eventIdFor(commandId, i),
    type,
    data: { n: i, text: `hendelse ${i} æøå` },
    metadata: {
      actor: 'user:tester',
      commandId,
      correlationId: commandId,
      cause: { kind: 'board_decision', reference: 'FS-sak 12/26' },
      effectiveAt: '2020-03-14',
      recordedAt: '2026-11-23T17:00:00.000Z',
    },
  }));
}

const uniqueStream = (prefix = 'contract'): string => `${prefix}-${randomUUID()}`;

async function conflictOf(promise: Promise<unknown>): Promise<ExpectedRevisionConflict> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExpectedRevisionConflict) return error;
    throw error;
  }
  throw new Error('expected an ExpectedRevisionConflict, but the append succeeded');
}

async function refusalOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the append to be refused, but it succeeded');
}

/**
 * What every adapter of the EventStore port must do (STYLE.md: one contract suite,
 * parameterised by a store factory, run against every adapter).
 */
export function eventStoreContract(name: string, create: () => Promise<EventStoreUnderTest>): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: EventStoreUnderTest;
    let store: EventStore;
    beforeAll(async () => {
      subject = await create();
      store = subject.store;
    });
    afterAll(async () => {
      await subject.dispose();
    });

    describe('appending with an expected revision', () => {
      it('creates a stream with no_stream and numbers its events from 0', async () => {
        const stream = uniqueStream();
        const result = await store.appendToStream(stream, someEvents(3), { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(2n);
        expect(result.appended).toBe(true);
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        expect(comparePositions(read[2]!.position, result.position)).toBe(0);
      });

      it('keeps type, data and every metadata field', async () => {
        const stream = uniqueStream();
        const [event] = someEvents(1);
        await store.appendToStream(stream, [event!]);
        const [read] = await store.readStream(stream);
        expect(read).toMatchObject({ id: event!.id, streamId: stream, type: event!.type });
        expect(read!.data).toEqual(event!.data);
        expect(read!.metadata).toEqual(event!.metadata);
      });

      it('refuses no_stream when the stream exists, saying where it is', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, someEvents(2));
        const conflict = await conflictOf(
          store.appendToStream(stream, someEvents(1), { expectedRevision: 'no_stream' }),
        );
        expect(conflict).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 1n });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('appends at the exact revision and refuses a stale one', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, someEvents(2), { expectedRevision: 'no_stream' });
        const next = await store.appendToStream(stream, someEvents(1), { expectedRevision: 1n });
        expect(next.nextExpectedRevision).toBe(2n);
        const conflict = await conflictOf(
          store.appendToStream(stream, someEvents(1), { expectedRevision: 1n }),
        );
        expect(conflict).toMatchObject({ expected: 1n, actual: 2n });
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('refuses an exact revision on a stream that does not exist', async () => {
        const conflict = await conflictOf(
          store.appendToStream(uniqueStream(), someEvents(1), { expectedRevision: 0n }),
        );
        expect(conflict.actual).toBe('no_stream');
      });

      it('requires the stream for stream_exists', async () => {
        const stream = uniqueStream();
        const conflict = await conflictOf(
          store.appendToStream(stream, someEvents(1), { expectedRevision: 'stream_exists' }),
        );
        expect(conflict.actual).toBe('no_stream');
        await store.appendToStream(stream, someEvents(1));
        const ok = await store.appendToStream(stream, someEvents(1), { expectedRevision: 'stream_exists' });
        expect(ok.nextExpectedRevision).toBe(1n);
      });

      it('appends with any whether or not the stream exists', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, someEvents(1), { expectedRevision: 'any' });
        const second = await store.appendToStream(stream, someEvents(2), { expectedRevision: 'any' });
        expect(second.nextExpectedRevision).toBe(2n);
      });

      it('lets exactly one of two writers at the same revision win', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, someEvents(1), { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 5 }, () =>
            store.appendToStream(stream, someEvents(1), { expectedRevision: 0n }),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes.filter((o) => o.status === 'rejected')) {
          expect((o as PromiseRejectedResult).reason).toBeInstanceOf(ExpectedRevisionConflict);
        }
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('idempotency', () => {
      it('appends nothing when a command is retried with the same event ids', async () => {
        const stream = uniqueStream();
        const events = someEvents(2);
        const first = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        const retry = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        expect(retry.appended).toBe(false);
        expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(comparePositions(retry.position, first.position)).toBe(0);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('refuses, as taken, the same event ids with other data: a command id used for another command', async () => {
        const stream = uniqueStream();
        const commandId = randomUUID();
        await store.appendToStream(stream, someEvents(1, commandId), { expectedRevision: 'no_stream' });
        const other = someEvents(1, commandId).map((e) => ({ ...e, data: { n: 0, text: 'noe annet' } }));
        const refused = await refusalOf(store.appendToStream(stream, other));
        expect(refused).toBeInstanceOf(EventIdsTaken);
        expect((refused as EventIdsTaken).takenIn).toBe(stream);
        expect((await store.readStream(stream)).map((e) => e.data)).toEqual([
          someEvents(1, commandId)[0]!.data,
        ]);
      });

      it('refuses, as taken, event ids another stream holds, whatever the expected revision', async () => {
        const first = uniqueStream();
        const second = uniqueStream();
        const events = someEvents(2);
        await store.appendToStream(first, events, { expectedRevision: 'no_stream' });
        for (const expectedRevision of ['no_stream', 'any'] as const) {
          const refused = await refusalOf(store.appendToStream(second, events, { expectedRevision }));
          expect(refused).toBeInstanceOf(EventIdsTaken);
          expect((refused as EventIdsTaken).takenIn).toBe(first);
        }
        expect(await store.readStream(second)).toEqual([]);
        expect(await store.readStream(first)).toHaveLength(2);
      });
    });

    describe('reading a stream', () => {
      it('reads forwards and backwards, from a revision, at most maxCount', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, someEvents(5));
        const forwards = await store.readStream(stream, { fromRevision: 1n, maxCount: 2 });
        expect(forwards.map((e) => e.revision)).toEqual([1n, 2n]);
        const backwards = await store.readStream(stream, { direction: 'backwards', maxCount: 2 });
        expect(backwards.map((e) => e.revision)).toEqual([4n, 3n]);
        const backFrom = await store.readStream(stream, { direction: 'backwards', fromRevision: 1n });
        expect(backFrom.map((e) => e.revision)).toEqual([1n, 0n]);
      });

      it('orders revisions as numbers, so revision 10 comes after 9', async () => {
        const stream = uniqueStream();
        for (let i = 0; i < 4; i++) await store.appendToStream(stream, someEvents(3));
        const forwards = await store.readStream(stream);
        expect(forwards.map((e) => Number(e.revision))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        const backwards = await store.readStream(stream, { direction: 'backwards', maxCount: 3 });
        expect(backwards.map((e) => Number(e.revision))).toEqual([11, 10, 9]);
      });

      it('reads a stream that does not exist as empty', async () => {
        expect(await store.readStream(uniqueStream())).toEqual([]);
      });
    });

    describe('reading the streams with a prefix', () => {
      it('reads every event of every stream whose id starts with it, each stream in revision order', async () => {
        const prefix = `${uniqueStream('family')}-`;
        const a = `${prefix}a`;
        const b = `${prefix}b`;
        await store.appendToStream(a, someEvents(2));
        await store.appendToStream(b, someEvents(1));
        await store.appendToStream(a, someEvents(1));
        // Ids that only share the start without the last character, or sort right after it.
        await store.appendToStream(prefix.slice(0, -1), someEvents(1));
        await store.appendToStream(`${prefix.slice(0, -1)}.x`, someEvents(1));
        await store.appendToStream(`${prefix.slice(0, -1)}_x`, someEvents(1));
        const read = async () =>
          (await store.readStreamsWithPrefix(prefix)).map(
            (e) => `${e.streamId.slice(prefix.length)}${e.revision}`,
          );
        const first = await read();
        expect(first.filter((e) => e.startsWith('a'))).toEqual(['a0', 'a1', 'a2']);
        expect([...first].sort()).toEqual(['a0', 'a1', 'a2', 'b0']);
        await store.appendToStream(b, someEvents(2));
        await store.appendToStream(`${prefix}c`, someEvents(1));
        const second = await read();
        expect(second.filter((e) => e.startsWith('b'))).toEqual(['b0', 'b1', 'b2']);
        expect([...second].sort()).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2', 'c0']);
        expect(await store.readStreamsWithPrefix(`${uniqueStream('none')}-`)).toEqual([]);
      });
    });

    describe('reading all', () => {
      it('reads every stream in global order, strictly after a position', async () => {
        const a = uniqueStream('a');
        const b = uniqueStream('b');
        const before = await store.headPosition();
        await store.appendToStream(a, someEvents(2));
        await store.appendToStream(b, someEvents(1));
        await store.appendToStream(a, someEvents(1));
        const mine = (await readEverything(store, before)).filter(
          (e) => e.streamId === a || e.streamId === b,
        );
        expect(mine.map((e) => `${e.streamId === a ? 'a' : 'b'}${e.revision}`)).toEqual([
          'a0',
          'a1',
          'b0',
          'a2',
        ]);
        for (let i = 1; i < mine.length; i++) {
          expect(comparePositions(mine[i - 1]!.position, mine[i]!.position)).toBeLessThan(0);
        }
        const afterSecond = (await readEverything(store, mine[1]!.position)).filter(
          (e) => e.streamId === a || e.streamId === b,
        );
        expect(afterSecond).toHaveLength(2);
      });

      it('reads the same events in a page of thousands (a rebuild) as in small pages', async () => {
        const stream = uniqueStream('bulk');
        const before = await store.headPosition();
        await store.appendToStream(stream, someEvents(1500));
        await store.appendToStream(uniqueStream('bulk-other'), someEvents(3));
        // Up to the newest event stored now, waiting out reads held back by other tests' transactions.
        const inPages = async (size: number): Promise<string[]> =>
          (await readEverything(store, before, size)).map((e) => `${e.streamId}/${e.revision}/${e.id}`);
        const bulk = await inPages(5000);
        expect(bulk.filter((e) => e.startsWith(`${stream}/`))).toHaveLength(1500);
        expect(bulk).toEqual(await inPages(100));
      });

      it('gives the head position as the position of the newest event', async () => {
        const result = await store.appendToStream(uniqueStream(), someEvents(1));
        expect(comparePositions(await store.committedHeadPosition(), result.position)).toBe(0);
        // The head a reader may see gets there as soon as nothing older is still running.
        const deadline = Date.now() + 10_000;
        let head = await store.headPosition();
        while (comparePositions(head, result.position) < 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          head = await store.headPosition();
        }
        expect(comparePositions(head, result.position)).toBe(0);
      });
    });

    describe('subscribing', () => {
      it('delivers each event after the checkpoint once, in order, including later appends', async () => {
        const stream = uniqueStream('sub');
        const start = await store.headPosition();
        await store.appendToStream(stream, someEvents(3));
        const seen: RecordedEvent[] = [];
        const subscription = store.subscribe(
          async (batch) => {
            seen.push(...batch.filter((e) => e.streamId === stream));
          },
          { after: start, pollIntervalMs: 20, batchSize: 2 },
        );
        const last = await store.appendToStream(stream, someEvents(2));
        await subscription.caughtUpTo(last.position, 10_000);
        await subscription.stop();
        expect(seen.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(comparePositions(subscription.checkpoint, last.position)).toBeGreaterThanOrEqual(0);
      });
    });
  });
}
