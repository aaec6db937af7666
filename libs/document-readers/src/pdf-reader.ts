import { leadingMarker } from './markers.js';
import { type Block, type SourceDocument, type TableRow } from './source-document.js';
import { UnreadableFileError } from './unreadable-file.js';

/**
 * PDF through pdf.js (pdfjs-dist): the text items with their positions and sizes, put together
 * into the printed lines. From the positions: the document's own line numbers in the margin
 * (meeting papers print them, and amendments cite them), headings (type larger than the body
 * text), paragraphs (lines close together), list items (a line starting with a bullet or a
 * number), tables (lines of several columns far apart), and page headers and footers (the same
 * line on most pages), which are left out and said so. A PDF does not say which text is struck
 * through (the line is a drawing), so the revision marks of a PDF are not read.
 */

interface Item {
  readonly text: string;
  readonly x: number;
  readonly right: number;
  readonly y: number;
  readonly size: number;
}

interface VisualLine {
  readonly page: number;
  readonly y: number;
  readonly size: number;
  items: Item[];
  /** Chunks of text separated by wide gaps (table columns), left to right. */
  chunks: { text: string; x: number; right: number }[];
  printed?: number;
  text: string;
  no: number;
}

export interface PdfTextItem {
  readonly str: string;
  readonly transform: readonly number[];
  readonly width: number;
}

export async function readPdf(bytes: Uint8Array): Promise<SourceDocument> {
  if (!isPdf(bytes)) {
    throw new UnreadableFileError('PDF: the file does not start with %PDF', 'Filen er ikke en PDF');
  }
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let pages: PdfTextItem[][];
  try {
    const task = pdfjs.getDocument({
      data: bytes.slice(),
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
    });
    const doc = await task.promise;
    pages = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      pages.push(content.items.filter((i): i is PdfTextItem & typeof i => 'str' in i) as PdfTextItem[]);
      page.cleanup();
    }
    await task.destroy();
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(
      `PDF: cannot be read (${(error as Error).message})`,
      'PDF-filen kan ikke leses (den er skadet eller passordbeskyttet)',
    );
  }
  return pdfFromTextItems(pages);
}

export function isPdf(bytes: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-');
}

/** The layout analysis, apart from pdf.js so that it can be tested on items alone. */
export function pdfFromTextItems(pages: readonly (readonly PdfTextItem[])[]): SourceDocument {
  const visual: VisualLine[] = [];
  pages.forEach((items, i) => visual.push(...linesOfPage(items, i + 1)));
  findMarginNumbers(visual);
  if (visual.length === 0) {
    throw new UnreadableFileError(
      'PDF: no text in the file (a scanned image? run it through OCR first)',
      'PDF-filen har ingen tekst (et skannet bilde? Kjør den gjennom tekstgjenkjenning først)',
    );
  }
  const furniture = findFurniture(visual, pages.length);
  const lines: string[] = [];
  for (const l of visual) {
    l.no = lines.length + 1;
    lines.push(l.text);
  }
  const body = visual.filter((l) => !furniture.has(l) && l.text !== '');
  const bodySize = commonSize(body);
  const headingSizes = [
    ...new Set(body.filter((l) => l.size > bodySize * 1.15).map((l) => Math.round(l.size))),
  ].sort((a, b) => b - a);
  const blocks: Block[] = [];
  // A bulleted list's levels, from how far in its bullets stand (a sub-item's further right):
  // the distinct indents of the lines that start with a bullet, in 3 pt steps, left to right.
  const indentOf = (l: VisualLine): number => {
    const chunk = l.chunks.find((c) => leadingMarker(c.text)?.bullet) ?? l.chunks[0];
    return Math.round((chunk?.x ?? 0) / 3);
  };
  const bulletIndents = [...new Set(body.filter((l) => leadingMarker(l.text)?.bullet).map(indentOf))].sort(
    (a, b) => a - b,
  );
  const printedSpan = (ls: readonly VisualLine[]) => {
    const ps = ls.map((l) => l.printed).filter((p): p is number => p !== undefined);
    return ps.length ? { printed: { from: Math.min(...ps), to: Math.max(...ps) } } : {};
  };
  let i = 0;
  while (i < body.length) {
    const line = body[i]!;
    const lineGap = (a: VisualLine, b: VisualLine) => (a.page === b.page ? a.y - b.y : Infinity);
    if (line.chunks.length >= 2 && body[i + 1]?.chunks.length !== undefined) {
      const table = readTable(body, i, bodySize);
      if (table) {
        blocks.push(table.block);
        i = table.next;
        continue;
      }
    }
    if (line.size > bodySize * 1.15) {
      const group = [line];
      while (
        body[i + group.length] &&
        Math.round(body[i + group.length]!.size) === Math.round(line.size) &&
        lineGap(group[group.length - 1]!, body[i + group.length]!) < line.size * 1.6
      )
        group.push(body[i + group.length]!);
      blocks.push({
        kind: 'heading',
        level: headingSizes.indexOf(Math.round(line.size)) + 1,
        // A title that wraps keeps its lines apart, so each is accounted for as the heading's.
        spans: [{ text: group.map((l) => l.text).join('\n') }],
        lines: { from: group[0]!.no, to: group[group.length - 1]!.no },
        page: line.page,
        ...printedSpan(group),
      });
      i += group.length;
      continue;
    }
    // A paragraph or a list item: the lines that follow closely, in the same size, that do not
    // start an item of their own.
    const group = [line];
    for (let j = i + 1; j < body.length; j++) {
      const next = body[j]!;
      const prev = group[group.length - 1]!;
      if (next.chunks.length >= 2) break;
      if (Math.abs(next.size - line.size) > 0.5) break;
      if (lineGap(prev, next) > line.size * 1.6) break;
      if (leadingMarker(next.text) !== undefined) break;
      // A line that introduces a list ("Tiltak:") ends its block; a line that starts left of
      // the one above (out of a list item's hanging indent) starts a new one.
      if (/:$/.test(prev.text)) break;
      if (next.chunks[0]!.x < prev.chunks[0]!.x - line.size * 0.5) break;
      group.push(next);
    }
    const bullet = leadingMarker(line.text);
    const lines = { from: group[0]!.no, to: group[group.length - 1]!.no };
    if (bullet?.bullet)
      blocks.push({
        kind: 'item',
        level: bulletIndents.indexOf(indentOf(line)) + 1,
        marker: bullet.marker,
        spans: [{ text: [bullet.rest, ...group.slice(1).map((l) => l.text)].join('\n') }],
        lines,
        page: line.page,
        ...printedSpan(group),
      });
    else
      blocks.push({
        kind: 'paragraph',
        spans: [{ text: group.map((l) => l.text).join('\n') }],
        lines,
        page: line.page,
        ...printedSpan(group),
      });
    i += group.length;
  }
  const notes = [...furniture].map(
    (l) => `line ${l.no}: "${l.text}" repeats on most pages (header or footer), left out`,
  );
  return {
    format: 'pdf',
    lines,
    blocks,
    notes,
    leftOut: [...furniture].map((l) => ({ line: l.no, reason: 'sidetopp eller sidebunn' })),
  };
}

