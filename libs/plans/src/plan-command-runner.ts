import { Injectable } from '@nestjs/common';
import {
  DomainError,
  isOrganisationEvent,
  isPlanEvent,
  organisationDecider,
  planDecider,
  type OrganisationCommand,
  type OrganisationEvent,
  type OrganisationState,
  type PlanCommand,
  type PlanEvent,
  type PlanState,
} from '@app/domain';
import { EventStore } from '@app/event-store';
import type { CommandEnvelope, CommandOutcome } from './command-envelope.js';
import { foldStream, runDecider, type StreamDecider } from './decider-runner.js';
import { organisationStreamId, planStreamId } from './plan-stream.js';

const plans: StreamDecider<PlanCommand, PlanEvent, PlanState> = { ...planDecider, isEvent: isPlanEvent };
const organisations: StreamDecider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  ...organisationDecider,
  isEvent: isOrganisationEvent,
};

/**
 * Runs plan and organisation commands against their streams. Commands naming responsible
 * bodies are given the bodies of the plan's organisation, so the decider can check them.
 */
@Injectable()
export class PlanCommandRunner {
  constructor(private readonly store: EventStore) {}

  async run(planId: string, envelope: CommandEnvelope, command: PlanCommand): Promise<CommandOutcome> {
    await this.checkLinkedPlans(command);
    return runDecider(this.store, planStreamId(planId), plans, envelope, async (state) => {
      if ((command.type === 'AddMeasure' || command.type === 'ReassignMeasure') && state.status !== 'none') {
        return { ...command, organisationBodies: await this.organisationBodies(state.organisationId) };
      }
      return command;
    });
  }

  runOrganisation(
    organisationId: string,
    envelope: CommandEnvelope,
    command: OrganisationCommand,
  ): Promise<CommandOutcome> {
    return runDecider(
      this.store,
      organisationStreamId(organisationId),
      organisations,
      envelope,
      () => command,
    );
  }

  async loadPlan(planId: string): Promise<PlanState> {
    return foldStream(plans, await this.store.readStream(planStreamId(planId)));
  }

  async loadOrganisation(organisationId: string): Promise<OrganisationState> {
    return foldStream(organisations, await this.store.readStream(organisationStreamId(organisationId)));
  }

  /** Plans a command links to must exist: a decider sees only its own stream, so check here. */
  private async checkLinkedPlans(command: PlanCommand): Promise<void> {
    const linked: Array<[string, string | undefined]> =
      command.type === 'CreatePlan' || command.type === 'LinkPlan'
        ? [
            ['predecessorPlanId', command.predecessorPlanId],
            ['parentPlanId', command.parentPlanId],
          ]
        : command.type === 'SupersedePlan'
          ? [['byPlanId', command.byPlanId]]
          : [];
    for (const [field, planId] of linked) {
      if (planId && (await this.store.readStream(planStreamId(planId), { maxCount: 1 })).length === 0) {
        throw new DomainError(
          'LINKED_PLAN_NOT_FOUND',
          'not_found',
          `Plan "${planId}" (${field}) does not exist`,
          { field },
        );
      }
    }
  }

  private async organisationBodies(organisationId: string): Promise<string[]> {
    const organisation = await this.loadOrganisation(organisationId);
    return organisation.status === 'none' ? [] : [...organisation.bodies.keys()];
  }
}
