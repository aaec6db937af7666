import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { MeasureStatus } from '@app/domain';
import type { CommandEnvelope, CommandOutcome } from '../command-envelope.js';
import { PlanCommandRunner } from '../plan-command-runner.js';

export interface ChangeMeasureStatusInput {
  readonly planId: string;
  readonly measureId: string;
  readonly status: MeasureStatus;
  readonly note?: string;
}

export class ChangeMeasureStatusCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: ChangeMeasureStatusInput,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(ChangeMeasureStatusCommand)
export class ChangeMeasureStatusHandler implements ICommandHandler<
  ChangeMeasureStatusCommand,
  CommandOutcome
> {
  constructor(private readonly runner: PlanCommandRunner) {}

  execute({ input, envelope }: ChangeMeasureStatusCommand): Promise<CommandOutcome> {
    const { planId, ...change } = input;
    return this.runner.run(planId, envelope, { type: 'ChangeMeasureStatus', now: envelope.now, ...change });
  }
}
