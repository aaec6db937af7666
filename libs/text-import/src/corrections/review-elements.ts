import { type MeasureDoc, type PlanDocument } from '@app/plan-document';
import { type ImportReport } from '../types.js';
import { elementsOf } from './apply-corrections.js';

/** A goal or measure as the review shows it: where it starts in the source and what it says. */
export interface ReviewElement {
  /** The source line it starts on: what a correction names. */
  readonly line: number;
  readonly kind: 'goal' | 'measure';
  /** Its address in the report ("2.B", "2.g1"). */
  readonly ref: string;
  readonly section: string;
  readonly text: string;
  readonly timing: string;
  /** Ansvar as one text: its bodies (the lead first), then its named parties. */
  readonly responsible: string;
  /** Its named responsible parties (not declared bodies), as the editor may declare them bodies. */
  readonly parties: readonly string[];
}

/** The goals and measures of an import, each with the line it starts on, in source order. */
export function reviewElements(document: PlanDocument, report: ImportReport): ReviewElement[] {
  const byRef = elementsOf(document.sections);
  const starts = new Map<string, number>();
  for (const account of report.lines ?? []) {
    if ((account.kind !== 'goal' && account.kind !== 'measure') || account.ref === undefined) continue;
    for (const ref of [account.ref, ...(account.also ?? []).map((a) => a.ref)])
      if (!starts.has(ref)) starts.set(ref, account.line);
  }
  const elements: ReviewElement[] = [];
  for (const [ref, line] of starts) {
    const found = byRef.get(ref);
    if (!found) continue;
    const measure = found.kind === 'measure' ? (found.doc as MeasureDoc) : undefined;
    elements.push({
      line,
      kind: found.kind,
      ref,
      section: found.section.number,
      text: found.doc.text,
      timing: measure?.timing ?? '',
      responsible: [...(measure?.responsible ?? []), ...(measure?.responsibleParties ?? [])].join(', '),
      parties: measure?.responsibleParties ?? [],
    });
  }
  // In source order; the elements of one line in the order they were read (a row's goal, then its measure).
  return elements.sort((a, b) => a.line - b.line);
}

/**
 * The same elements by the line each begins on, in reading order: a table row may begin a goal
 * and a measure (the review shows both; a correction naming the line corrects the first).
 */
export function reviewElementsByLine(
  document: PlanDocument,
  report: ImportReport,
): Map<number, ReviewElement[]> {
  const byLine = new Map<number, ReviewElement[]>();
  for (const e of reviewElements(document, report)) {
    const on = byLine.get(e.line);
    if (on) on.push(e);
    else byLine.set(e.line, [e]);
  }
  return byLine;
}
