import { type LineSpan } from './source-document.js';

/**
 * The text lines of a format without lines of its own (Word, ODF): each block adds its lines,
 * and gets back the span it occupies.
 */
export class LineBuilder {
  readonly lines: string[] = [];

  add(text: string): LineSpan {
    const parts = text.split('\n');
    const from = this.lines.length + 1;
    this.lines.push(...parts);
    return { from, to: this.lines.length };
  }
}
