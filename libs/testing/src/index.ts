export * from './decider-specification.js';
export * from './test-database.js';
