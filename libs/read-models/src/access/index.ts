export * from './access.projection.js';
export * from './access.queries.js';
