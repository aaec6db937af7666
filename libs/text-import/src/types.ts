import { type PlanDocument } from '@app/plan-document';

/** What the caller may fix instead of letting the importer derive it from the text. */
export interface ImportOptions {
  /** Plan id; derived from organisation and period when absent (oslo-sv-2024-2027, bergen-mdg-2026). */
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

/**
 * What became of one line of the source: taken into the plan as part of its title, header,
 * a section heading, a label ("Tiltak:"), intro, goal, measure, its timing or its Ansvar, the
 * list of bodies or a status figure; or left out, with the reason. Blank lines are "blank".
 */
export type LineKind =
  | 'title'
  | 'header'
  | 'heading'
  | 'label'
  | 'intro'
  | 'goal'
  | 'measure'
  | 'timing'
  | 'responsible'
  | 'bodies'
  | 'measurement'
  | 'blank'
  | 'left-out';

export interface LineAccount {
  /** 1-based line of the source (for Word and ODF: its paragraphs and table rows, see SourceDocument). */
  line: number;
  kind: LineKind;
  /** Where it went: a section number ("4.1"), a goal ("4.1.g2") or a measure ("4.1.C"). */
  ref?: string;
  /** Why a line was left out. */
  reason?: string;
  /**
   * The other goals and measures that begin on the same line: a table row whose goal cell stands
   * beside its first measure ("Flere medlemmer | Ringe alle nye medlemmer | Styret") is both.
   */
  also?: Array<{ kind: 'goal' | 'measure'; ref: string }>;
}

export interface ImportReport {
  /** Which document shape was recognised (see shapes/detect.ts); "general" for the general reader. */
  shape: string;
  /** The format the document came in. */
  format?: 'text' | 'md' | 'docx' | 'odt' | 'pdf';
  /** Sections at every depth. */
  sections: number;
  /** Goals and sub-goals at every depth. */
  goals: number;
  measures: number;
  bodies: number;
  measurements: number;
  issues: ImportIssue[];
  /** Every line of the source and what became of it, in order. */
  lines?: LineAccount[];
  /** How many of a plan editor's corrections were applied (see applyCorrections). */
  corrections?: number;
  /** When the document marks its revision: how many goals and measures the text before it had. */
  revision?: { readonly goals: number; readonly measures: number };
}

/**
 * A document that carries its revision in its own marks (struck text, tracked changes, a goal
 * marked "Stryke, gjennomført"): the plan as it read before, which is imported first, and the
 * live document is then its next revision.
 */
export interface RevisionRead {
  /** The plan before the revision: struck text in, what was written in its place out. */
  readonly earlier: PlanDocument;
  /** Why the document struck an element, where it says so, by the element's first line. */
  readonly struckReasons: readonly { readonly line: number; readonly reason: string }[];
  /** The body the text says adopts the plan ("Fylkesårsmøtet vedtar planen": ÅM), where it says. */
  readonly body?: string;
}

export interface ImportResult {
  document: PlanDocument;
  report: ImportReport;
  /** Present when the document marks a revision: see RevisionRead. */
  revision?: RevisionRead;
}
