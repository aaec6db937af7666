import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { parsePlanDocument, PlanDocumentError, type PlanDocument } from '@app/plan-document';
import { ImportPlanDocumentCommand, type ImportOutcome } from '@app/plans';
import { importPlanText, type ImportReport } from '@app/text-import';
import { parse as parseYaml } from 'yaml';

export type ImportFormat = 'auto' | 'document' | 'text';

export interface ImportRequest {
  /** A plan document (YAML or JSON), or the text of a plan as extracted from its PDF/DOCX. */
  readonly content: string;
  readonly format?: ImportFormat;
  /** The plan's id; without it, the document's own or one derived from organisation and period. */
  readonly id?: string;
  /** The organisation, where the text does not name it. */
  readonly org?: string;
  readonly sourceName?: string;
  /** Show the plan document and the report without writing anything. */
  readonly dryRun?: boolean;
  /** The date the plan took effect, where the document does not say when it was adopted. */
  readonly effectiveAt?: string;
  readonly actor: string;
  readonly now?: string;
}

export interface ImportResult {
  readonly planId: string;
  readonly format: 'document' | 'text';
  readonly dryRun: boolean;
  readonly document: PlanDocument;
  /** What the text importer found and could not place (text imports only). */
  readonly report?: ImportReport;
  readonly outcome?: ImportOutcome;
}

/**
 * Imports a plan from a plan document or from a plan's text, through the plan's own commands,
 * as one append: a document with any problem writes nothing.
 */
@Injectable()
export class PlanImports {
  constructor(private readonly commandBus: CommandBus) {}

  async importContent(request: ImportRequest): Promise<ImportResult> {
    const format =
      request.format && request.format !== 'auto' ? request.format : detectFormat(request.content);
    let document: PlanDocument;
    let report: ImportReport | undefined;
    if (format === 'document') {
      document = parsePlanDocument(request.content);
      if (request.id || request.org) {
        document = {
          ...document,
          plan: {
            ...document.plan,
            ...(request.id ? { id: request.id } : {}),
            ...(request.org ? { org: request.org } : {}),
          },
        };
      }
    } else {
      const result = importPlanText(request.content, {
        ...(request.id ? { id: request.id } : {}),
        ...(request.org ? { org: request.org } : {}),
        ...(request.sourceName ? { sourceName: request.sourceName } : {}),
      });
      document = result.document;
      report = result.report;
    }
    if (request.dryRun)
      return { planId: document.plan.id, format, dryRun: true, document, ...(report ? { report } : {}) };
    const now = request.now ?? new Date().toISOString();
    const outcome = await this.commandBus.execute(
      new ImportPlanDocumentCommand(document, {
        actor: request.actor,
        now,
        cause: { kind: 'import', ...(request.sourceName ? { reference: request.sourceName } : {}) },
        ...(request.effectiveAt && !document.plan.adopted ? { effectiveAt: request.effectiveAt } : {}),
      }),
    );
    return {
      planId: document.plan.id,
      format,
      dryRun: false,
      document,
      ...(report ? { report } : {}),
      outcome,
    };
  }
}

/** A YAML or JSON mapping with a `plan` key is a plan document; anything else is plan text. */
export function detectFormat(content: string): 'document' | 'text' {
  try {
    const value = parseYaml(content, { logLevel: 'silent' }) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'plan' in value)
      return 'document';
  } catch {
    // Not YAML: plan text, which is full of colons and dashes that YAML rejects.
  }
  return 'text';
}

export { PlanDocumentError };
