import { describe, expect, it } from '@jest/globals';
import {
  AppendTooLarge,
  EventStoreUnavailable,
  START,
  comparePositions,
  eventIdFor,
  type EventToAppend,
  type Position,
  type RecordedEvent,
} from '@app/event-store';
import { EsdbImitation } from '@app/testing';
import { clientConnectionString, connectionCredentials, isInsecure } from './connection-string.js';
import { EventStoreDBEventStore } from './esdb-event-store.js';

/**
 * What the adapter itself does about the ways EventStoreDB differs from the port, met through
 * an imitation of the client (libs/testing/src/esdb-imitation.ts); the shared contract runs
 * against the same imitation and, when EVENTSTORE_CONNECTION_STRING is set, a real server.
 */
function events(commandId: string, count: number, text = 'tekst'): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => ({
    id: eventIdFor(commandId, i),
    type: 'ThingHappened',
    data: { n: i, text },
    metadata: {
      actor: 'user:tester',
      commandId,
      correlationId: commandId,
      effectiveAt: '2026-03-14',
      recordedAt: '2026-12-07T12:00:00.000Z',
    },
  }));
}

function open(options: ConstructorParameters<typeof EsdbImitation>[0] = {}) {
  const server = new EsdbImitation(options);
  const warnings: string[] = [];
  const store = new EventStoreDBEventStore(server.asClient(), {
    warn: (message) => warnings.push(message),
    readTimeoutMs: 200,
    appendCredentials: { username: 'planverk', password: '' },
  });
  return { server, store, warnings };
}

const after = (a: Position, b: Position): boolean => comparePositions(a, b) > 0;

describe('connection strings', () => {
  it('takes kurrentdb:// (which the 6.2 client refuses with a ParseError) as esdb://', () => {
    expect(clientConnectionString('kurrentdb://localhost:2113?tls=false')).toBe(
      'esdb://localhost:2113?tls=false',
    );
    expect(clientConnectionString('kurrentdb+discover://a,b,c?tls=true')).toBe(
      'esdb+discover://a,b,c?tls=true',
    );
    expect(clientConnectionString(' esdb://admin:changeit@localhost:2113 ')).toBe(
      'esdb://admin:changeit@localhost:2113',
    );
    expect(() => new EventStoreDBEventStore('kurrentdb://127.0.0.1:2113?tls=false').close()).not.toThrow();
  });

  it('refuses another scheme with a message naming the ones it takes, and never the password', () => {
    expect(() => clientConnectionString('http://admin:secret@localhost:2113')).toThrow(
      /esdb:\/\/, esdb\+discover:\/\/, kurrentdb:\/\//,
    );
    expect(() => clientConnectionString('http://admin:secret@localhost:2113')).not.toThrow(/secret/);
  });

  it('finds the credentials and whether TLS is off, to send them with every append', () => {
    expect(connectionCredentials('esdb://admin:chan%40geit@host:2113?tls=true')).toEqual({
      username: 'admin',
      password: 'chan@geit',
    });
    expect(connectionCredentials('esdb://host:2113?tls=false')).toBeUndefined();
    expect(isInsecure('esdb://host:2113?tls=false')).toBe(true);
    expect(isInsecure('esdb://host:2113?keepAliveTimeout=10000&tls=false')).toBe(true);
    expect(isInsecure('esdb://host:2113')).toBe(false);
  });
});

