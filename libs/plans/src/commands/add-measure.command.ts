import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandOutcome } from '../command-envelope.js';
import { deriveEntityId } from '../derived-ids.js';
import { PlanCommandRunner } from '../plan-command-runner.js';

export interface AddMeasureInput {
  readonly planId: string;
  readonly sectionId: string;
  readonly label?: string;
  readonly text: string;
  readonly timing?: string;
  readonly responsible?: readonly string[];
}

export class AddMeasureCommand extends Command<CommandOutcome & { measureId: string }> {
  constructor(
    readonly input: AddMeasureInput,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(AddMeasureCommand)
export class AddMeasureHandler implements ICommandHandler<
  AddMeasureCommand,
  CommandOutcome & { measureId: string }
> {
  constructor(private readonly runner: PlanCommandRunner) {}

  async execute({ input, envelope }: AddMeasureCommand): Promise<CommandOutcome & { measureId: string }> {
    const measureId = deriveEntityId(envelope.commandId, 'measure');
    const { planId, ...measure } = input;
    const outcome = await this.runner.run(planId, envelope, {
      type: 'AddMeasure',
      now: envelope.now,
      measureId,
      ...measure,
    });
    return { ...outcome, measureId };
  }
}
