import { describe, it } from '@jest/globals';
import { EventStoreDBEventStore } from '@app/event-store-esdb';
import { eventStoreContract } from './event-store.contract.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING?.trim();

if (connectionString) {
  eventStoreContract('EventStoreDB adapter', async () => {
    const store = EventStoreDBEventStore.fromConnectionString(connectionString);
    return { store, dispose: () => store.close() };
  });
} else {
  // A skipped test rather than no test, so the run says why this contract did not run.
  describe.skip('EventStore contract: EventStoreDB (skipped: EVENTSTORE_CONNECTION_STRING is not set)', () => {
    it('runs the contract suite against a live EventStoreDB', () => undefined);
  });
}
