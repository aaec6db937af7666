export * from './migrations/index.js';
export * from './postgres-event-store.js';
export { isConnectionFailure } from './postgres-errors.js';
