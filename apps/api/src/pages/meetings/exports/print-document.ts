import type { DiffPart } from '@app/domain';

/**
 * A document for print, as the meeting's Word and PDF files are made from it: headings and
 * paragraphs of runs, struck and inserted words marked. One model, two renderers, so the Word
 * file and the PDF never say different things.
 */
export interface PrintRun {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Struck (deleted) or inserted words of a redline. */
  readonly change?: 'insert' | 'delete';
}

export type PrintBlock =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3 | 4; readonly text: string }
  | {
      readonly kind: 'paragraph';
      readonly runs: readonly PrintRun[];
      /** A line number in the margin (the papers). */
      readonly margin?: string;
      /** Indented by this many steps (a list item, a sub-goal). */
      readonly indent?: number;
      /** Smaller, muted text (a note). */
      readonly note?: boolean;
    };

export interface PrintDocument {
  readonly title: string;
  readonly blocks: readonly PrintBlock[];
}

export const text = (value: string, style: Omit<PrintRun, 'text'> = {}): PrintRun => ({
  text: value,
  ...style,
});

export const paragraph = (
  runs: readonly PrintRun[],
  options: { margin?: string; indent?: number; note?: boolean } = {},
): PrintBlock => ({ kind: 'paragraph', runs, ...options });

export const heading = (level: 1 | 2 | 3 | 4, value: string): PrintBlock => ({
  kind: 'heading',
  level,
  text: value,
});

/** A word diff as runs. */
export function diffRuns(parts: readonly DiffPart[]): PrintRun[] {
  return parts.map((p) => (p.op === 'equal' ? text(p.text) : text(p.text, { change: p.op })));
}
