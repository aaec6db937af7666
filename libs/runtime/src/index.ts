export * from './demo/demo-data.js';
export * from './plan-queries.js';
export * from './planverk.module.js';
export * from './tokens.js';
