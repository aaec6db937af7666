import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStoreUnavailable, START, eventIdFor } from '@app/event-store';
import { createServer } from 'node:net';
import { EventStoreDBEventStore } from './esdb-event-store.js';

/** A port nothing listens on: taken from the OS, then freed, so connecting is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('EventStoreDBEventStore without a server', () => {
  let store: EventStoreDBEventStore;
  beforeAll(async () => {
    store = EventStoreDBEventStore.fromConnectionString(`esdb://127.0.0.1:${await closedPort()}?tls=false`);
  });
  afterAll(async () => {
    await store.close();
  });

  const event = {
    id: eventIdFor('command-1', 0),
    type: 'ThingHappened',
    data: { n: 0 },
    metadata: {
      actor: 'user:tester',
      commandId: 'command-1',
      correlationId: 'command-1',
      effectiveAt: '2020-03-14',
      recordedAt: '2026-11-23T17:00:00.000Z',
    },
  };

  it('reports every operation as EventStoreUnavailable', async () => {
    await expect(
      store.appendToStream('plan-1', [event], { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.readStream('plan-1')).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.readAll({ after: START })).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailable);
  });

  it('answers requests for nothing without asking the server', async () => {
    expect(await store.readStream('plan-1', { maxCount: 0 })).toEqual([]);
    expect(await store.readStream('plan-1', { direction: 'backwards', fromRevision: -1n })).toEqual([]);
    expect(await store.readAll({ maxCount: 0 })).toEqual([]);
    await expect(store.appendToStream('plan-1', [])).rejects.toThrow(/at least one event/);
  });

  it('keeps a subscription alive through the outage, reporting the errors', async () => {
    const errors: unknown[] = [];
    const subscription = store.subscribe(async () => undefined, {
      after: START,
      pollIntervalMs: 10,
      onError: (error) => errors.push(error),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await subscription.stop();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toBeInstanceOf(EventStoreUnavailable);
  });
});
