import { Injectable } from '@nestjs/common';
import {
  meetingPapers,
  planFold,
  planProse,
  initialPlanState,
  isPlanEvent,
  type ExistingPlan,
  type MeetingPapers,
  type PlanEvent,
  type PlanState,
} from '@app/domain';
import { EventStore, type RecordedEvent } from '@app/event-store';
import { PlanCommandRunner } from '../plan-command-runner.js';
import { planStreamId } from '../plan-stream.js';

/** A plan's events and what they fold to, now and at the revision a meeting treats. */
export interface PlanHistoryFacts {
  readonly events: readonly RecordedEvent[];
  /** The stream revision of the last event (-1 for no plan). */
  readonly revisionNow: number;
  plan(upToRevision?: number): ExistingPlan | undefined;
  /** The meeting papers of the plan at that revision: the one numbering amendments cite. */
  papers(upToRevision: number): MeetingPapers | undefined;
}

/** The folds each PlanHistoryFacts has made, by revision, for the facts that extend it. */
const foldedStates = new WeakMap<PlanHistoryFacts, Map<number, PlanState>>();

const foldedPapers = new WeakMap<PlanHistoryFacts, Map<number, MeetingPapers>>();

/** Plans whose events a process keeps for its meetings (a meeting treats one plan at a time). */
const HISTORIES_KEPT = 8;
/** Folded states kept per plan: the revision the meeting treats, and the newest few. */
const STATES_KEPT = 16;

/** Looks up what the meeting deciders need to know about plans and organisations. */
@Injectable()
export class MeetingFacts {
  /**
   * Each plan's events as last read: a meeting of 300 amendments asks for its plan's history
   * for every one of its ~900 commands, and a plan followed up for years has thousands of
   * events. Each call still reads what is new, so nothing appended elsewhere is missed.
   */
  private readonly histories = new Map<string, PlanHistoryFacts>();

  constructor(
    readonly store: EventStore,
    private readonly plans: PlanCommandRunner,
  ) {}

  async planHistory(planId: string): Promise<PlanHistoryFacts> {
    const cached = this.histories.get(planId);
    const fresh = await this.store.readStream(
      planStreamId(planId),
      cached ? { fromRevision: BigInt(cached.revisionNow + 1) } : undefined,
    );
    let history: PlanHistoryFacts;
    if (!cached) history = this.planHistoryOf(fresh);
    else if (fresh.length === 0) history = cached;
    else if (fresh[0]!.revision === BigInt(cached.revisionNow + 1)) {
      history = this.planHistoryOf([...cached.events, ...fresh], cached);
    } else {
      // Not a continuation (cannot happen in an append-only store): read it whole again.
      history = this.planHistoryOf(await this.store.readStream(planStreamId(planId)));
    }
    this.histories.delete(planId);
    if (history.revisionNow >= 0) this.histories.set(planId, history);
    if (this.histories.size > HISTORIES_KEPT) this.histories.delete(this.histories.keys().next().value!);
    return history;
  }

  /**
   * Facts over these events. Folds are kept by revision and a fold starts from the nearest kept
   * one below, so asking for the plan after each of a meeting's votes folds only the new events.
   * `earlier`: the facts of a prefix of these events, whose folds still hold.
   */
  planHistoryOf(events: readonly RecordedEvent[], earlier?: PlanHistoryFacts): PlanHistoryFacts {
    const states = new Map<number, PlanState>(earlier ? foldedStates.get(earlier) : undefined);
    // The papers at a revision never change: a meeting files hundreds of amendments against one.
    const papers = new Map<number, MeetingPapers>(earlier ? foldedPapers.get(earlier) : undefined);
    const last = events[events.length - 1];
    const revisionNow = last ? Number(last.revision) : -1;
    const upTo = (revision: number): RecordedEvent[] => events.filter((e) => Number(e.revision) <= revision);
    const stateAt = (revision: number): PlanState => {
      const kept = states.get(revision);
      if (kept) return kept;
      let from = -1;
      for (const r of states.keys()) if (r <= revision && r > from) from = r;
      let state = from >= 0 ? states.get(from)! : initialPlanState();
      const evolve = planFold();
      for (const e of events) {
        const r = Number(e.revision);
        if (r > from && r <= revision && isPlanEvent(e)) state = evolve(state, e as unknown as PlanEvent);
      }
      states.set(revision, state);
      if (states.size > STATES_KEPT) states.delete(states.keys().next().value!);
      return state;
    };
    const facts: PlanHistoryFacts = {
      events,
      revisionNow,
      plan: (revision) => {
        const state = stateAt(Math.min(revision ?? revisionNow, revisionNow));
        return state.status === 'none' ? undefined : state;
      },
      papers: (revision) => {
        const at = Math.min(revision, revisionNow);
        const kept = papers.get(at);
        if (kept) return kept;
        const state = stateAt(at);
        if (state.status === 'none') return undefined;
        const prose = planProse(
          upTo(at)
            .filter(isPlanEvent)
            .map((e) => e as unknown as PlanEvent),
        );
        const made = meetingPapers({ plan: state, ...prose });
        papers.set(at, made);
        return made;
      },
    };
    foldedStates.set(facts, states);
    foldedPapers.set(facts, papers);
    return facts;
  }

  async organisationBodies(organisationId: string): Promise<string[]> {
    const organisation = await this.plans.loadOrganisation(organisationId);
    return organisation.status === 'none' ? [] : [...organisation.bodies.keys()];
  }
}
