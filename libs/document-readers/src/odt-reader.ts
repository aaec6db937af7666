import { type Element, type Node } from '@xmldom/xmldom';
import { LineBuilder } from './line-builder.js';
import { type LevelFormat, ListCounter, type NumberFormat } from './list-markers.js';
import {
  type Block,
  type SourceDocument,
  type Span,
  type TableRow,
  markedText,
  normaliseSpans,
  spanText,
} from './source-document.js';
import { UnreadableFileError } from './unreadable-file.js';
import { attr, childElements, descendants, firstChild, isElement, parseXml, unzipParts } from './zip-xml.js';

/**
 * OpenDocument text (.odt, LibreOffice): content.xml holds headings with their outline level,
 * nested lists, tables and text spans whose (automatic) styles say whether they are struck
 * through; tracked changes are kept as struck (deleted) and inserted runs.
 */
const OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
const TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const TABLE = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
const STYLE = 'urn:oasis:names:tc:opendocument:xmlns:style:1.0';

/** An empty cell repeated across the rest of a row is written once with a count; a plan needs few. */
const MAX_REPEATED_CELLS = 50;

interface StyleFacts {
  readonly parent?: string;
  readonly strike?: boolean;
  readonly listStyle?: string;
}

export function readOdt(bytes: Uint8Array): SourceDocument {
  const parts = unzipParts(bytes, ['content.xml', 'styles.xml'], 'OpenDocument file');
  const contentXml = parts.get('content.xml');
  if (contentXml === undefined) {
    throw new UnreadableFileError(
      'OpenDocument file: no content.xml (not an .odt?)',
      'ODT-filen mangler selve teksten (er det virkelig en .odt-fil?)',
    );
  }
  const content = parseXml(contentXml, 'OpenDocument file');
  const stylesRoot = parts.has('styles.xml')
    ? parseXml(parts.get('styles.xml')!, 'OpenDocument styles')
    : undefined;
  const styles = new Map<string, StyleFacts>();
  const listStyles = new Map<string, Map<number, LevelFormat>>();
  for (const root of [stylesRoot, content]) {
    if (!root) continue;
    for (const s of descendants(root, STYLE, 'style')) {
      const name = attr(s, STYLE, 'name');
      if (name === undefined) continue;
      const props = firstChild(s, STYLE, 'text-properties');
      const through =
        attr(props, STYLE, 'text-line-through-style') ?? attr(props, STYLE, 'text-line-through-type');
      const parent = attr(s, STYLE, 'parent-style-name');
      const listStyle = attr(s, STYLE, 'list-style-name');
      styles.set(name, {
        ...(parent !== undefined ? { parent } : {}),
        ...(through !== undefined && through !== 'none' ? { strike: true } : {}),
        ...(listStyle ? { listStyle } : {}),
      });
    }
    for (const ls of descendants(root, TEXT, 'list-style')) {
      const name = attr(ls, TEXT, 'name');
      if (name !== undefined) listStyles.set(name, listLevels(childElements(ls)));
    }
  }
  const outline = stylesRoot ? descendants(stylesRoot, TEXT, 'outline-style')[0] : undefined;
  const outlineCounter = new ListCounter((l) =>
    (outline ? listLevels(childElements(outline)) : new Map()).get(l),
  );
  const struckStyle = (name: string | undefined): boolean => {
    for (let n = name, i = 0; n !== undefined && i < 20; n = styles.get(n)?.parent, i++)
      if (styles.get(n)?.strike) return true;
    return false;
  };

  // Tracked deletions live apart from the text; the text marks where they were.
  const deletions = new Map<string, Span[]>();
  for (const region of descendants(content, TEXT, 'changed-region')) {
    const id = attr(region, TEXT, 'id') ?? attr(region, 'http://www.w3.org/XML/1998/namespace', 'id');
    const deletion = firstChild(region, TEXT, 'deletion');
    if (id === undefined || !deletion) continue;
    const spans: Span[] = [];
    for (const p of childElements(deletion, TEXT)) {
      if (p.localName !== 'p' && p.localName !== 'h') continue;
      if (spans.length) spans.push({ text: ' ', struck: true });
      spans.push(...inline(p).map((s) => ({ ...s, struck: true })));
    }
    deletions.set(id, spans);
  }
  let inserting = false;

  function inline(el: Element, struck = false): Span[] {
    const out: Span[] = [];
    for (let n: Node | null = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        const text = (n.nodeValue ?? '').replace(/\s+/g, ' ');
        out.push({ text, ...(struck ? { struck } : {}), ...(inserting ? { inserted: true } : {}) });
        continue;
      }
      if (!isElement(n) || n.namespaceURI !== TEXT) continue;
      switch (n.localName) {
        case 'span':
          out.push(...inline(n, struck || struckStyle(attr(n, TEXT, 'style-name'))));
          break;
        case 'a':
        case 'meta':
          out.push(...inline(n, struck));
          break;
        case 's':
          out.push({ text: ' '.repeat(Number(attr(n, TEXT, 'c') ?? 1)), ...(struck ? { struck } : {}) });
          break;
        case 'tab':
          out.push({ text: '\t' });
          break;
        case 'line-break':
          out.push({ text: '\n' });
          break;
        case 'change':
          out.push(...(deletions.get(attr(n, TEXT, 'change-id') ?? '') ?? []));
          break;
        case 'change-start':
          inserting = true;
          break;
        case 'change-end':
          inserting = false;
          break;
        default:
          break; // notes, bookmarks, page breaks, fields without text of the plan
      }
    }
    return out;
  }

  const out = new LineBuilder();
  const blocks: Block[] = [];
  const counters = new Map<string, ListCounter>();

  /** A paragraph's runs; a heading's printed number (text:number) is not among them. */
  const paragraphSpans = (p: Element): Span[] =>
    normaliseSpans(inline(p, struckStyle(attr(p, TEXT, 'style-name'))));

  const heading = (h: Element): void => {
    const spans = paragraphSpans(h);
    if (spanText(spans).trim() === '') return;
    const level = Number(attr(h, TEXT, 'outline-level') ?? 1);
    const printedNumber = firstChild(h, TEXT, 'number')?.textContent?.trim();
    const marker = printedNumber || outlineCounter.next(level - 1);
    const lines = out.add(`${marker ? `${marker} ` : ''}${markedText(spans)}`.replace(/\n/g, ' '));
    blocks.push({ kind: 'heading', level, ...(marker ? { marker } : {}), spans, lines });
  };

  const paragraph = (p: Element): void => {
    const spans = paragraphSpans(p);
    if (spanText(spans).trim() === '') return;
    const lines = out.add(markedText(spans).replace(/\n/g, ' '));
    blocks.push({ kind: 'paragraph', spans, lines });
  };

  const list = (
    el: Element,
    level: number,
    styleName: string | undefined,
    counter: ListCounter | undefined,
  ): void => {
    const style = attr(el, TEXT, 'style-name') ?? styleName;
    let c = counter;
    if (!c) {
      const key = style ?? '';
      const continues =
        attr(el, TEXT, 'continue-numbering') === 'true' || attr(el, TEXT, 'continue-list') !== undefined;
      c = continues ? counters.get(key) : undefined;
      if (!c) {
        const levels = listStyles.get(key) ?? new Map<number, LevelFormat>();
        c = new ListCounter((l) => levels.get(l) ?? { format: 'bullet', pattern: '', start: 1 });
        counters.set(key, c);
      }
    }
    for (const item of childElements(el, TEXT)) {
      if (item.localName !== 'list-item' && item.localName !== 'list-header') continue;
      const marker = item.localName === 'list-item' ? c.next(level - 1) : undefined;
      let first = true;
      for (const child of childElements(item, TEXT)) {
        if (child.localName === 'list') list(child, level + 1, style, c);
        else if (child.localName === 'h') heading(child);
        else if (child.localName === 'p') {
          const spans = paragraphSpans(child);
          if (spanText(spans).trim() === '') continue;
          const m = first ? marker : undefined;
          const lines = out.add(`${m ? `${m} ` : ''}${markedText(spans)}`.replace(/\n/g, ' '));
          blocks.push({ kind: 'item', level, ...(m ? { marker: m } : {}), spans, lines });
          first = false;
        }
      }
    }
  };

  const table = (t: Element): void => {
    const rows: TableRow[] = [];
    const rowElements = (el: Element): Element[] =>
      childElements(el, TABLE).flatMap((c) =>
        c.localName === 'table-row'
          ? [c]
          : ['table-header-rows', 'table-rows', 'table-row-group'].includes(c.localName ?? '')
            ? rowElements(c)
            : [],
      );
    for (const tr of rowElements(t)) {
      const cells: { spans: Span[] }[] = [];
      for (const tc of childElements(tr, TABLE)) {
        if (tc.localName !== 'table-cell' && tc.localName !== 'covered-table-cell') continue;
        const spans: Span[] = [];
        for (const p of descendants(tc, TEXT, 'p').concat(descendants(tc, TEXT, 'h'))) {
          const own = inline(p, struckStyle(attr(p, TEXT, 'style-name')));
          if (spanText(own).trim() === '') continue;
          if (spans.length) spans.push({ text: '\n' });
          spans.push(...own);
        }
        const repeat = Math.min(Number(attr(tc, TABLE, 'number-columns-repeated') ?? 1), MAX_REPEATED_CELLS);
        for (let i = 0; i < repeat; i++) cells.push({ spans: normaliseSpans(spans) });
      }
      while (cells.length && spanText(cells[cells.length - 1]!.spans).trim() === '') cells.pop();
      if (cells.length === 0) continue;
      const lines = out.add(cells.map((c) => markedText(c.spans).replace(/\n/g, ' ').trim()).join(' | '));
      rows.push({ cells, lines });
    }
    if (rows.length)
      blocks.push({
        kind: 'table',
        rows,
        lines: { from: rows[0]!.lines.from, to: rows[rows.length - 1]!.lines.to },
      });
  };

  const walk = (el: Element): void => {
    for (const child of childElements(el)) {
      if (child.namespaceURI === TEXT) {
        if (child.localName === 'h') heading(child);
        else if (child.localName === 'p') paragraph(child);
        else if (child.localName === 'list') list(child, 1, undefined, undefined);
        else if (child.localName === 'section') walk(child);
      } else if (child.namespaceURI === TABLE && child.localName === 'table') table(child);
    }
  };
  const text = firstChild(firstChild(content, OFFICE, 'body'), OFFICE, 'text');
  if (!text)
    throw new UnreadableFileError(
      'OpenDocument file: no text body (a spreadsheet or a drawing?)',
      'ODT-filen har ingen tekstdel (et regneark eller en tegning?)',
    );
  walk(text);
  return {
    format: 'odt',
    lines: out.lines,
    blocks,
    notes: blocks.length ? [] : ['the document has no text'],
  };
}

