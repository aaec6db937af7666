/**
 * The text as lines. Every element keeps the line range it came from, so lines are never
 * dropped or merged here: shapes read them by index and decide what each one is.
 */
export interface SourceLine {
  /** 1-based line number in the text file. */
  readonly no: number;
  /** The line as extracted, without the line break. */
  readonly raw: string;
  /** The content: trimmed, with the document's own printed line number removed. */
  text: string;
  /** The line number printed in the document itself (001 at the line end, 003 at the start). */
  printed?: number;
  /** Text extraction starts lines that continue across a page break with a space. */
  readonly leadingSpace: boolean;
}

export function toSourceLines(text: string): SourceLine[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((raw, i) => ({
      no: i + 1,
      raw,
      text: raw.replace(/\u00a0/g, ' ').trim(),
      leadingSpace: /^ \S/.test(raw),
    }));
}
