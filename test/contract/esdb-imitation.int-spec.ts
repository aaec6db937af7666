import { EventStoreDBEventStore } from '@app/event-store-esdb';
import { EsdbImitation } from '@app/testing';
import { eventStoreContract } from './event-store.contract.js';

// CI has no EventStoreDB server, so the adapter meets the contract through an imitation of the
// client (libs/testing/src/esdb-imitation.ts) on every run, and through a real server in
// esdb-event-store.int-spec.ts when EVENTSTORE_CONNECTION_STRING is set.
eventStoreContract('EventStoreDB adapter on an imitation of the client', async () => {
  const store = new EventStoreDBEventStore(new EsdbImitation().asClient(), { warn: () => undefined });
  return { store, dispose: () => store.close() };
});
