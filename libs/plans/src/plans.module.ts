import { Module } from '@nestjs/common';
import { ChangePlanHandler } from './commands/change-plan.command.js';
import { ChangeOrganisationHandler } from './commands/organisation.commands.js';
import { ImportPlanDocumentHandler } from './import/import-plan-document.command.js';
import { PlanCommandRunner } from './plan-command-runner.js';
import { ChangeMeetingHandler } from './meetings/change-meeting.command.js';
import { MeetingDecisions } from './meetings/meeting-decisions.js';
import { MeetingFacts } from './meetings/meeting-facts.js';
import { ReplayProtocolHandler } from './meetings/replay-protocol.command.js';

/**
 * The plan commands on the @nestjs/cqrs command bus. Needs an `EventStore` provider
 * (the port) from the importing module; which adapter it is, is the runtime's choice.
 */
@Module({
  providers: [
    PlanCommandRunner,
    ChangePlanHandler,
    ChangeOrganisationHandler,
    ImportPlanDocumentHandler,
    MeetingFacts,
    MeetingDecisions,
    ChangeMeetingHandler,
    ReplayProtocolHandler,
  ],
  exports: [PlanCommandRunner, MeetingFacts, MeetingDecisions],
})
export class PlansModule {}
