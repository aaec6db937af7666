import { Injectable } from '@nestjs/common';
import {
  DomainError,
  isPlanVisibilityEvent,
  isUserEvent,
  planVisibilityDecider,
  userDecider,
  type PlanVisibility,
  type PlanVisibilityChanged,
  type PlanVisibilityState,
  type SetPlanVisibility,
  type UserCommand,
  type UserEvent,
  type UserState,
} from '@app/domain';
import { EventStore } from '@app/event-store';
import type { CommandEnvelope, CommandOutcome } from '../command-envelope.js';
import { foldStream, runDecider, type StreamDecider } from '../decider-runner.js';
import { planStreamId } from '../plan-stream.js';
import { planVisibilityStreamId, userStreamId } from './access-streams.js';

const users: StreamDecider<UserCommand, UserEvent, UserState> = { ...userDecider, isEvent: isUserEvent };
const visibility: StreamDecider<SetPlanVisibility, PlanVisibilityChanged, PlanVisibilityState> = {
  ...planVisibilityDecider,
  isEvent: isPlanVisibilityEvent,
};

type WithoutNow<T> = T extends unknown ? Omit<T, 'now'> : never;
export type UserChange = WithoutNow<UserCommand>;

/** Users, their credentials and roles, and plan visibility: every change an event. */
@Injectable()
export class AccessCommandRunner {
  constructor(private readonly store: EventStore) {}

  runUser(userId: string, envelope: CommandEnvelope, change: UserChange): Promise<CommandOutcome> {
    return runDecider(
      this.store,
      userStreamId(userId),
      users,
      envelope,
      () =>
        ({
          ...change,
          now: envelope.now,
        }) as UserCommand,
    );
  }

  async loadUser(userId: string): Promise<UserState> {
    return foldStream(users, await this.store.readStream(userStreamId(userId)));
  }

  async setPlanVisibility(
    planId: string,
    envelope: CommandEnvelope,
    value: PlanVisibility,
  ): Promise<CommandOutcome> {
    const organisationId = await this.planOrganisation(planId);
    if (!organisationId) throw new DomainError('PLAN_NOT_FOUND', 'not_found', `Plan "${planId}" not found`);
    return runDecider(this.store, planVisibilityStreamId(planId), visibility, envelope, () => ({
      type: 'SetPlanVisibility',
      planId,
      organisationId,
      visibility: value,
      now: envelope.now,
    }));
  }

  /** The organisation a plan belongs to, from its first event (it never changes). */
  async planOrganisation(planId: string): Promise<string | undefined> {
    const [created] = await this.store.readStream(planStreamId(planId), { maxCount: 1 });
    const organisationId = created?.data.organisationId;
    return typeof organisationId === 'string' ? organisationId : undefined;
  }
}
