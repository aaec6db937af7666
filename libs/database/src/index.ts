export * from './database.js';
export * from './migrate.js';
export * from './pglite-dialect.js';
export * from './reserved-connection.js';
export * from './json-column.js';
