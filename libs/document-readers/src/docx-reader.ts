import { type Element } from '@xmldom/xmldom';
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
import { attr, childElements, firstChild, parseXml, unzipParts } from './zip-xml.js';

/**
 * Word (.docx) read from its XML (word/document.xml, styles.xml, numbering.xml) rather than
 * through an HTML converter, because what a plan reader needs is exactly what converters drop:
 * heading levels from the style's outline level (whatever the style is called: "Heading 2",
 * "Overskrift 2", "Rubrik 2"), the numbers Word prints before headings and list items, list
 * levels, table cells, and struck-through runs and tracked changes (the annual revision).
 */
const NAMESPACES = [
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
];

const HEADING_STYLE = /^(?:heading|overskrift|rubrik|überschrift|titre|kop)\s*(\d)$/i;
const TITLE_STYLE = /^(?:title|tittel|titel|rubrik)$/i;

interface StyleInfo {
  readonly name: string;
  readonly basedOn?: string;
  readonly outlineLevel?: number;
  readonly numId?: string;
  readonly ilvl?: number;
  readonly strike?: boolean;
}

export function readDocx(bytes: Uint8Array): SourceDocument {
  const parts = unzipParts(
    bytes,
    ['word/document.xml', 'word/styles.xml', 'word/numbering.xml'],
    'Word document',
  );
  const documentXml = parts.get('word/document.xml');
  if (documentXml === undefined) {
    throw new UnreadableFileError(
      'Word document: no word/document.xml in the file (not a .docx?)',
      'Word-dokumentet mangler selve teksten (er det virkelig en .docx-fil?)',
    );
  }
  const root = parseXml(documentXml, 'Word document');
  const W = NAMESPACES.find((ns) => root.namespaceURI === ns) ?? NAMESPACES[0]!;
  const styles = readStyles(parts.get('word/styles.xml'), W);
  const numbering = readNumbering(parts.get('word/numbering.xml'), W);
  const body = firstChild(root, W, 'body');
  const out = new LineBuilder();
  const blocks: Block[] = [];
  const notes: string[] = [];
  const counters = new Map<string, ListCounter>();

  const styleChain = (id: string | undefined): StyleInfo[] => {
    const chain: StyleInfo[] = [];
    for (
      let s = id ? styles.get(id) : undefined;
      s && chain.length < 20;
      s = s.basedOn ? styles.get(s.basedOn) : undefined
    )
      chain.push(s);
    return chain;
  };

  const markerOf = (numId: string | undefined, ilvl: number): string | undefined => {
    if (numId === undefined || numId === '0') return undefined;
    const levels = numbering.get(numId);
    if (!levels) return undefined;
    let counter = counters.get(numId);
    if (!counter) counters.set(numId, (counter = new ListCounter((l) => levels.get(l))));
    return counter.next(ilvl);
  };

  const paragraph = (p: Element): void => {
    const pPr = firstChild(p, W, 'pPr');
    const styleId = attr(firstChild(pPr, W, 'pStyle'), W, 'val');
    const chain = styleChain(styleId);
    const numPr = firstChild(pPr, W, 'numPr');
    const numId = attr(firstChild(numPr, W, 'numId'), W, 'val') ?? chain.find((s) => s.numId)?.numId;
    const ilvl = Number(
      attr(firstChild(numPr, W, 'ilvl'), W, 'val') ?? chain.find((s) => s.ilvl !== undefined)?.ilvl ?? 0,
    );
    const ownOutline = attr(firstChild(pPr, W, 'outlineLvl'), W, 'val');
    const styleName = chain[0]?.name ?? '';
    const named = HEADING_STYLE.exec(chain.map((s) => s.name).find((n) => HEADING_STYLE.test(n)) ?? '');
    const outline =
      ownOutline !== undefined
        ? Number(ownOutline)
        : chain.find((s) => s.outlineLevel !== undefined)?.outlineLevel;
    const headingLevel = TITLE_STYLE.test(styleName)
      ? 0
      : outline !== undefined && outline < 9
        ? outline + 1
        : named
          ? Number(named[1])
          : undefined;
    const strikeStyle = chain.some((s) => s.strike);
    const spans = normaliseSpans(runs(p, W, { struck: strikeStyle, inserted: false }, styles));
    const marker = markerOf(numId, ilvl);
    if (spanText(spans).trim() === '') return;
    const lineText = `${marker ? `${marker} ` : ''}${markedText(spans)}`;
    const lines = out.add(lineText.replace(/\n/g, ' '));
    if (headingLevel !== undefined) {
      blocks.push({ kind: 'heading', level: headingLevel, ...(marker ? { marker } : {}), spans, lines });
    } else if (marker !== undefined) {
      blocks.push({ kind: 'item', level: ilvl + 1, marker, spans, lines });
    } else blocks.push({ kind: 'paragraph', spans, lines });
  };

  const table = (tbl: Element): void => {
    const rows: TableRow[] = [];
    for (const tr of childElements(tbl, W, 'tr')) {
      const cells = childElements(tr, W, 'tc').map((tc) => ({ spans: cellSpans(tc) }));
      if (cells.every((c) => spanText(c.spans).trim() === '')) continue;
      const lines = out.add(cells.map((c) => markedText(c.spans).replace(/\n/g, ' ').trim()).join(' | '));
      rows.push({ cells, lines });
    }
    if (rows.length === 0) return;
    blocks.push({
      kind: 'table',
      rows,
      lines: { from: rows[0]!.lines.from, to: rows[rows.length - 1]!.lines.to },
    });
  };

  /** A cell's paragraphs (and any nested table's text), one per line. */
  const cellSpans = (tc: Element): Span[] => {
    const spans: Span[] = [];
    const visit = (el: Element): void => {
      for (const child of childElements(el)) {
        if (child.namespaceURI !== W) continue;
        if (child.localName === 'p') {
          const own = runs(child, W, { struck: false, inserted: false }, styles);
          if (spanText(own).trim() === '') continue;
          if (spans.length) spans.push({ text: '\n' });
          spans.push(...own);
        } else if (['tbl', 'tr', 'tc', 'sdt', 'sdtContent'].includes(child.localName ?? '')) visit(child);
      }
    };
    visit(tc);
    return normaliseSpans(spans);
  };

  const walk = (el: Element): void => {
    for (const child of childElements(el)) {
      if (child.namespaceURI !== W) continue;
      switch (child.localName) {
        case 'p':
          paragraph(child);
          break;
        case 'tbl':
          table(child);
          break;
        case 'sdt':
        case 'sdtContent':
        case 'customXml':
          walk(child);
          break;
        default:
          break;
      }
    }
  };
  if (!body) throw new UnreadableFileError('Word document: no body', 'Word-dokumentet har ingen tekst');
  walk(body);
  if (blocks.length === 0) notes.push('the Word document has no text (a scanned image?)');
  return { format: 'docx', lines: out.lines, blocks, notes };
}

