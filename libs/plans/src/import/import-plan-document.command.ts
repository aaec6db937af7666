import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PlanCommand } from '@app/domain';
import type { PlanDocument } from '@app/plan-document';
import { TimeSlices } from '@app/off-thread';
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { CommandEnvelope, CommandOutcome } from '../command-envelope.js';
import { PlanCommandRunner } from '../plan-command-runner.js';
import { documentCommands } from './document-commands.js';

const IMPORT_NAMESPACE = '0c6e3f2a-51d4-4a8e-b0a7-6f2d9c1e8b34';

/**
 * The command id of importing this document: the same document always gets the same id, so
 * importing it again is a retry that appends nothing; a different document with the same plan
 * id is refused because the plan exists.
 */
export function importCommandId(doc: PlanDocument): string {
  const digest = createHash('sha256').update(JSON.stringify(doc)).digest('hex');
  return uuidv5(`import:${doc.plan.id}:${digest}`, IMPORT_NAMESPACE);
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
  ) {
    super();
  }
}

@CommandHandler(ImportPlanDocumentCommand)
export class ImportPlanDocumentHandler implements ICommandHandler<ImportPlanDocumentCommand, ImportOutcome> {
  constructor(private readonly runner: PlanCommandRunner) {}

  async execute({ document, envelope }: ImportPlanDocumentCommand): Promise<ImportOutcome> {
    const commandId = envelope.commandId ?? importCommandId(document);
    const full: CommandEnvelope = {
      ...envelope,
      commandId,
      // A plan adopted in 2020 and imported today took effect in 2020.
      effectiveAt: envelope.effectiveAt ?? document.plan.adopted?.date ?? envelope.now.slice(0, 10),
      cause: envelope.cause ?? { kind: 'import' },
    };
    const commands: PlanCommand[] = [];
    const slices = new TimeSlices();
    for (const command of documentCommands(document, commandId)) {
      commands.push({ ...command, now: envelope.now } as PlanCommand);
      if (slices.due()) await slices.pause();
    }
    const outcome = await this.runner.runSequence(document.plan.id, full, commands);
    return {
      ...outcome,
      planId: document.plan.id,
      events: outcome.appended ? Number(outcome.revision) + 1 : 0,
    };
  }
}