const ODF_FORMATS: Readonly<Record<string, NumberFormat>> = {
  '1': 'decimal',
  a: 'lowerLetter',
  A: 'upperLetter',
  i: 'lowerRoman',
  I: 'upperRoman',
  '': 'none',
};

/** The levels of an ODF list or outline style, as patterns like Word's ("%1.%2."). */
function listLevels(levelElements: readonly Element[]): Map<number, LevelFormat> {
  const levels = new Map<number, LevelFormat>();
  for (const el of levelElements) {
    if (el.namespaceURI !== TEXT) continue;
    const level = Number(attr(el, TEXT, 'level') ?? 1) - 1;
    if (el.localName === 'list-level-style-bullet') {
      levels.set(level, { format: 'bullet', pattern: '', start: 1 });
      continue;
    }
    if (el.localName !== 'list-level-style-number' && el.localName !== 'outline-level-style') continue;
    const format = ODF_FORMATS[attr(el, STYLE, 'num-format') ?? ''] ?? 'decimal';
    const display = Math.max(1, Number(attr(el, TEXT, 'display-levels') ?? 1));
    const numbers = Array.from(
      { length: Math.min(display, level + 1) },
      (_, i) => `%${level + 2 - Math.min(display, level + 1) + i}`,
    );
    const pattern =
      format === 'none'
        ? ''
        : `${attr(el, STYLE, 'num-prefix') ?? ''}${numbers.join('.')}${attr(el, STYLE, 'num-suffix') ?? ''}`;
    levels.set(level, { format, pattern, start: Number(attr(el, TEXT, 'start-value') ?? 1) });
  }
  return levels;
}
