export * from './timing.types.js';
export * from './parse-timing.js';
export * from './overdue.js';
