import PDFDocument from 'pdfkit';
import type { PrintDocument, PrintRun } from './print-document.js';

const MARGIN = { top: 56, bottom: 56, left: 78, right: 56 };
const HEADING_SIZE = { 1: 18, 2: 14, 3: 12, 4: 11 } as const;
const INDENT = 16;

/**
 * Characters PDF's standard fonts can draw (WinAnsi: Latin-1 and the typographic marks Norwegian
 * text uses, – — « » “ ” ‘ ’ …); anything else becomes "?", so no character is drawn as garbage.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function drawable(value: string): string {
  return [...value]
    .map((c) => {
      const code = c.codePointAt(0)!;
      if (c === '\t') return ' ';
      if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c)) return c;
      if (c === '\u2212') return '-';
      return '?';
    })
    .join('');
}

function font(run: PrintRun): string {
  if (run.bold && run.italic) return 'Helvetica-BoldOblique';
  if (run.bold) return 'Helvetica-Bold';
  if (run.italic) return 'Helvetica-Oblique';
  return 'Helvetica';
}

function colour(run: PrintRun): string {
  if (run.change === 'delete') return '#8b0000';
  if (run.change === 'insert') return '#0b5d1e';
  return '#1a1a1a';
}

/**
 * The document as an A4 PDF, made by pdfkit with its built-in fonts: no browser, no font files,
 * so it works in any image the api runs in. Struck words are struck through in red, inserted
 * words underlined in green; a line number stands in the left margin.
 */
export function renderPdf(doc: PrintDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    info: { Title: drawable(doc.title), Creator: 'Planverk' },
    lang: 'nb-NO',
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - MARGIN.left - MARGIN.right;
  for (const block of doc.blocks) {
    if (block.kind === 'heading') {
      pdf.moveDown(block.level === 1 ? 0 : 0.6);
      pdf
        .font('Helvetica-Bold')
        .fontSize(HEADING_SIZE[block.level])
        .fillColor('#1a1a1a')
        .text(drawable(block.text), MARGIN.left, pdf.y, { width, paragraphGap: 4 });
      continue;
    }
    const runs = block.runs.filter((r) => r.text !== '');
    const size = block.note ? 9 : 10.5;
    const x = MARGIN.left + (block.indent ?? 0) * INDENT;
    // Keep a paragraph's first line and its margin number on the same page.
    if (pdf.y + size * 2 > pdf.page.height - MARGIN.bottom) pdf.addPage();
    const y = pdf.y;
    if (block.margin) {
      pdf
        .font('Helvetica')
        .fontSize(8)
        .fillColor('#6b6b6b')
        .text(drawable(block.margin), MARGIN.left - 46, y + 1.5, {
          width: 36,
          align: 'right',
          lineBreak: false,
        });
    }
    if (runs.length === 0) {
      pdf.fontSize(size).text(' ', x, y, { width: width - (x - MARGIN.left) });
      continue;
    }
    runs.forEach((run, i) => {
      const options = {
        continued: i < runs.length - 1,
        strike: run.change === 'delete',
        underline: run.change === 'insert',
        lineGap: 1.5,
        paragraphGap: block.note ? 2 : 3,
      };
      pdf
        .font(font(run))
        .fontSize(size)
        .fillColor(block.note && !run.change ? '#4a4a4a' : colour(run));
      if (i === 0) pdf.text(drawable(run.text), x, y, { ...options, width: width - (x - MARGIN.left) });
      else pdf.text(drawable(run.text), options);
    });
  }
  // Page numbers: "side 2 av 7" at the foot of every page.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    pdf
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#6b6b6b')
      .text(`${drawable(doc.title)} – side ${i + 1} av ${range.count}`, MARGIN.left, pdf.page.height - 40, {
        width,
        align: 'center',
        lineBreak: false,
      });
  }
  pdf.end();
  return finished;
}
