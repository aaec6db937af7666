import { offThreadTask, type TransportedError } from '@app/off-thread';
import {
  parsePlanDocument,
  PlanDocumentError,
  type DocumentIssue,
  type PlanDocument,
} from '@app/plan-document';
import { readDocumentFile, UnreadableFileError } from '@app/document-readers';
import { createHash } from 'node:crypto';
import {
  applyCorrections,
  importPlanFile,
  importPlanText,
  UnreadableDocumentError,
  type ImportCorrection,
  type ImportReport,
  type ImportResult as TextImportResult,
  type Refusal,
  type RevisionRead,
} from '@app/text-import';

// This module runs on a worker thread (READ_PLAN_CONTENT): it imports only the readers.

export type ImportFormat = 'auto' | 'document' | 'text';

/** What to read: the content and how to take it. */
export interface PlanContentRequest {
  /** A plan document (YAML or JSON), or the text of a plan as extracted from its PDF/DOCX. */
  readonly content?: string;
  /** A file as it came (Word, ODF, PDF, Markdown, text, or a plan document), its format from its bytes; instead of content. */
  readonly bytes?: Uint8Array;
  readonly format?: ImportFormat;
  /** The plan's id; without it, the document's own or one derived from organisation and period. */
  readonly id?: string;
  /** The organisation, where the text does not name it. */
  readonly org?: string;
  readonly sourceName?: string;
  /** A plan editor's corrections of what the reader found (text and files only). */
  readonly corrections?: readonly ImportCorrection[];
}

/** A plan read from its content, not yet imported. */
export interface PlanContent {
  readonly format: 'document' | 'text';
  readonly document: PlanDocument;
  /** What the text importer found and could not place (text imports only). */
  readonly report?: ImportReport;
  /** The revision the document marks in itself: imported as two revisions (text imports only). */
  readonly revision?: RevisionRead;
  /** The document's lines as the report numbers them, for showing the source beside what was found. */
  readonly sourceLines?: readonly string[];
  /** SHA-256 of the content or file as sent (text and files): what stored corrections are kept for. */
  readonly sourceDigest?: string;
  /** The corrections applied (text and files): kept with the import. */
  readonly corrections?: readonly ImportCorrection[];
}

/** Reads a plan document, a plan's text or a file into a plan document; nothing is written. */
export async function readPlanContent(request: PlanContentRequest): Promise<PlanContent> {
  const options = {
    ...(request.id ? { id: request.id } : {}),
    ...(request.org ? { org: request.org } : {}),
    ...(request.sourceName ? { sourceName: request.sourceName } : {}),
  };
  if (request.bytes) {
    const sourceDigest = digestOf(request.bytes);
    const file = await readDocumentFile(request.bytes, request.sourceName ?? '');
    if ('text' in file) {
      const { bytes: _bytes, ...rest } = request;
      return { ...(await readPlanContent({ ...rest, content: file.text })), sourceDigest };
    }
    const read = { ...fromText(importPlanFile(file, options)), sourceLines: file.lines, sourceDigest };
    return withCorrections(read, request.corrections ?? []);
  }
  const content = request.content ?? '';
  const format = request.format && request.format !== 'auto' ? request.format : detectFormat(content);
  if (format === 'text') {
    const read = {
      ...fromText(importPlanText(content, options)),
      sourceLines: content.replace(/\r\n?/g, '\n').split('\n'),
      sourceDigest: digestOf(new TextEncoder().encode(content)),
    };
    return withCorrections(read, request.corrections ?? []);
  }
  const document = parsePlanDocument(content);
  if (!request.id && !request.org) return { format, document };
  return {
    format,
    document: {
      ...document,
      plan: {
        ...document.plan,
        ...(request.id ? { id: request.id } : {}),
        ...(request.org ? { org: request.org } : {}),
      },
    },
  };
}

/**
 * A plan document is a YAML mapping with a top-level `plan:` key, or a JSON object; anything
 * else is plan text. Told from the text itself, without parsing it (the document is parsed
 * once, as a document): plan texts are prose full of colons and dashes, never a line that starts
 * with `plan:` nor a text that starts with `{`.
 */
export function detectFormat(content: string): 'document' | 'text' {
  return /^\s*\{/.test(content) || /^(?:plan|"plan"|'plan')[ \t]*:/m.test(content) ? 'document' : 'text';
}

/**
 * What was read with a plan editor's corrections applied (see applyCorrections); a plan
 * document is taken as written and never corrected.
 */
export function withCorrections(read: PlanContent, corrections: readonly ImportCorrection[]): PlanContent {
  if (corrections.length === 0 || read.format !== 'text' || !read.report) return read;
  const corrected = applyCorrections(
    { document: read.document, report: read.report, ...(read.revision ? { revision: read.revision } : {}) },
    corrections,
    read.sourceLines ?? [],
  );
  return { ...read, document: corrected.document, report: corrected.report, corrections };
}

function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function fromText({ document, report, revision }: TextImportResult): PlanContent {
  return { format: 'text', document, report, ...(revision ? { revision } : {}) };
}

function revive(error: TransportedError): Error | undefined {
  if (error.name === 'PlanDocumentError') {
    return new PlanDocumentError(error.data.issues as readonly DocumentIssue[], error.data.total as number);
  }
  if (error.name === 'UnreadableDocumentError')
    return new UnreadableDocumentError(error.message, error.data.refusal as Refusal | undefined);
  if (error.name === 'UnreadableFileError')
    return new UnreadableFileError(error.message, String(error.data.norwegian ?? error.message));
  return undefined;
}

/** readPlanContent on a worker thread (a 2 MB document takes seconds to parse). */
export const READ_PLAN_CONTENT = offThreadTask<PlanContentRequest, PlanContent>(
  import.meta.url,
  'readPlanContent',
  { revive },
);
