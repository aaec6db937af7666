import type { ExistingPlan } from '../../plan/plan.state.js';

/**
 * The meeting papers (sakspapir): the revision of the plan a meeting treats, numbered line by
 * line. One model for every reader: the resolver of amendments that cite lines, the papers page,
 * the projector, the exports, and `/plans/:id/document?lineNumbers=true`.
 */

/** What a line of the papers holds. */
export type PaperLineKind =
  /** The plan's title. */
  | 'title'
  /** "Forkortelser", and one abbreviation per line ("FS: Fylkesstyret"). */
  | 'abbreviations'
  | 'abbreviation'
  /** A section's number and title. */
  | 'heading'
  /** A section's introductory prose. */
  | 'intro'
  /** "Mål:" above a section's goals, and a goal's text. */
  | 'goals'
  | 'goal'
  /** "Tiltak:" above a section's measures, and a measure's text. */
  | 'measures'
  | 'measure'
  /** A measure's "Gjennomføring: ..." and "Ansvar: ...". */
  | 'timing'
  | 'responsible'
  /** A numbered line with nothing the plan holds on it (a blank line of the document). */
  | 'blank';

export type PaperElementKind = 'section' | 'goal' | 'measure';

/** An element of the plan as the papers cite it: "4.2.J", "3.1.g2", "4.1". */
export interface PaperRef {
  readonly kind: PaperElementKind;
  readonly id: string;
  readonly address: string;
}

export interface PaperLine {
  /**
   * The number printed in the margin; null for a line the document printed without a number
   * (the rows of a table in the 2026 Oslo SV papers), cited by the numbered lines around it.
   */
  readonly no: number | null;
  readonly kind: PaperLineKind;
  /** The words on this line (without list markers or a measure's letter). */
  readonly text: string;
  /** The first line of a paragraph, list item or element: a renderer starts a new block here. */
  readonly start: boolean;
  /** An item of a list in a section's introduction. */
  readonly bullet?: boolean;
  /** The element the line belongs to: its goal or measure, else its section; null outside sections. */
  readonly element: PaperRef | null;
  /** The innermost section holding the line: where "Ny linje N" puts a new element. */
  readonly section: PaperRef | null;
  /** 0 for a chapter and its lines, 1 for a subsection...; a goal adds its depth under goals. */
  readonly depth: number;
}

/** An element and the lines an amendment cites it by (1-based, inclusive). */
export interface PaperElement extends PaperRef {
  readonly from: number;
  readonly to: number;
  /** The section it is in (a section: its parent section, or undefined at the top). */
  readonly sectionId: string | undefined;
  /** A sub-goal's parent goal. */
  readonly parentGoalId?: string;
  /** A measure's letter. */
  readonly label?: string;
  /**
   * It stands on no line of its own: the document printed it without numbers (a table row), so
   * `from`-`to` are the numbered lines around it, which other elements share.
   */
  readonly unnumbered: boolean;
}

export const PAPERS_NUMBERINGS = ['document', 'rendered'] as const;
/**
 * `document`: the line numbers printed in the document the plan was imported from, kept as they
 * were. `rendered`: the plan has none of its own, and this layout numbers it.
 */
export type PapersNumbering = (typeof PAPERS_NUMBERINGS)[number];

/** The version of the layout below; a meeting records the one its papers were made with. */
export const PAPERS_LAYOUT = 1;

export interface MeetingPapers {
  readonly planId: string;
  readonly title: string;
  readonly numbering: PapersNumbering;
  readonly layout: number;
  /** The first and last numbers printed (a document's numbering may start after its front page). */
  readonly first: number;
  readonly last: number;
  /** In reading order. */
  readonly lines: readonly PaperLine[];
  /** Every live section, goal and measure, in reading order. */
  readonly elements: readonly PaperElement[];
}

/**
 * What the papers are made of: the plan at the revision a meeting treats, and the prose the
 * domain state does not keep (section introductions, responsibility notes), from its events.
 */
export interface PapersSource {
  readonly plan: ExistingPlan;
  readonly intros: ReadonlyMap<string, string>;
  readonly responsibleNotes: ReadonlyMap<string, string>;
}

/** What a meeting records of its papers when scheduled, so they can be checked as reproduced. */
export interface PapersFingerprint {
  readonly numbering: PapersNumbering;
  readonly layout: number;
  readonly first: number;
  readonly last: number;
  /** How many lines, numbered or not. */
  readonly lines: number;
  /** sha256 of the lines as JSON. */
  readonly digest: string;
}