function linesOfPage(items: readonly PdfTextItem[], page: number): VisualLine[] {
  const placed: Item[] = items
    .filter((it) => it.str.trim() !== '')
    .map((it) => {
      const size = Math.hypot(it.transform[2] ?? 0, it.transform[3] ?? 0) || 10;
      const x = it.transform[4] ?? 0;
      return { text: it.str, x, right: x + it.width, y: it.transform[5] ?? 0, size };
    })
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Item[][] = [];
  for (const it of placed) {
    const row = rows.find((r) => Math.abs(r[0]!.y - it.y) < Math.min(r[0]!.size, it.size) * 0.5);
    if (row) row.push(it);
    else rows.push([it]);
  }
  return rows
    .sort((a, b) => b[0]!.y - a[0]!.y)
    .map((row) => {
      row.sort((a, b) => a.x - b.x);
      const line: VisualLine = {
        page,
        y: row[0]!.y,
        size: Math.max(...row.map((r) => r.size)),
        items: row,
        chunks: [],
        text: '',
        no: 0,
      };
      setChunks(line);
      return line;
    });
}

/** Chunks of a line: its items joined, split where the gap is wide (table columns). */
function setChunks(line: VisualLine): void {
  const chunks: { text: string; x: number; right: number }[] = [];
  const size = line.size;
  for (const it of line.items) {
    const last = chunks[chunks.length - 1];
    const gap = last ? it.x - last.right : Infinity;
    if (last && gap < size * 1.5) {
      last.text +=
        gap > size * 0.12 && !/\s$/.test(last.text) && !/^\s/.test(it.text) ? ` ${it.text}` : it.text;
      last.right = it.right;
    } else chunks.push({ text: it.text, x: it.x, right: it.right });
  }
  for (const c of chunks) c.text = c.text.replace(/\s+/g, ' ').trim();
  line.chunks = chunks.filter((c) => c.text !== '');
  line.text = line.chunks.map((c) => c.text).join(' ');
}

/**
 * Line numbers printed in the margin: an item of digits alone at the start (or end) of a line,
 * apart from the text, in a column of its own (the same edge on every line), rising through
 * the document. They are taken off the line and kept as its printed number.
 */
