import {
  isMeetingEvent,
  meetingDecider,
  type ExistingPlan,
  type MeetingCommand,
  type MeetingEvent,
  type MeetingState,
} from '@app/domain';
import { papersFingerprint } from '@app/plan-document';
import type { StreamDecider } from '../decider-runner.js';
import { deriveEntityId } from '../derived-ids.js';
import type { PlanHistoryFacts } from './meeting-facts.js';

type WithoutFacts<T> = T extends unknown ? Omit<T, 'now' | 'facts'> : never;
/** A meeting command as a caller gives it: the facts and the time are the handler's to add. */
export type MeetingChange = WithoutFacts<MeetingCommand>;

export const meetings: StreamDecider<MeetingCommand, MeetingEvent, MeetingState> = {
  ...meetingDecider,
  isEvent: isMeetingEvent,
};

/** The id a measure, goal or section added by an amendment gets: the same on every replay. */
export function amendmentElementId(meetingId: string, no: number): string {
  return deriveEntityId(`meeting:${meetingId}`, `amendment:${no}`);
}

/**
 * Whether the command decides something the plan may follow (a vote, recommendations accepted
 * en bloc, the vote on the plan): the meeting's process manager runs around it.
 */
export function carriedIntoPlan(change: Pick<MeetingChange, 'type'>): boolean {
  return (
    change.type === 'RecordVote' || change.type === 'VotePlan' || change.type === 'AcceptRecommendations'
  );
}

/** Which plan a meeting command concerns: the meeting's, or the one it is being scheduled for. */
export function planOf(change: MeetingChange, state: MeetingState): string | undefined {
  if (change.type === 'ScheduleMeeting') return state.status === 'none' ? change.planId : state.planId;
  return state.status === 'none' ? undefined : state.planId;
}

/**
 * The command with the facts its decider needs: the plan the meeting treats (for filing and
 * recommendations), the plan as it is now (for votes; `currentPlan` in a dry run), the lines
 * of the draft where a target cites lines, and the organisation's bodies.
 */
export function withFacts(
  change: MeetingChange,
  state: MeetingState,
  history: PlanHistoryFacts | undefined,
  organisationBodies: readonly string[],
  now: string,
  currentPlan?: ExistingPlan,
): MeetingCommand {
  const treatedRevision = state.status === 'none' ? undefined : state.planRevision;
  const treated = (): ExistingPlan | undefined =>
    treatedRevision === undefined ? undefined : history?.plan(treatedRevision);
  switch (change.type) {
    case 'ScheduleMeeting': {
      const revisionNow = history?.revisionNow ?? -1;
      const treats = change.planRevision ?? revisionNow;
      const papers =
        history && Number.isInteger(treats) && treats >= 0 && treats <= revisionNow
          ? history.papers(treats)
          : undefined;
      return {
        ...change,
        now,
        facts: {
          plan: history?.plan(),
          planRevisionNow: revisionNow,
          organisationBodies,
          ...(papers ? { papersFingerprint: papersFingerprint(papers) } : {}),
        },
      };
    }
    case 'FileAmendment': {
      const citesLines = change.target.lines !== undefined || change.target.line !== undefined;
      return {
        ...change,
        now,
        facts: {
          plan: treated(),
          organisationBodies,
          ...(citesLines && history && treatedRevision !== undefined
            ? { papers: history.papers(treatedRevision) }
            : {}),
        },
      };
    }
    case 'GiveRecommendation':
      return { ...change, now, facts: { plan: treated(), organisationBodies } };
    case 'RecordVote':
      return {
        ...change,
        now,
        facts: {
          plan: currentPlan ?? history?.plan(),
          organisationBodies,
          newElementId: amendmentElementId(state.status === 'none' ? '' : state.id, change.no),
        },
      };
    case 'AcceptRecommendations': {
      const meetingId = state.status === 'none' ? '' : state.id;
      const nos = state.status === 'none' ? [] : [...state.amendments.keys()];
      return {
        ...change,
        now,
        facts: {
          plan: currentPlan ?? history?.plan(),
          organisationBodies,
          newElementIds: Object.fromEntries(nos.map((no) => [no, amendmentElementId(meetingId, no)])),
        },
      };
    }
    case 'WithdrawAmendment':
    case 'VotePlan':
    case 'ChangeDeadline':
    case 'SetMajorityRule':
    case 'ContestRecommendation':
    case 'SetVotingOrder':
    case 'SetFloor':
      return { ...change, now };
    default: {
      const unhandled: never = change;
      return unhandled;
    }
  }
}
