/**
 * The plan document: the interchange format of DESIGN.md ("Plan document"), produced by the
 * text importer from the seed documents, imported and exported as YAML or JSON.
 * Field names follow DESIGN.md, so a YAML file written by hand reads the same.
 */

import type { AddMeasure, CommandContext } from '@app/domain';

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
  /** The organisation's name as the document writes it ("Rødt Trøndelag"): what a new one is registered as. */
  readonly orgName?: string;
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

/** The fields of `AddMeasure` a document does not write: the import gives the ids and looks up the organisation's bodies. */
type NotInDocument = keyof CommandContext | 'type' | 'measureId' | 'sectionId' | 'organisationBodies';

/**
 * A measure as a document writes it: the fields of the command that adds it, by their names
 * (label, text, timing, responsible, responsibleParties, responsibleNote, lines; see
 * `AddMeasure`). A field added to the command is in the document's type too, and the compiler
 * then names the files that must know it: the validator, the export and the import.
 */
export type MeasureDoc = Omit<AddMeasure, NotInDocument>;

/** How each field of a measure's document is read from a `T` (undefined: none), in this order. */
export type MeasureDocFields<T> = { readonly [F in keyof MeasureDoc]-?: (from: T) => MeasureDoc[F] };

/** The fields `fields` reads from `from`, in their order, leaving out those it reads as undefined. */
export function measureDocOf<T>(fields: MeasureDocFields<T>, from: T): MeasureDoc {
  return Object.fromEntries(
    Object.entries<(from: T) => unknown>(fields)
      .map(([field, read]) => [field, read(from)] as const)
      .filter(([, value]) => value !== undefined),
  ) as MeasureDoc;
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