interface RunMarks {
  readonly struck: boolean;
  readonly inserted: boolean;
}

const isOn = (el: Element | undefined, W: string): boolean => {
  if (!el) return false;
  const v = attr(el, W, 'val');
  return v === undefined || !['false', '0', 'off', 'none'].includes(v);
};

/** The text runs of a paragraph with their marks, through hyperlinks, fields and tracked changes. */
function runs(el: Element, W: string, marks: RunMarks, styles: ReadonlyMap<string, StyleInfo>): Span[] {
  const out: Span[] = [];
  for (const child of childElements(el)) {
    if (child.namespaceURI !== W) continue;
    switch (child.localName) {
      case 'r': {
        const rPr = firstChild(child, W, 'rPr');
        const rStyle = attr(firstChild(rPr, W, 'rStyle'), W, 'val');
        const struck =
          marks.struck ||
          isOn(firstChild(rPr, W, 'strike'), W) ||
          isOn(firstChild(rPr, W, 'dstrike'), W) ||
          (rStyle !== undefined && styles.get(rStyle)?.strike === true);
        for (const part of childElements(child)) {
          if (part.namespaceURI !== W) continue;
          const text =
            part.localName === 't' || part.localName === 'delText'
              ? (part.textContent ?? '')
              : part.localName === 'tab'
                ? '\t'
                : part.localName === 'br' || part.localName === 'cr'
                  ? '\n'
                  : part.localName === 'noBreakHyphen'
                    ? '-'
                    : '';
          if (text !== '')
            out.push({ text, ...(struck ? { struck } : {}), ...(marks.inserted ? { inserted: true } : {}) });
        }
        break;
      }
      case 'del':
      case 'moveFrom':
        out.push(...runs(child, W, { ...marks, struck: true }, styles));
        break;
      case 'ins':
      case 'moveTo':
        out.push(...runs(child, W, { ...marks, inserted: true }, styles));
        break;
      case 'hyperlink':
      case 'smartTag':
      case 'customXml':
      case 'fldSimple':
      case 'sdt':
      case 'sdtContent':
        out.push(...runs(child, W, marks, styles));
        break;
      default:
        break;
    }
  }
  return out;
}

