import { offThreadTask, type TransportedError } from '@app/off-thread';
import {
  parsePlanDocument,
  PlanDocumentError,
  type DocumentIssue,
  type PlanDocument,
} from '@app/plan-document';
import { importPlanText, UnreadableDocumentError, type ImportReport } from '@app/text-import';

// This module runs on a worker thread (READ_PLAN_CONTENT): it imports only the readers.

export type ImportFormat = 'auto' | 'document' | 'text';

/** What to read: the content and how to take it. */
export interface PlanContentRequest {
  /** A plan document (YAML or JSON), or the text of a plan as extracted from its PDF/DOCX. */
  readonly content: string;
  readonly format?: ImportFormat;
  /** The plan's id; without it, the document's own or one derived from organisation and period. */
  readonly id?: string;
  /** The organisation, where the text does not name it. */
  readonly org?: string;
  readonly sourceName?: string;
}

/** A plan read from its content, not yet imported. */
export interface PlanContent {
  readonly format: 'document' | 'text';
  readonly document: PlanDocument;
  /** What the text importer found and could not place (text imports only). */
  readonly report?: ImportReport;
}

/** Reads a plan document or a plan's text into a plan document; nothing is written. */
export function readPlanContent(request: PlanContentRequest): PlanContent {
  const format = request.format && request.format !== 'auto' ? request.format : detectFormat(request.content);
  if (format === 'text') {
    const { document, report } = importPlanText(request.content, {
      ...(request.id ? { id: request.id } : {}),
      ...(request.org ? { org: request.org } : {}),
      ...(request.sourceName ? { sourceName: request.sourceName } : {}),
    });
    return { format, document, report };
  }
  const document = parsePlanDocument(request.content);
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

function revive(error: TransportedError): Error | undefined {
  if (error.name === 'PlanDocumentError') {
    return new PlanDocumentError(error.data.issues as readonly DocumentIssue[], error.data.total as number);
  }
  if (error.name === 'UnreadableDocumentError') return new UnreadableDocumentError(error.message);
  return undefined;
}

/** readPlanContent on a worker thread (a 2 MB document takes seconds to parse). */
export const READ_PLAN_CONTENT = offThreadTask<PlanContentRequest, PlanContent>(
  import.meta.url,
  'readPlanContent',
  { revive },
);
