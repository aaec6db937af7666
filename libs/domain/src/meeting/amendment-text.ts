/** How many times `part` occurs in `text` (not overlapping). */
export function occurrences(text: string, part: string): number {
  if (part === '') return 0;
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

const WORDLIKE = /[\p{L}\p{N}«"“(]/u;
const CLOSING = /^[\s.,;:!?)»”]/u;

/** The text with the first `from` replaced by `to`; undefined when `from` is not in it. */
export function replaceText(text: string, from: string, to: string): string | undefined {
  const at = text.indexOf(from);
  if (at < 0 || from === '') return undefined;
  return tidy(text.slice(0, at), to, text.slice(at + from.length));
}

/**
 * The text with `insert` after the first `after` (at the end without it); a space is added
 * where words would otherwise run together. Undefined when `after` is not in it.
 */
export function insertText(text: string, after: string | undefined, insert: string): string | undefined {
  if (after === undefined || after === '') return tidy(text, insert, '');
  const at = text.indexOf(after);
  if (at < 0) return undefined;
  const cut = at + after.length;
  return tidy(text.slice(0, cut), insert, text.slice(cut));
}

/** The text without the first `struck`, the seam tidied; undefined when it is not in it. */
export function strikeText(text: string, struck: string): string | undefined {
  const at = text.indexOf(struck);
  if (at < 0 || struck === '') return undefined;
  return tidy(text.slice(0, at), '', text.slice(at + struck.length));
}

/** Joins three pieces so that words neither run together nor get doubled spaces at the seams. */
function tidy(before: string, middle: string, after: string): string {
  let left = before;
  let piece = middle;
  if (piece === '') {
    if (/\s$/.test(left) && CLOSING.test(after)) left = left.trimEnd();
    return (left + after).trim();
  }
  if (left !== '' && !/\s$/.test(left) && WORDLIKE.test(piece[0]!)) piece = ` ${piece}`;
  if (/\s$/.test(left) && /^\s/.test(piece)) piece = piece.trimStart();
  if (after !== '' && !/\s$/.test(piece) && WORDLIKE.test(after[0]!)) piece = `${piece} `;
  if (/\s$/.test(piece) && /^\s/.test(after)) piece = piece.trimEnd();
  return (left + piece + after).trim();
}

/** Where an operation touches the text: a span [start, end), or a point (start = end) for an insertion. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export function spanOf(text: string, quoted: string | undefined, insertion: boolean): TextSpan | undefined {
  if (quoted === undefined || quoted === '')
    return insertion ? { start: text.length, end: text.length } : undefined;
  const at = text.indexOf(quoted);
  if (at < 0) return undefined;
  return insertion
    ? { start: at + quoted.length, end: at + quoted.length }
    : { start: at, end: at + quoted.length };
}

/** Two spans touch the same text: they overlap, or an insertion point lies within (or at the edge of) the other. */
export function spansTouch(a: TextSpan, b: TextSpan): boolean {
  const aPoint = a.start === a.end;
  const bPoint = b.start === b.end;
  if (aPoint && bPoint) return a.start === b.start;
  if (aPoint) return a.start >= b.start && a.start <= b.end;
  if (bPoint) return b.start >= a.start && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}
