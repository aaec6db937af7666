import { readDocx } from './docx-reader.js';
import { readMarkdown } from './markdown-reader.js';
import { readOdt } from './odt-reader.js';
import { isPdf, readPdf } from './pdf-reader.js';
import { type SourceDocument } from './source-document.js';
import { UnreadableFileError } from './unreadable-file.js';

/** Plain text, read line by line by the plan reader itself (the seed documents are such text). */
export interface PlainText {
  readonly format: 'text';
  readonly text: string;
}

export type ReadFile = PlainText | SourceDocument;

export const DOCUMENT_EXTENSIONS = ['.docx', '.odt', '.pdf', '.md', '.markdown', '.txt'] as const;

/**
 * Reads a file as it came (bytes and its name): the format from its first bytes, the name
 * only telling Markdown from plain text. Pure: the same bytes give the same result.
 */
export async function readDocumentFile(bytes: Uint8Array, name = ''): Promise<ReadFile> {
  const lower = name.toLowerCase();
  if (isPdf(bytes)) return readPdf(bytes);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
    if (head.includes('application/vnd.oasis.opendocument.text') || lower.endsWith('.odt'))
      return readOdt(bytes);
    if (head.includes('application/vnd.oasis.opendocument')) {
      throw new UnreadableFileError(
        `${name || 'file'}: an OpenDocument spreadsheet or presentation, not a text document`,
        `${name || 'Filen'} er et regneark eller en presentasjon, ikke et tekstdokument: lagre planen som .odt, .docx eller .pdf`,
      );
    }
    return readDocx(bytes);
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new UnreadableFileError(
      `${name || 'file'}: an old Word (.doc) file; save it as .docx and import that`,
      `${name || 'Filen'} er en gammel Word-fil (.doc): lagre den som .docx i Word eller LibreOffice og last opp den`,
    );
  }
  const text = decodeText(bytes);
  if (text.startsWith('{\\rtf')) {
    throw new UnreadableFileError(
      `${name || 'file'}: an RTF file; save it as .docx and import that`,
      `${name || 'Filen'} er en RTF-fil: lagre den som .docx og last opp den`,
    );
  }
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return readMarkdown(text);
  return { format: 'text', text };
}

/** UTF-8 (with or without its byte order mark), or Windows-1252 where the bytes are not UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}
