export type { EventStoreDatabase } from './event-store-database.js';
export * from './migrations/index.js';
export * from './postgres-event-store.js';
export { isConnectionFailure } from './postgres-errors.js';
