export * from './audit-export.js';
export { canonicalJson } from '@app/event-store';
