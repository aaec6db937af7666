import { readDocumentFile } from '@app/document-readers';
import { readFileSync } from 'node:fs';
import { importPlanFile } from '../../import-plan-text.js';
import { type ImportResult } from '../../types.js';

/** The test documents written for the general reader (see make-fixtures.mjs). Test helper, not built. */
export const DOCUMENTS = {
  wordWithHeadingStyles: 'grunerlokka-sv-arsplan-2026.docx',
  pdfWithLineNumbers: 'tromso-rodt-handlingsplan-2025-2027.pdf',
  odtWithTables: 'bergen-mdg-arbeidsplan-2026.odt',
  nynorskWithAnsvarLines: 'voss-sp-handlingsplan-2026-2027.txt',
  swedishMarkdown: 'malmo-v-verksamhetsplan-2026.md',
  numberedMeasures: 'nordre-aker-sv-arbeidsplan-2026.txt',
  wordWithChapterWords: 'trondelag-rodt-handlingsplan-2025-2027.docx',
  wordWithMergedGoalCells: 'lillehammer-venstre-handlingsplan-2026-2028.docx',
  pdfWithMeasureCards: 'asker-ap-arbeidsprogram-2026.pdf',
  markdownWithMeasureHeadings: 'hamar-sv-arbeidsplan-2027.md',
  markdownWithAnsvarSubItems: 'ringerike-mdg-handlingsplan-2027-2028.md',
  pdfWithAnsvarSubItems: 'ringerike-mdg-handlingsplan-2027-2028.pdf',
} as const;

export function documentBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./${file}`, import.meta.url)));
}

export async function importDocument(file: string): Promise<ImportResult & { lines: readonly string[] }> {
  const read = await readDocumentFile(documentBytes(file), file);
  const result = importPlanFile(read, { sourceName: file });
  return { ...result, lines: 'text' in read ? read.text.split('\n') : read.lines };
}