describe('appending', () => {
  it('sends credentials with every append, so the client uses plain Append and not its BatchAppend stream', async () => {
    const { server, store } = open();
    await store.appendToStream('plan-a', events('c1', 2), { expectedRevision: 'no_stream' });
    await store.appendToStream('plan-a', events('c2', 1), { expectedRevision: 1n });
    // Each append and its claim on its event ids (eventIdClaim).
    expect(server.appendCalls.map((call) => call.credentials)).toEqual([true, true, true, true]);
  });

  it('merges two copies of one append in flight: one writes, the other answers as a retry, nothing is written twice', async () => {
    const { store } = open();
    const batch = events('same-command', 3);
    const [first, second] = await Promise.all([
      store.appendToStream('plan-b', batch, { expectedRevision: 'no_stream' }),
      store.appendToStream('plan-b', batch, { expectedRevision: 'no_stream' }),
    ]);
    expect([first.appended, second.appended].sort()).toEqual([false, true]);
    expect(second.nextExpectedRevision).toBe(2n);
    expect(comparePositions(first.position, second.position)).toBe(0);
    expect(await store.readStream('plan-b')).toHaveLength(3);
  });

  it('answers an append whose answer was lost (the client timed out) from what the server stored', async () => {
    const { server, store } = open();
    await store.appendToStream('plan-c', events('c1', 1), { expectedRevision: 'no_stream' });
    // Both the claim on its event ids and the append itself are stored, and neither answered.
    server.unansweredAppends = 2;
    const result = await store.appendToStream('plan-c', events('c2', 2), { expectedRevision: 0n });
    expect(result).toMatchObject({ appended: true, nextExpectedRevision: 2n });
    expect(await store.readStream('plan-c')).toHaveLength(3);
  });

  it('reads only the revisions an append could collide with, not the last thousand events', async () => {
    const { server, store } = open();
    await store.appendToStream('plan-d', events('c0', 50), { expectedRevision: 'no_stream' });
    server.readCalls.length = 0;
    await store.appendToStream('plan-d', events('c1', 2), { expectedRevision: 49n });
    expect(server.readCalls).toEqual([{ kind: 'stream', maxCount: 2 }]);
    // The same command again: found right after the revision it expected.
    const retry = await store.appendToStream('plan-d', events('c1', 2), { expectedRevision: 49n });
    expect(retry).toMatchObject({ appended: false, nextExpectedRevision: 51n });
    expect(await store.readStream('plan-d')).toHaveLength(52);
  });

  it('turns an append over the server’s size limit into the port’s AppendTooLarge, naming the limit', async () => {
    const { store } = open({ maxAppendSize: 1024 });
    const big = events('big', 1, 'x'.repeat(2000));
    await expect(
      store.appendToStream('plan-e', big, { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(AppendTooLarge);
    await expect(store.appendToStream('plan-e', big, { expectedRevision: 'no_stream' })).rejects.toThrow(
      /1024 bytes/,
    );
    expect(await store.readStream('plan-e')).toEqual([]);
  });
});

describe('reading', () => {
  it('reads a tombstoned stream as empty, as one that never existed', async () => {
    const { server, store } = open();
    await store.appendToStream('plan-f', events('c1', 1), { expectedRevision: 'no_stream' });
    server.tombstone('plan-f');
    expect(await store.readStream('plan-f')).toEqual([]);
  });

  it('gives up on a node that does not answer, as unavailable, instead of waiting for ever', async () => {
    const { server, store } = open();
    server.hangReads = true;
    await expect(store.readStream('plan-g')).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.readAll({ after: START })).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailable);
  });

  it('passes over an event another application wrote, reporting it once, and reads on', async () => {
    const { server, store, warnings } = open();
    await store.appendToStream('plan-h', events('c1', 1), { expectedRevision: 'no_stream' });
    server.writeForeignEvent('orders-1', 'OrderPlaced', Buffer.from('not json'));
    server.writeForeignEvent('orders-1', 'OrderShipped', { order: 1 }, true);
    await store.appendToStream('plan-h', events('c2', 1), { expectedRevision: 0n });
    const all = await store.readAll({ after: START });
    expect(all.map((e) => e.streamId)).toEqual(['plan-h', 'plan-h']);
    await store.readAll({ after: START });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/not written by Planverk/);
  });
});

describe('the catch-up subscription', () => {
  async function collect(
    store: EventStoreDBEventStore,
    until: (seen: readonly RecordedEvent[], upTo: Position) => boolean,
  ): Promise<{ seen: RecordedEvent[]; upTo: Position }> {
    const seen: RecordedEvent[] = [];
    let upTo = START;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const subscription = store.subscribe(
      async (batch, position) => {
        seen.push(...batch);
        upTo = position;
        if (until(seen, upTo)) done();
      },
      { after: START },
    );
    await finished;
    await subscription.stop();
    return { seen, upTo };
  }

  it('moves its checkpoint past the server’s own events, so they are not read again', async () => {
    const { server, store } = open();
    const ours = await store.appendToStream('plan-i', events('c1', 1), { expectedRevision: 'no_stream' });
    for (let i = 0; i < 5; i++) server.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
    const head = server.logFrom(0).at(-1)!.position;
    const { seen, upTo } = await collect(store, (_, position) => comparePositions(position, head) >= 0);
    expect(seen.map((e) => e.streamId)).toEqual(['plan-i']);
    expect(after(upTo, ours.position)).toBe(true);
  });

  it('passes over another application’s events instead of retrying them for ever', async () => {
    const { server, store, warnings } = open();
    server.writeForeignEvent('orders-1', 'OrderPlaced', Buffer.from('not json'));
    await store.appendToStream('plan-j', events('c1', 2), { expectedRevision: 'no_stream' });
    const { seen } = await collect(store, (seen) => seen.length === 2);
    expect(seen.map((e) => e.revision)).toEqual([0n, 1n]);
    expect(warnings.some((w) => /OrderPlaced/.test(w))).toBe(true);
  });

  it('subscribes again from its last position after the handler fails, delivering each event once', async () => {
    const { store } = open();
    await store.appendToStream('plan-k', events('c1', 3), { expectedRevision: 'no_stream' });
    const seen: bigint[] = [];
    let failures = 0;
    const errors: unknown[] = [];
    const subscription = store.subscribe(
      async (batch) => {
        if (failures === 0 && batch.length > 0) {
          failures++;
          throw new Error('the read models are down');
        }
        seen.push(...batch.map((e) => e.revision));
      },
      { after: START, pollIntervalMs: 10, onError: (error) => errors.push(error) },
    );
    const last = await store.appendToStream('plan-k', events('c2', 1), { expectedRevision: 2n });
    await subscription.caughtUpTo(last.position, 5_000);
    await subscription.stop();
    expect(seen).toEqual([0n, 1n, 2n, 3n]);
    expect(errors).toHaveLength(1);
  });
});
