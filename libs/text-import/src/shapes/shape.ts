import { type BodyDoc, type Measurement, type SectionDoc } from '@app/plan-document';
import { type ImportIssue } from '../types.js';

/** What a shape reads from a document; the importer adds the id and organisation. */
export interface ShapeOutput {
  readonly title: string;
  readonly period: { readonly from: number; readonly to: number };
  readonly edition?: string;
  readonly adopted?: { readonly body: string; readonly date: string };
  readonly bodies: readonly BodyDoc[];
  readonly measurements: readonly Measurement[];
  readonly sections: readonly SectionDoc[];
  readonly issues: readonly ImportIssue[];
}

/** One way plans are laid out as text. Recognised from the content, never from a file name. */
export interface Shape {
  /** Stable name, reported as ImportReport.shape. */
  readonly id: string;
  readonly description: string;
  recognise(text: string): boolean;
  read(text: string): ShapeOutput;
}
