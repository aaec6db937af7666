export * from './migrations/index.js';
export * from './postgres-event-store.js';
