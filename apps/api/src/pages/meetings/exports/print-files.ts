import type { PrintDocument } from './print-document.js';

/*
 * The meeting's papers and protocol as files, their libraries loaded when a file is first asked
 * for: pdfkit and docx add some 50 MiB to every api process, most of which never writes one.
 */

export async function renderPdf(doc: PrintDocument): Promise<Buffer> {
  return (await import('./render-pdf.js')).renderPdf(doc);
}

export async function renderDocx(doc: PrintDocument): Promise<Buffer> {
  return (await import('./render-docx.js')).renderDocx(doc);
}
