import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandOutcome } from '../command-envelope.js';
import { deriveEntityId } from '../derived-ids.js';
import { PlanCommandRunner } from '../plan-command-runner.js';

export interface AddSectionInput {
  readonly planId: string;
  readonly number: string;
  readonly title: string;
  readonly parentSectionId?: string;
}

export class AddSectionCommand extends Command<CommandOutcome & { sectionId: string }> {
  constructor(
    readonly input: AddSectionInput,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(AddSectionCommand)
export class AddSectionHandler implements ICommandHandler<
  AddSectionCommand,
  CommandOutcome & { sectionId: string }
> {
  constructor(private readonly runner: PlanCommandRunner) {}

  async execute({ input, envelope }: AddSectionCommand): Promise<CommandOutcome & { sectionId: string }> {
    const sectionId = deriveEntityId(envelope.commandId, 'section');
    const { planId, ...section } = input;
    const outcome = await this.runner.run(planId, envelope, {
      type: 'AddSection',
      now: envelope.now,
      sectionId,
      ...section,
    });
    return { ...outcome, sectionId };
  }
}
