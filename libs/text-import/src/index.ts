export { UnreadableDocumentError } from './errors.js';
export { importPlanText } from './import-plan-text.js';
export type { ImportIssue, ImportOptions, ImportReport, ImportResult } from './types.js';
