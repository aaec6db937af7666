/**
 * The plan document: the interchange format of DESIGN.md ("Plan document"), produced by the
 * text importer from the seed documents, imported and exported as YAML or JSON.
 * Field names follow DESIGN.md, so a YAML file written by hand reads the same.
 */

/** Lines of the source document an element came from (1-based, inclusive). */
export interface LineRange {
  readonly from: number;
  readonly to: number;
}

export interface PlanHeader {
  /** Slug: oslo-sv-2024-2027. */
  readonly id: string;
  /** Organisation slug: oslo-sv, sv, buskerud-sv, oslo-ap. */
  readonly org: string;
  readonly title: string;
  readonly period: { readonly from: number; readonly to: number };
  /** Annual edition ("årsutgave 2026"), as the year. */
  readonly edition?: string;
  /** The plan this one succeeds (plan to plan). */
  readonly predecessor?: string;
  /** The plan this one follows up (the national plan of a county plan). */
  readonly parent?: string;
  /** Which body adopted it and when (ISO date), where the document says so. */
  readonly adopted?: { readonly body: string; readonly date: string };
}

export interface BodyDoc {
  readonly code: string;
  readonly name: string;
}

export interface GoalTarget {
  /** What is counted: "members", "active_members", "local_branches", ... */
  readonly metric: string;
  readonly value: number;
  /** ISO date the target is to be reached by (31.12 of the year when only a year is given). */
  readonly by?: string;
}

export interface Measurement {
  readonly metric: string;
  readonly value: number;
  /** ISO date the figure was true at. */
  readonly at: string;
  /** The sentence it was read from, as written. */
  readonly text?: string;
}

export interface GoalDoc {
  readonly text: string;
  readonly target?: GoalTarget;
  /** Measured values of the goal's indicator over time. */
  readonly measurements?: readonly Measurement[];
  /** Sub-goals ("Delmål"). */
  readonly goals?: readonly GoalDoc[];
  readonly lines?: LineRange;
}

export interface MeasureDoc {
  /** A, B, C... where the document letters them. */
  readonly label?: string;
  readonly text: string;
  /** "Gjennomføring" as written: "Vår 2026", "Kontinuerlig". */
  readonly timing?: string;
  /** Body codes ("Ansvar"); the first is the lead. */
  readonly responsible?: readonly string[];
  /**
   * Who else is responsible, by name, where that is not a declared body ("Programkomitéene",
   * "Alle", "Skeive sosialister (FS)"): shown with the measure as its responsible parties.
   */
  readonly responsibleParties?: readonly string[];
  /** What the Ansvar says beyond its bodies and parties ("FS (eller SV sentralt)"). */
  readonly responsibleNote?: string;
  readonly lines?: LineRange;
}

export interface SectionDoc {
  /** "4.1"; for documents without numbers, the position ("1", "2", ...). */
  readonly number: string;
  readonly title: string;
  /** The section's introductory prose, where it has any. */
  readonly intro?: string;
  readonly goals?: readonly GoalDoc[];
  readonly measures?: readonly MeasureDoc[];
  readonly sections?: readonly SectionDoc[];
  readonly lines?: LineRange;
}

export interface PlanDocument {
  readonly plan: PlanHeader;
  readonly bodies?: readonly BodyDoc[];
  /** Status figures stated by the plan ("Oslo SV har 2993 medlemmer" at 31.12.2019). */
  readonly measurements?: readonly Measurement[];
  readonly sections: readonly SectionDoc[];
}
