import { Injectable, Optional } from '@nestjs/common';
import {
  documentLineIndex,
  evolvePlan,
  initialPlanState,
  isPlanEvent,
  type ElementLines,
  type ExistingPlan,
  type PlanEvent,
  type PlanState,
} from '@app/domain';
import { EventStore, type RecordedEvent } from '@app/event-store';
import { PlanCommandRunner } from '../plan-command-runner.js';
import { planStreamId } from '../plan-stream.js';
import { PlanLineIndex } from './plan-line-index.js';

/** A plan's events and what they fold to, now and at the revision a meeting treats. */
export interface PlanHistoryFacts {
  readonly events: readonly RecordedEvent[];
  /** The stream revision of the last event (-1 for no plan). */
  readonly revisionNow: number;
  plan(upToRevision?: number): ExistingPlan | undefined;
  /** Elements and their lines in the draft at that revision: the document's own, else the Markdown's. */
  lineIndex(upToRevision: number): ElementLines[];
}

/** Looks up what the meeting deciders need to know about plans and organisations. */
@Injectable()
export class MeetingFacts {
  constructor(
    readonly store: EventStore,
    private readonly plans: PlanCommandRunner,
    @Optional() private readonly lines?: PlanLineIndex,
  ) {}

  async planHistory(planId: string): Promise<PlanHistoryFacts> {
    const events = await this.store.readStream(planStreamId(planId));
    return this.planHistoryOf(events);
  }

  planHistoryOf(events: readonly RecordedEvent[]): PlanHistoryFacts {
    const upTo = (revision?: number): RecordedEvent[] =>
      revision === undefined ? [...events] : events.filter((e) => Number(e.revision) <= revision);
    const fold = (recorded: readonly RecordedEvent[]): PlanState =>
      recorded
        .filter((e) => isPlanEvent(e))
        .reduce<PlanState>((s, e) => evolvePlan(s, e as unknown as PlanEvent), initialPlanState());
    const last = events[events.length - 1];
    return {
      events,
      revisionNow: last ? Number(last.revision) : -1,
      plan: (revision) => {
        const state = fold(upTo(revision));
        return state.status === 'none' ? undefined : state;
      },
      lineIndex: (revision) => {
        const recorded = upTo(revision);
        const state = fold(recorded);
        if (state.status === 'none') return [];
        const own = documentLineIndex(state);
        if (own.length > 0) return own;
        return this.lines ? this.lines.markdownLines(recorded) : [];
      },
    };
  }

  async organisationBodies(organisationId: string): Promise<string[]> {
    const organisation = await this.plans.loadOrganisation(organisationId);
    return organisation.status === 'none' ? [] : [...organisation.bodies.keys()];
  }
}