function findMarginNumbers(lines: VisualLine[]): void {
  const candidates: { line: VisualLine; n: number; side: 'left' | 'right'; edge: number }[] = [];
  for (const l of lines) {
    const first = l.items[0]!;
    const last = l.items[l.items.length - 1]!;
    const second = l.items[1];
    if (/^\s*\d{1,4}\s*$/.test(first.text) && (!second || second.x > first.right + 2))
      candidates.push({ line: l, n: Number(first.text), side: 'left', edge: Math.round(first.right) });
    else if (
      l.items.length > 1 &&
      /^\s*\d{1,4}\s*$/.test(last.text) &&
      last.x > l.items[l.items.length - 2]!.right + l.size
    )
      candidates.push({ line: l, n: Number(last.text), side: 'right', edge: Math.round(last.x) });
  }
  const edge = mode(candidates.map((c) => c.edge));
  const column = candidates.filter((c) => edge !== undefined && Math.abs(c.edge - edge) <= 3);
  let last = 0;
  const rising = column.filter((c) => {
    if (!(c.n > last && c.n <= last + 5)) return false;
    last = c.n;
    return true;
  });
  // Numbers in a rising sequence through most lines: the document's line numbering.
  if (rising.length < 5 || rising.length < column.length * 0.6) return;
  for (const c of rising) {
    c.line.printed = c.n;
    if (c.side === 'left') c.line.items.shift();
    else c.line.items.pop();
    setChunks(c.line);
  }
}

/** A line that repeats (digits aside) at the top or bottom of most pages. */
function findFurniture(lines: readonly VisualLine[], pageCount: number): Set<VisualLine> {
  const found = new Set<VisualLine>();
  if (pageCount < 3) return found;
  const key = (l: VisualLine) => l.text.replace(/\d+/g, '#');
  const edges = new Map<string, VisualLine[]>();
  for (let p = 1; p <= pageCount; p++) {
    const onPage = lines.filter((l) => l.page === p && l.text !== '');
    for (const l of [...onPage.slice(0, 2), ...onPage.slice(-2)]) {
      const list = edges.get(key(l)) ?? [];
      if (!list.includes(l)) list.push(l);
      edges.set(key(l), list);
    }
  }
  for (const list of edges.values()) {
    if (new Set(list.map((l) => l.page)).size >= Math.max(3, pageCount * 0.6))
      list.forEach((l) => found.add(l));
  }
  return found;
}

/** Several lines of columns far apart: a table, its columns where the first such line has them. */
function readTable(
  lines: readonly VisualLine[],
  start: number,
  bodySize: number,
): { block: Block; next: number } | undefined {
  const header = lines[start]!;
  const columns = header.chunks.map((c) => c.x);
  const columnOf = (x: number) => {
    let best = 0;
    columns.forEach((cx, k) => {
      if (x >= cx - bodySize) best = k;
    });
    return best;
  };
  const group: VisualLine[] = [header];
  for (let j = start + 1; j < lines.length; j++) {
    const l = lines[j]!;
    const prev = group[group.length - 1]!;
    if (l.page !== prev.page && l.chunks.length < 2) break;
    if (l.page === prev.page && prev.y - l.y > bodySize * 3) break;
    if (l.size > bodySize * 1.15) break;
    // A line of prose running across the columns ends the table.
    if (l.chunks.length === 1 && l.chunks[0]!.right > (columns[1] ?? Infinity) + bodySize) break;
    group.push(l);
  }
  if (group.length < 2) return undefined;
  const gaps = group.slice(1).map((l, k) => (l.page === group[k]!.page ? group[k]!.y - l.y : Infinity));
  const lineStep = Math.min(...gaps.filter((g) => g > 0));
  const rows: TableRow[] = [];
  let current: { cells: string[][]; from: number; to: number } | undefined;
  group.forEach((l, k) => {
    const gap = k === 0 ? Infinity : gaps[k - 1]!;
    if (!current || gap > lineStep * 1.25) {
      if (current) rows.push(toRow(current));
      current = { cells: columns.map(() => []), from: l.no, to: l.no };
    }
    for (const c of l.chunks) current.cells[columnOf(c.x)]!.push(c.text);
    current.to = l.no;
  });
  if (current) rows.push(toRow(current));
  if (rows.length < 2) return undefined;
  return {
    block: {
      kind: 'table',
      rows,
      lines: { from: header.no, to: group[group.length - 1]!.no },
      page: header.page,
    },
    next: start + group.length,
  };
}

function toRow(r: { cells: string[][]; from: number; to: number }): TableRow {
  return {
    cells: r.cells.map((parts) => ({ spans: [{ text: parts.join('\n') }] })),
    lines: { from: r.from, to: r.to },
  };
}

function commonSize(lines: readonly VisualLine[]): number {
  const weight = new Map<number, number>();
  for (const l of lines)
    weight.set(Math.round(l.size), (weight.get(Math.round(l.size)) ?? 0) + l.text.length);
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

function mode(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}
