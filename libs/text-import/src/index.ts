export {
  applyCorrections,
  CORRECTION_KINDS,
  type ImportCorrection,
} from './corrections/apply-corrections.js';
export { reviewElements, reviewElementsByLine, type ReviewElement } from './corrections/review-elements.js';
export { UnreadableDocumentError, type Refusal } from './errors.js';
export { importPlanFile, importPlanText } from './import-plan-text.js';
export { LABELS, PLAN_WORDS, type Role } from './vocabulary.js';
export type {
  ImportIssue,
  ImportOptions,
  ImportReport,
  ImportResult,
  LineAccount,
  LineKind,
  RevisionRead,
} from './types.js';
