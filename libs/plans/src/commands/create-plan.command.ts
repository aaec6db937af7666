import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Body } from '@app/domain';
import type { CommandEnvelope, CommandOutcome } from '../command-envelope.js';
import { PlanCommandRunner } from '../plan-command-runner.js';

export interface CreatePlanInput {
  readonly planId: string;
  readonly organisationId: string;
  readonly title: string;
  readonly period: { readonly from: number; readonly to: number };
  readonly edition?: string;
  readonly bodies?: readonly Body[];
}

export class CreatePlanCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: CreatePlanInput,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(CreatePlanCommand)
export class CreatePlanHandler implements ICommandHandler<CreatePlanCommand, CommandOutcome> {
  constructor(private readonly runner: PlanCommandRunner) {}

  execute({ input, envelope }: CreatePlanCommand): Promise<CommandOutcome> {
    return this.runner.run(input.planId, envelope, { type: 'CreatePlan', now: envelope.now, ...input });
  }
}