function readStyles(xml: string | undefined, W: string): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  if (xml === undefined) return styles;
  const root = parseXml(xml, 'Word styles');
  for (const s of childElements(root, W, 'style')) {
    const id = attr(s, W, 'styleId');
    if (id === undefined) continue;
    const pPr = firstChild(s, W, 'pPr');
    const rPr = firstChild(s, W, 'rPr');
    const numPr = firstChild(pPr, W, 'numPr');
    const outline = attr(firstChild(pPr, W, 'outlineLvl'), W, 'val');
    const numId = attr(firstChild(numPr, W, 'numId'), W, 'val');
    const ilvl = attr(firstChild(numPr, W, 'ilvl'), W, 'val');
    const basedOn = attr(firstChild(s, W, 'basedOn'), W, 'val');
    styles.set(id, {
      name: attr(firstChild(s, W, 'name'), W, 'val') ?? id,
      ...(basedOn !== undefined ? { basedOn } : {}),
      ...(outline !== undefined ? { outlineLevel: Number(outline) } : {}),
      ...(numId !== undefined ? { numId } : {}),
      ...(ilvl !== undefined ? { ilvl: Number(ilvl) } : {}),
      ...(isOn(firstChild(rPr, W, 'strike'), W) || isOn(firstChild(rPr, W, 'dstrike'), W)
        ? { strike: true }
        : {}),
    });
  }
  return styles;
}

const NUMBER_FORMATS: Readonly<Record<string, NumberFormat>> = {
  decimal: 'decimal',
  decimalZero: 'decimal',
  lowerLetter: 'lowerLetter',
  upperLetter: 'upperLetter',
  lowerRoman: 'lowerRoman',
  upperRoman: 'upperRoman',
  bullet: 'bullet',
  none: 'none',
};

/** numId -> its levels (0-based ilvl -> format), through the abstract numbering and its overrides. */
function readNumbering(xml: string | undefined, W: string): Map<string, Map<number, LevelFormat>> {
  const result = new Map<string, Map<number, LevelFormat>>();
  if (xml === undefined) return result;
  const root = parseXml(xml, 'Word numbering');
  const abstract = new Map<string, Map<number, LevelFormat>>();
  for (const a of childElements(root, W, 'abstractNum')) {
    const levels = new Map<number, LevelFormat>();
    for (const lvl of childElements(a, W, 'lvl'))
      levels.set(Number(attr(lvl, W, 'ilvl') ?? 0), levelFormat(lvl, W));
    abstract.set(attr(a, W, 'abstractNumId') ?? '', levels);
  }
  for (const num of childElements(root, W, 'num')) {
    const base = abstract.get(attr(firstChild(num, W, 'abstractNumId'), W, 'val') ?? '');
    if (!base) continue;
    const levels = new Map(base);
    for (const o of childElements(num, W, 'lvlOverride')) {
      const ilvl = Number(attr(o, W, 'ilvl') ?? 0);
      const lvl = firstChild(o, W, 'lvl');
      const start = attr(firstChild(o, W, 'startOverride'), W, 'val');
      const current = lvl ? levelFormat(lvl, W) : levels.get(ilvl);
      if (current) levels.set(ilvl, start !== undefined ? { ...current, start: Number(start) } : current);
    }
    result.set(attr(num, W, 'numId') ?? '', levels);
  }
  return result;
}

function levelFormat(lvl: Element, W: string): LevelFormat {
  return {
    format: NUMBER_FORMATS[attr(firstChild(lvl, W, 'numFmt'), W, 'val') ?? 'decimal'] ?? 'decimal',
    pattern: attr(firstChild(lvl, W, 'lvlText'), W, 'val') ?? '',
    start: Number(attr(firstChild(lvl, W, 'start'), W, 'val') ?? 1),
  };
}
