export * from './decider-specification.js';
export * from './test-database.js';
export * from './shared-test-database.js';
export * from './read-everything.js';
export * from './esdb-imitation.js';
export * from './tables-of.js';
export * from './every-plan-change.js';
export * from './register-organisation.js';
