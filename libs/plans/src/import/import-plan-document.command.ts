import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PlanCommand } from '@app/domain';
import type { PlanDocument } from '@app/plan-document';
import { TimeSlices } from '@app/off-thread';
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { CommandEnvelope, CommandOutcome } from '../command-envelope.js';
import { PlanCommandRunner } from '../plan-command-runner.js';
import { documentCommands, type PlanChangeOf } from './document-commands.js';
import { revisionCommands, type StruckReason } from './revision-commands.js';

const IMPORT_NAMESPACE = '0c6e3f2a-51d4-4a8e-b0a7-6f2d9c1e8b34';

/**
 * The command id of importing this document: the same document always gets the same id, so
 * importing it again is a retry that appends nothing; a different document with the same plan
 * id is refused because the plan exists.
 */
export function importCommandId(doc: PlanDocument, revision?: Pick<DocumentRevision, 'earlier'>): string {
  // The text before the revision is content too; the dates assumed for its adoptions are not.
  const digest = createHash('sha256')
    .update(JSON.stringify(revision ? [doc, revision.earlier] : doc))
    .digest('hex');
  return uuidv5(`import:${doc.plan.id}:${digest}`, IMPORT_NAMESPACE);
}

/**
 * The revision a document marks in itself (struck text, tracked changes): the plan as it read
 * before, imported and adopted first, then the document's changes as the next revision.
 */
export interface DocumentRevision {
  readonly earlier: PlanDocument;
  readonly struckReasons?: readonly StruckReason[];
  /** How the plan before the revision was adopted: revision 1. */
  readonly firstAdoption: { readonly body: string; readonly date: string };
  /** How the revision was adopted: the next revision, its changes caused by it. */
  readonly adoption: { readonly body: string; readonly date: string };
}

/** How the redline and the history name the revision a document marks: "Revidering 2026". */
export function revisionReference(document: PlanDocument): string {
  return `Revidering ${document.plan.edition ?? ''}`.trim() + ' (endringene merket i dokumentet)';
}

export interface ImportOutcome extends CommandOutcome {
  readonly planId: string;
  readonly events: number;
}

export class ImportPlanDocumentCommand extends Command<ImportOutcome> {
  constructor(
    readonly document: PlanDocument,
    /** Without a commandId of its own, the import's id is derived from the document (see importCommandId). */
    readonly envelope: Omit<CommandEnvelope, 'commandId'> & { commandId?: string },
    /** The revision the document marks: imported as two revisions (see DocumentRevision). */
    readonly revision?: DocumentRevision,
  ) {
    super();
  }
}

@CommandHandler(ImportPlanDocumentCommand)
export class ImportPlanDocumentHandler implements ICommandHandler<ImportPlanDocumentCommand, ImportOutcome> {
  constructor(private readonly runner: PlanCommandRunner) {}

  async execute({ document, envelope, revision }: ImportPlanDocumentCommand): Promise<ImportOutcome> {
    // The document's digest: what the import's command id is bound to, and its id unless it has its own.
    const documentId = importCommandId(document, revision);
    const commandId = envelope.commandId ?? documentId;
    const full: CommandEnvelope = {
      ...envelope,
      commandId,
      // An id derived from the document is the document's, whoever imports it: the same
      // document imported again by someone else is answered as imported already.
      ...(commandId === documentId ? { owner: 'document-import' } : {}),
      // A plan adopted in 2020 and imported today took effect in 2020.
      effectiveAt:
        envelope.effectiveAt ??
        revision?.firstAdoption.date ??
        document.plan.adopted?.date ??
        envelope.now.slice(0, 10),
      cause: envelope.cause ?? { kind: 'import' },
    };
    const timed = async (changes: Iterable<PlanChangeOf>): Promise<PlanCommand[]> => {
      const commands: PlanCommand[] = [];
      const slices = new TimeSlices();
      for (const change of changes) {
        commands.push({ ...change, now: envelope.now } as PlanCommand);
        if (slices.due()) await slices.pause();
      }
      return commands;
    };
    const outcome = revision
      ? await this.runner.runPhases(
          document.plan.id,
          full,
          [
            {
              commands: await timed(
                documentCommands(
                  {
                    ...revision.earlier,
                    plan: { ...revision.earlier.plan, adopted: revision.firstAdoption },
                  },
                  commandId,
                ),
              ),
              effectiveAt: revision.firstAdoption.date,
            },
            {
              commands: await timed([
                ...revisionCommands(revision.earlier, document, commandId, revision.struckReasons),
                {
                  type: 'AdoptPlan',
                  body: revision.adoption.body,
                  date: revision.adoption.date,
                  ...(document.plan.edition ? { edition: document.plan.edition } : {}),
                },
              ]),
              // The changes the document marks are the revision's: its meeting adopted them.
              cause: { kind: 'meeting', reference: revisionReference(document) },
              effectiveAt: revision.adoption.date,
            },
          ],
          documentId,
        )
      : await this.runner.runSequence(
          document.plan.id,
          full,
          await timed(documentCommands(document, commandId)),
          documentId,
        );
    return {
      ...outcome,
      planId: document.plan.id,
      events: outcome.appended ? Number(outcome.revision) + 1 : 0,
    };
  }
}
