import { type Block, type SourceDocument, leadingMarker } from '@app/document-readers';
import { labelled } from '../vocabulary.js';

/**
 * Plain text as blocks, for the general reader: paragraphs are runs of lines without a blank
 * line; a line with a bullet or a number starts a list item (its level from its indentation);
 * a "Label: ..." line ("Ansvar: styret") stands alone; "# Title" is a heading; lines whose
 * cells are separated by tabs or " | " are table rows. The lines are the text's own.
 */
export function textBlocks(text: string): SourceDocument {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let current:
    | {
        kind: 'paragraph' | 'item';
        level: number;
        marker?: string;
        parts: string[];
        from: number;
        to: number;
      }
    | undefined;
  let table: { rows: { cells: string[]; line: number }[] } | undefined;

  const flush = (): void => {
    if (current) {
      const { kind, level, marker, parts, from, to } = current;
      const spans = [{ text: parts.join('\n') }];
      blocks.push(
        kind === 'item'
          ? { kind, level, ...(marker ? { marker } : {}), spans, lines: { from, to } }
          : { kind, spans, lines: { from, to } },
      );
      current = undefined;
    }
    if (table) {
      blocks.push({
        kind: 'table',
        rows: table.rows.map((r) => ({
          cells: r.cells.map((c) => ({ spans: [{ text: c }] })),
          lines: { from: r.line, to: r.line },
        })),
        lines: { from: table.rows[0]!.line, to: table.rows[table.rows.length - 1]!.line },
      });
      table = undefined;
    }
  };

  lines.forEach((raw, i) => {
    const no = i + 1;
    const t = raw.replace(/\u00a0/g, ' ').trim();
    if (t === '') return flush();
    const cells = tableCells(raw);
    if (cells) {
      if (current) flush();
      if (/^\|?[\s:|-]+\|?$/.test(t)) return; // a Markdown table's rule line
      table ??= { rows: [] };
      table.rows.push({ cells, line: no });
      return;
    }
    if (table) flush();
    const heading = /^(#{1,6})\s+(.+)$/.exec(t);
    if (heading) {
      flush();
      blocks.push({
        kind: 'heading',
        level: heading[1]!.length,
        spans: [{ text: heading[2]!.trim() }],
        lines: { from: no, to: no },
      });
      return;
    }
    const marker = leadingMarker(t);
    if (marker) {
      flush();
      const indent = /^\s*/.exec(raw.replace(/\t/g, '    '))![0].length;
      current = {
        kind: 'item',
        level: 1 + Math.floor(indent / 2),
        marker: marker.marker,
        parts: [marker.rest],
        from: no,
        to: no,
      };
      return;
    }
    if (labelled(t)) {
      // "Ansvar: styret" under an item continues it; elsewhere it stands alone.
      if (current?.kind === 'item' && /^\s/.test(raw)) {
        current.parts.push(t);
        current.to = no;
        return;
      }
      flush();
      current = { kind: 'paragraph', level: 0, parts: [t], from: no, to: no };
      if (/:\s*$/.test(t)) flush();
      return;
    }
    if (
      current &&
      !(current.kind === 'paragraph' && current.parts.length === 1 && labelled(current.parts[0]!))
    ) {
      current.parts.push(t);
      current.to = no;
      return;
    }
    flush();
    current = { kind: 'paragraph', level: 0, parts: [t], from: no, to: no };
  });
  flush();
  return { format: 'text', lines, blocks, notes: [] };
}

/** "Tiltak<TAB>Frist<TAB>Ansvar" or "| Tiltak | Frist |": the cells, or undefined for a line of prose. */
function tableCells(raw: string): string[] | undefined {
  const t = raw.trim();
  if (/^\|.*\|$/.test(t))
    return t
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
  if (t.includes(' | ')) return t.split(' | ').map((c) => c.trim());
  const tabbed = t.split(/\t+/).map((c) => c.trim());
  if (tabbed.length >= 2 && tabbed.every((c) => c !== '') && !/^\d+$/.test(tabbed[tabbed.length - 1]!))
    return tabbed;
  return undefined;
}
