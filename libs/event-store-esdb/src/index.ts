export * from './connection-string.js';
export * from './esdb-event-store.js';
