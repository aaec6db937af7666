import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { OrganisationCommand } from '@app/domain';
import type { CommandEnvelope, CommandOutcome } from '../command-envelope.js';
import { PlanCommandRunner } from '../plan-command-runner.js';

type WithoutNow<T> = T extends unknown ? Omit<T, 'now'> : never;
export type OrganisationChange = WithoutNow<OrganisationCommand>;

export class ChangeOrganisationCommand extends Command<CommandOutcome> {
  constructor(
    readonly organisationId: string,
    readonly change: OrganisationChange,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(ChangeOrganisationCommand)
export class ChangeOrganisationHandler implements ICommandHandler<ChangeOrganisationCommand, CommandOutcome> {
  constructor(private readonly runner: PlanCommandRunner) {}

  execute({ organisationId, change, envelope }: ChangeOrganisationCommand): Promise<CommandOutcome> {
    return this.runner.runOrganisation(organisationId, envelope, {
      ...change,
      now: envelope.now,
    } as OrganisationCommand);
  }
}
