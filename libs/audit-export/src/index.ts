export * from './audit-export.js';
export * from './canonical-json.js';
