import { type PlanDocument } from '@app/plan-document';

/** What the caller may fix instead of letting the importer derive it from the text. */
export interface ImportOptions {
  /** Plan id; derived from organisation and period when absent (oslo-sv-2024-2027). */
  id?: string;
  /** Organisation slug; recognised from the text when absent (oslo-sv, sv, oslo-ap, buskerud-sv). */
  org?: string;
  /** Name of the source (a file name), only used in messages. */
  sourceName?: string;
}

/** Something the importer could not place, or removed on purpose, with its line in the source text (1-based). */
export interface ImportIssue {
  line: number;
  message: string;
}

export interface ImportReport {
  /** Which document shape was recognised (see shapes/detect.ts). */
  shape: string;
  /** Sections at every depth. */
  sections: number;
  /** Goals and sub-goals at every depth. */
  goals: number;
  measures: number;
  bodies: number;
  measurements: number;
  issues: ImportIssue[];
}

export interface ImportResult {
  document: PlanDocument;
  report: ImportReport;
}
