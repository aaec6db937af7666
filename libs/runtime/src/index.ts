export * from './demo/demo-data.js';
export * from './imports/plan-imports.js';
export * from './plan-queries.js';
export * from './planverk.module.js';
export * from './tokens.js';
export * from './imports/link-imported-plans.js';
export * from './imports/import-directory.js';
