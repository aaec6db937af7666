import { Document, HeadingLevel, Packer, Paragraph, TabStopType, TextRun } from 'docx';
import type { PrintDocument, PrintRun } from './print-document.js';

const HEADING = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const;

/** Twips: a line number's column, and one step of indentation. */
const MARGIN_COLUMN = 680;
const INDENT_STEP = 360;

function run(r: PrintRun, note: boolean): TextRun {
  return new TextRun({
    text: r.text,
    bold: r.bold ?? false,
    italics: r.italic ?? false,
    ...(note ? { size: 18 } : {}),
    ...(r.change === 'delete' ? { strike: true, color: '8B0000' } : {}),
    ...(r.change === 'insert' ? { underline: {}, color: '0B5D1E' } : {}),
    ...(note && !r.change ? { color: '4A4A4A' } : {}),
  });
}

/**
 * The document as a Word file (docx): real headings (so Word's navigation and table of contents
 * work), struck words struck through, inserted words underlined, and a line number before each
 * numbered line in a column of its own.
 */
export async function renderDocx(doc: PrintDocument): Promise<Buffer> {
  const numbered = doc.blocks.some((b) => b.kind === 'paragraph' && b.margin !== undefined);
  const paragraphs = doc.blocks.map((block) => {
    if (block.kind === 'heading')
      return new Paragraph({
        heading: HEADING[block.level],
        text: block.text,
        spacing: { before: block.level === 1 ? 0 : 240, after: 80 },
        keepNext: true,
      });
    const left = (numbered ? MARGIN_COLUMN : 0) + (block.indent ?? 0) * INDENT_STEP;
    const children = block.runs.map((r) => run(r, block.note ?? false));
    if (numbered) {
      children.unshift(
        new TextRun({ text: block.margin ?? '', size: 16, color: '6B6B6B' }),
        new TextRun({ text: '\t' }),
      );
    }
    return new Paragraph({
      children,
      spacing: { after: numbered ? 0 : 60 },
      ...(numbered
        ? { indent: { left, hanging: left }, tabStops: [{ type: TabStopType.LEFT, position: left }] }
        : {}),
      ...(block.indent && !numbered ? { indent: { left } } : {}),
    });
  });
  const document = new Document({
    creator: 'Planverk',
    title: doc.title,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children: paragraphs }],
  });
  return Packer.toBuffer(document);
}
