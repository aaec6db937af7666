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
import { sentContent } from '../command-ids.js';
import { foldStream, runDecider, type StreamDecider } from '../decider-runner.js';
import { FoldedStreams } from '../folded-streams.js';
import { planStreamId } from '../plan-stream.js';
import { PLAN_VISIBILITY_STREAM_PREFIX, planVisibilityStreamId, userStreamId } from './access-streams.js';

const users: StreamDecider<UserCommand, UserEvent, UserState> = { ...userDecider, isEvent: isUserEvent };
const visibility: StreamDecider<SetPlanVisibility, PlanVisibilityChanged, PlanVisibilityState> = {
  ...planVisibilityDecider,
  isEvent: isPlanVisibilityEvent,
};

type WithoutNow<T> = T extends unknown ? Omit<T, 'now'> : never;
export type UserChange = WithoutNow<UserCommand>;

/**
 * Users, their credentials and roles, and plan visibility: every change an event. Who a
 * request comes from, what they may do and which plans are internal are read here, from the
 * event store itself: never from a read model, which can be behind, held back or being rebuilt.
 */
@Injectable()
export class AccessCommandRunner {
  /**
   * Users' streams folded, kept between requests: each request still asks the store for what
   * was appended since (one indexed read), so a revocation anywhere holds at the next request.
   */
  private readonly userStreams: FoldedStreams<UserEvent, UserState>;

  constructor(private readonly store: EventStore) {
    this.userStreams = new FoldedStreams(store, users, { capacity: 4096 });
  }

  runUser(userId: string, envelope: CommandEnvelope, change: UserChange): Promise<CommandOutcome> {
    return runDecider(
      this.store,
      userStreamId(userId),
      users,
      envelope,
      sentContent(withoutSecrets(change), envelope),
      () =>
        ({
          ...change,
          now: envelope.now,
        }) as UserCommand,
      this.userStreams,
    );
  }

  /** The user as their stream has it now. */
  async loadUser(userId: string): Promise<UserState> {
    return (await this.userStreams.load(userStreamId(userId))).state;
  }

  /**
   * A plan's visibility and organisation as its visibility stream has it now; undefined for a
   * plan never marked (published, the default).
   */
  async planVisibility(
    planId: string,
  ): Promise<{ visibility: PlanVisibility; organisationId: string } | undefined> {
    const events = await this.store.readStream(planVisibilityStreamId(planId));
    const last = events.filter(isPlanVisibilityEvent).at(-1) as PlanVisibilityChanged | undefined;
    if (!last) return undefined;
    return {
      visibility: foldStream(visibility, events).visibility,
      organisationId: last.data.organisationId,
    };
  }

  /** Every plan marked internal now, with its organisation. */
  async internalPlans(): Promise<Map<string, string>> {
    const current = new Map<string, { visibility: PlanVisibility; organisationId: string }>();
    // Each stream's events in order: the last one of a plan's stream is its visibility now.
    for (const event of await this.store.readStreamsWithPrefix(PLAN_VISIBILITY_STREAM_PREFIX)) {
      if (!isPlanVisibilityEvent(event)) continue;
      const { planId, visibility: value, organisationId } = (event as PlanVisibilityChanged).data;
      current.set(planId, { visibility: value, organisationId });
    }
    const internal = new Map<string, string>();
    for (const [planId, plan] of current)
      if (plan.visibility === 'internal') internal.set(planId, plan.organisationId);
    return internal;
  }

  async setPlanVisibility(
    planId: string,
    envelope: CommandEnvelope,
    value: PlanVisibility,
  ): Promise<CommandOutcome> {
    const organisationId = await this.planOrganisation(planId);
    if (!organisationId) throw new DomainError('PLAN_NOT_FOUND', 'not_found', `Plan "${planId}" not found`);
    return runDecider(
      this.store,
      planVisibilityStreamId(planId),
      visibility,
      envelope,
      sentContent({ visibility: value }, envelope),
      () => ({
        type: 'SetPlanVisibility',
        planId,
        organisationId,
        visibility: value,
        now: envelope.now,
      }),
    );
  }

  /** The organisation a plan belongs to, from its first event (it never changes). */
  async planOrganisation(planId: string): Promise<string | undefined> {
    const [created] = await this.store.readStream(planStreamId(planId), { maxCount: 1 });
    const organisationId = created?.data.organisationId;
    return typeof organisationId === 'string' ? organisationId : undefined;
  }
}

/**
 * A user command as its id is bound to: without the hashes of its secrets, which are salted
 * afresh each time the same password or token is sent again.
 */
function withoutSecrets(change: UserChange): Record<string, unknown> {
  const {
    passwordHash: _password,
    tokenHash: _token,
    keyHash: _key,
    ...content
  } = change as Record<string, unknown>;
  return content;
}
