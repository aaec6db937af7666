import { type BodyDoc, type Measurement, type SectionDoc } from '@app/plan-document';
import { type LineLedger } from '../line-ledger.js';
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
  /** Why the document struck an element in its revision, where it says ("Stryke, gjennomført"), by line. */
  readonly struckReasons?: readonly { readonly line: number; readonly reason: string }[];
}

/**
 * One layout of the seed documents, read by a reader of its own: a case of the general reader
 * (general/read-general.ts) that reads its seed exactly as it was read before the general
 * reader existed. Recognised from the content, never from a file name. Each takes the lines it
 * uses into the ledger, so the report accounts for every line.
 */
export interface Shape {
  /** Stable name, reported as ImportReport.shape. */
  readonly id: string;
  readonly description: string;
  recognise(text: string): boolean;
  read(text: string, ledger: LineLedger): ShapeOutput;
  /**
   * The plan as it read before the revision the text marks (struck text kept, what replaced it
   * left out), read the same way so its elements stand on the same lines; undefined when the
   * text carries no such marks. Only layouts whose documents carry marks have it.
   */
  readEarlier?(text: string): ShapeOutput | undefined;
}
