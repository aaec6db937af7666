/**
 * The one form every document format is read into before the plan reader looks at it: the
 * document's text as lines (what the import report accounts for, line by line, and what the
 * review page shows beside what was found), and its structure as blocks: headings with levels,
 * paragraphs, list items with levels, and tables with rows and cells. Inline runs keep
 * struck-through (and tracked inserted/deleted) text apart from the rest.
 */

export type DocumentFormat = 'docx' | 'odt' | 'pdf' | 'md' | 'text';

/** A run of text with the marks the plan reader cares about. */
export interface Span {
  readonly text: string;
  /** Struck through (Word/ODF strike-through, Markdown ~~…~~, a tracked deletion). */
  readonly struck?: boolean;
  /** A tracked insertion (Word w:ins, ODF text:insertion): text added in the revision. */
  readonly inserted?: boolean;
}

/** Lines of SourceDocument.lines a block came from (1-based, inclusive). */
export interface LineSpan {
  readonly from: number;
  readonly to: number;
}

interface BlockBase {
  readonly lines: LineSpan;
  /** The document's own printed line number (a PDF's margin numbers, a meeting paper's numbering). */
  readonly printed?: LineSpan;
  /** Page, where the format has pages (PDF). */
  readonly page?: number;
}

export interface HeadingBlock extends BlockBase {
  readonly kind: 'heading';
  /** 1 for the top level (Word "Heading 1", Markdown "#", an ODF outline level, a PDF's largest type). */
  readonly level: number;
  /** The number the document prints before it, when the format keeps it apart ("1.1", "A"). */
  readonly marker?: string;
  readonly spans: readonly Span[];
}

export interface ParagraphBlock extends BlockBase {
  readonly kind: 'paragraph';
  readonly spans: readonly Span[];
}

export interface ListItemBlock extends BlockBase {
  readonly kind: 'item';
  /** 1 for a top-level item. */
  readonly level: number;
  /** "1.", "1.1", "a)", "•": what the document prints before the item, where known. */
  readonly marker?: string;
  readonly spans: readonly Span[];
}

export interface TableCell {
  readonly spans: readonly Span[];
}

export interface TableRow {
  readonly cells: readonly TableCell[];
  readonly lines: LineSpan;
}

export interface TableBlock extends BlockBase {
  readonly kind: 'table';
  readonly rows: readonly TableRow[];
}

export type Block = HeadingBlock | ParagraphBlock | ListItemBlock | TableBlock;

export interface SourceDocument {
  readonly format: DocumentFormat;
  /**
   * The document as text lines: the file's own lines for text and Markdown; for Word and ODF one
   * line per paragraph, heading, list item and table row (cells joined by " | "); for PDF the
   * printed lines, top to bottom. Struck text is kept, marked ~~like this~~ (where the format
   * marks it), so that the reader of the report sees what the document shows.
   */
  readonly lines: readonly string[];
  readonly blocks: readonly Block[];
  /** Things the format reader noticed (an embedded object it skipped, a page with no text). */
  readonly notes: readonly string[];
  /** Lines the format reader itself left out of every block (a PDF's page headers), with why. */
  readonly leftOut?: readonly { readonly line: number; readonly reason: string }[];
}

/** The plain text of spans, struck runs included. */
export function spanText(spans: readonly Span[]): string {
  return spans.map((s) => s.text).join('');
}

/** The text as the document reads after its marked changes: struck runs left out. */
export function liveText(spans: readonly Span[]): string {
  return collapse(
    spans
      .filter((s) => !s.struck)
      .map((s) => s.text)
      .join(''),
  );
}

/** The text as it read before the marked changes: inserted runs left out, struck ones kept. */
export function earlierText(spans: readonly Span[]): string {
  return collapse(
    spans
      .filter((s) => !s.inserted)
      .map((s) => s.text)
      .join(''),
  );
}

/** The text with its marks as the report shows it: struck ~~like this~~. */
export function markedText(spans: readonly Span[]): string {
  return spans.map((s) => (s.struck && s.text.trim() !== '' ? `~~${s.text}~~` : s.text)).join('');
}

export function hasMarks(spans: readonly Span[]): boolean {
  return spans.some((s) => (s.struck || s.inserted) && s.text.trim() !== '');
}

export function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Adjacent spans with the same marks merged, empty ones dropped. */
export function normaliseSpans(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    if (s.text === '') continue;
    const last = out[out.length - 1];
    if (last && !!last.struck === !!s.struck && !!last.inserted === !!s.inserted) {
      out[out.length - 1] = { ...last, text: last.text + s.text };
    } else
      out.push({
        text: s.text,
        ...(s.struck ? { struck: true } : {}),
        ...(s.inserted ? { inserted: true } : {}),
      });
  }
  return out;
}

/** True when the document marks changes in its own text: struck runs or tracked insertions. */
export function hasRevisionMarks(source: Pick<SourceDocument, 'blocks'>): boolean {
  return source.blocks.some((b) =>
    b.kind === 'table' ? b.rows.some((r) => r.cells.some((c) => hasMarks(c.spans))) : hasMarks(b.spans),
  );
}

/**
 * The document as it read before the changes it marks: struck runs as plain text again,
 * tracked insertions left out. Lines and blocks stay where they are, so an element read from
 * both stands on the same lines in each.
 */
export function earlierSource(source: SourceDocument): SourceDocument {
  const earlier = (spans: readonly Span[]): Span[] =>
    normaliseSpans(spans.filter((s) => !s.inserted).map((s) => ({ text: s.text })));
  return {
    ...source,
    blocks: source.blocks.map((b): Block =>
      b.kind === 'table'
        ? {
            ...b,
            rows: b.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ spans: earlier(c.spans) })) })),
          }
        : { ...b, spans: earlier(b.spans) },
    ),
  };
}
