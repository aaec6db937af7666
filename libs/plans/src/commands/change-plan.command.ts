import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PlanCommand } from '@app/domain';
import type { CommandEnvelope, CommandOutcome } from '../command-envelope.js';
import { PlanCommandRunner } from '../plan-command-runner.js';

type WithoutNow<T> = T extends unknown ? Omit<T, 'now'> : never;
/** Any plan command, without its time: that comes from the envelope. */
export type PlanChange = WithoutNow<PlanCommand>;

/** One bus command for every change to a plan; the domain command inside says which. */
export class ChangePlanCommand extends Command<CommandOutcome> {
  constructor(
    readonly planId: string,
    readonly change: PlanChange,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(ChangePlanCommand)
export class ChangePlanHandler implements ICommandHandler<ChangePlanCommand, CommandOutcome> {
  constructor(private readonly runner: PlanCommandRunner) {}

  execute({ planId, change, envelope }: ChangePlanCommand): Promise<CommandOutcome> {
    return this.runner.run(planId, envelope, { ...change, now: envelope.now } as PlanCommand);
  }
}
