import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventStore } from '@app/event-store';
import { OffThread } from '@app/off-thread';
import { PlanDocumentError, type PlanDocument } from '@app/plan-document';
import {
  ImportPlanDocumentCommand,
  PlanCommandRunner,
  importCommandId,
  planStreamId,
  type DocumentRevision,
  type ImportOutcome,
} from '@app/plans';
import type { ImportCorrection, ImportReport } from '@app/text-import';
import {
  READ_PLAN_CONTENT,
  withCorrections,
  type PlanContent,
  type PlanContentRequest,
} from './read-plan-content.js';
import { registerOrganisation } from './register-organisation.js';

export {
  detectFormat,
  type ImportFormat,
  type PlanContent,
  type PlanContentRequest,
} from './read-plan-content.js';

export interface ImportRequest extends PlanContentRequest {
  /** Show the plan document and the report without writing anything. */
  readonly dryRun?: boolean;
  /** The date the plan took effect, where the document does not say when it was adopted. */
  readonly effectiveAt?: string;
  readonly actor: string;
  readonly now?: string;
}

/** Who imports a plan read before, and how it is recorded. */
export interface ImportEnvelope {
  readonly actor: string;
  /** The import's id, if the caller worked it out already (importCommandId of the document). */
  readonly commandId?: string;
  readonly now?: string;
  readonly sourceName?: string;
  /** The date the plan took effect, where the document does not say when it was adopted. */
  readonly effectiveAt?: string;
}

export interface ImportResult {
  readonly planId: string;
  readonly format: 'document' | 'text';
  readonly dryRun: boolean;
  readonly document: PlanDocument;
  /** What the text importer found and could not place (text imports only). */
  readonly report?: ImportReport;
  /** The source's lines as the report numbers them (text imports only): the review shows them beside what was found. */
  readonly sourceLines?: readonly string[];
  /** The corrections applied: given, or kept from an earlier import of the same file. */
  readonly corrections?: readonly ImportCorrection[];
  readonly outcome?: ImportOutcome;
}

/**
 * Imports a plan from a plan document or from a plan's text, through the plan's own commands,
 * as one append: a document with any problem writes nothing. Reading the content (parsing a
 * document of up to 2 MB, reading a plan's text) runs on a worker thread, so the event loop
 * stays free meanwhile; read once, a document is imported from what was read.
 */
@Injectable()
export class PlanImports {
  constructor(
    readonly commandBus: CommandBus,
    private readonly offThread: OffThread,
    private readonly store: EventStore,
    readonly runner: PlanCommandRunner,
  ) {}

  /**
   * The corrections a plan editor made when this file was imported as this plan (kept with the
   * import's first event), or undefined when the plan was not imported from this file.
   */
  async storedCorrections(planId: string, digest: string): Promise<readonly ImportCorrection[] | undefined> {
    const [first] = await this.store.readStream(planStreamId(planId), { maxCount: 1 });
    const source = first?.metadata.cause?.source;
    return source?.digest === digest ? (source.corrections as ImportCorrection[]) : undefined;
  }

  /**
   * Reads what was sent and applies the corrections given, or, without any, those kept from an
   * earlier import of the same file as the same plan: importing it again gives the same plan.
   */
  async readCorrected(request: PlanContentRequest): Promise<PlanContent & { readonly reused?: boolean }> {
    const read = await this.read(request);
    if (request.corrections !== undefined || !read.sourceDigest || read.format !== 'text') return read;
    const stored = await this.storedCorrections(read.document.plan.id, read.sourceDigest);
    if (!stored || stored.length === 0) return read;
    return { ...withCorrections(read, stored), reused: true };
  }

  /** Reads the content into a plan document, off the main thread; nothing is written. */
  read(request: PlanContentRequest): Promise<PlanContent> {
    return this.offThread.run(READ_PLAN_CONTENT, {
      ...(request.bytes ? { bytes: request.bytes } : { content: request.content ?? '' }),
      ...(request.format ? { format: request.format } : {}),
      ...(request.id ? { id: request.id } : {}),
      ...(request.org ? { org: request.org } : {}),
      ...(request.sourceName ? { sourceName: request.sourceName } : {}),
      ...(request.corrections?.length ? { corrections: request.corrections } : {}),
    });
  }

  /** Imports a plan read by `read`: one append (nothing, when the same document was imported before). */
  async importRead(read: PlanContent, envelope: ImportEnvelope): Promise<ImportResult> {
    const { document } = read;
    const now = envelope.now ?? new Date().toISOString();
    const revision = documentRevision(read, envelope.effectiveAt, now);
    const outcome = await this.commandBus.execute(
      new ImportPlanDocumentCommand(
        document,
        {
          commandId: envelope.commandId ?? importCommandId(document, revision),
          actor: envelope.actor,
          now,
          // Named by the document's title, which people know it by, not by the file it came in;
          // a file's corrections are kept with it (storedCorrections).
          cause: {
            kind: 'import',
            reference: document.plan.title,
            ...(read.sourceDigest
              ? { source: { digest: read.sourceDigest, corrections: read.corrections ?? [] } }
              : {}),
          },
          ...(envelope.effectiveAt && !document.plan.adopted ? { effectiveAt: envelope.effectiveAt } : {}),
        },
        revision,
      ),
    );
    // The plan's organisation, when it is not registered yet (a party's first plan), once the plan
    // is in: it gets its page, and a refused import registers nothing.
    await registerOrganisation(
      this,
      document.plan.org,
      { actor: envelope.actor, now },
      document.plan.orgName,
    );
    return { ...asResult(read, false), outcome };
  }

  /** The id an import of what was read gets (the same content always the same id). */
  commandIdOf(read: PlanContent): string {
    return importCommandId(read.document, read.revision);
  }

  /** Reads and (unless a dry run) imports. */
  async importContent(request: ImportRequest): Promise<ImportResult> {
    const read = await this.readCorrected(request);
    if (request.dryRun) return asResult(read, true);
    return this.importRead(read, {
      actor: request.actor,
      ...(request.now ? { now: request.now } : {}),
      ...(request.sourceName ? { sourceName: request.sourceName } : {}),
      ...(request.effectiveAt ? { effectiveAt: request.effectiveAt } : {}),
    });
  }
}

/**
 * How a document that marks its revision is imported: the text before it adopted first, by the
 * body the text names (else the annual meeting), on the date the plan took effect (else the
 * first day of its period); then the revision, adopted on the date the document states (else
 * the first day of its edition's year, else the day of the import).
 */
export function documentRevision(
  read: PlanContent,
  effectiveAt: string | undefined,
  now: string,
): DocumentRevision | undefined {
  if (!read.revision) return undefined;
  const { document } = read;
  const body = document.plan.adopted?.body ?? read.revision.body ?? 'ÅM';
  const editionYear = /^\d{4}$/.test(document.plan.edition ?? '') ? document.plan.edition : undefined;
  return {
    earlier: read.revision.earlier,
    struckReasons: read.revision.struckReasons,
    firstAdoption: { body, date: effectiveAt ?? `${document.plan.period.from}-01-01` },
    adoption: document.plan.adopted ?? {
      body,
      date: editionYear ? `${editionYear}-01-01` : now.slice(0, 10),
    },
  };
}

function asResult(read: PlanContent, dryRun: boolean): ImportResult {
  return {
    planId: read.document.plan.id,
    format: read.format,
    dryRun,
    document: read.document,
    ...(read.report ? { report: read.report } : {}),
    ...(read.sourceLines ? { sourceLines: read.sourceLines } : {}),
    ...(read.corrections ? { corrections: read.corrections } : {}),
  };
}

export { PlanDocumentError };
