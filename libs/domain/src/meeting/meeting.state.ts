import type { AmendmentChange, MeetingEvent } from './meeting.events.js';
import type { PapersFingerprint } from './papers/papers.types.js';
import type {
  AmendmentFields,
  AmendmentOp,
  AmendmentStatus,
  CitedTarget,
  FloorItem,
  MajorityRule,
  PlanVoteResult,
  Recommendation,
  ResolvedTarget,
  VoteCounts,
  VoteResult,
} from './meeting.types.js';

export interface AmendmentVote extends VoteCounts {
  readonly result: VoteResult;
  readonly reason?: string;
  readonly modified?: boolean;
  readonly changes?: readonly AmendmentChange[];
  /** 1 for the first decision the meeting recorded (vote or withdrawal), then 2, 3...: the voting order. */
  readonly seq: number;
  /** Settled by accepting the committee's recommendations en bloc. */
  readonly enBloc?: boolean;
}

export interface AmendmentState {
  readonly no: number;
  readonly proposer: string | undefined;
  readonly cited: CitedTarget;
  readonly target: ResolvedTarget;
  readonly op: AmendmentOp;
  readonly fields: AmendmentFields;
  readonly justification: string | undefined;
  readonly status: AmendmentStatus;
  readonly recommendation:
    | { readonly recommendation: Recommendation; readonly modified?: AmendmentFields; readonly note?: string }
    | undefined;
  readonly vote: AmendmentVote | undefined;
  readonly withdrawnReason: string | undefined;
  /** Who filed it (`user:<id>`); unknown for amendments filed before this was recorded. */
  readonly filedBy: string | undefined;
  /** Filed by the officer after the deadline ("fremmet i møtet"). */
  readonly inMeeting: boolean;
  /** Someone contested the committee's recommendation: it gets a vote of its own. */
  readonly contested: boolean;
}

/** One vote accepting the committee's recommendations on several amendments. */
export interface EnBlocVote extends VoteCounts {
  readonly nos: readonly number[];
  /** The decision number of its first amendment: where it stands in the voting order. */
  readonly seq: number;
}

export interface PlanVote extends VoteCounts {
  readonly result: PlanVoteResult;
  readonly seq: number;
}

export interface ExistingMeeting {
  readonly status: 'scheduled' | 'concluded';
  readonly id: string;
  readonly organisationId: string;
  readonly body: string;
  readonly date: string;
  readonly planId: string;
  readonly planRevision: number;
  readonly title: string | undefined;
  readonly edition: string | undefined;
  /** The papers the meeting received (absent for meetings scheduled before they were recorded). */
  readonly papers: PapersFingerprint | undefined;
  /** Until when members may file amendments (an ISO instant); none when undefined. */
  readonly deadline: string | undefined;
  readonly majority: MajorityRule;
  /** The order the officer set for the vote; the suggested order until then. */
  readonly votingOrder: readonly number[] | undefined;
  /** What the meeting treats now. */
  readonly floor: FloorItem | undefined;
  /** The votes accepting the committee's recommendations en bloc, in the order taken. */
  readonly enBloc: readonly EnBlocVote[];
  /** By number, in the order filed. */
  readonly amendments: ReadonlyMap<number, AmendmentState>;
  readonly planVote: PlanVote | undefined;
  /** How many decisions (votes, withdrawals) have been recorded. */
  readonly decisions: number;
}

export type MeetingState = { readonly status: 'none' } | ExistingMeeting;

export const initialMeetingState = (): MeetingState => ({ status: 'none' });

function withAmendment(
  meeting: ExistingMeeting,
  no: number,
  change: (a: AmendmentState) => AmendmentState,
): ExistingMeeting {
  const amendment = meeting.amendments.get(no);
  if (!amendment) return meeting;
  return { ...meeting, amendments: new Map(meeting.amendments).set(no, change(amendment)) };
}

const STATUS_OF_RESULT: Record<VoteResult, AmendmentStatus> = {
  adopted: 'adopted',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  lapsed: 'lapsed',
  referred: 'referred',
};

export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  if (event.type === 'MeetingScheduled') {
    const d = event.data;
    return {
      status: 'scheduled',
      id: d.meetingId,
      organisationId: d.organisationId,
      body: d.body,
      date: d.date,
      planId: d.planId,
      planRevision: d.planRevision,
      title: d.title,
      edition: d.edition,
      papers: d.papers,
      deadline: d.deadline,
      majority: d.majority ?? 'simple',
      votingOrder: undefined,
      floor: undefined,
      enBloc: [],
      amendments: new Map(),
      planVote: undefined,
      decisions: 0,
    };
  }
  if (state.status === 'none') return state;
  const meeting = state;
  switch (event.type) {
    case 'AmendmentFiled': {
      const d = event.data;
      const amendment: AmendmentState = {
        no: d.no,
        proposer: d.proposer,
        cited: d.cited,
        target: d.target,
        op: d.op,
        fields: d.fields,
        justification: d.justification,
        status: 'filed',
        recommendation: undefined,
        vote: undefined,
        withdrawnReason: undefined,
        filedBy: d.filedBy,
        inMeeting: d.inMeeting === true,
        contested: false,
      };
      return { ...meeting, amendments: new Map(meeting.amendments).set(d.no, amendment) };
    }
    case 'AmendmentWithdrawn': {
      const seq = meeting.decisions + 1;
      return {
        ...withAmendment(meeting, event.data.no, (a) => ({
          ...a,
          status: 'withdrawn',
          withdrawnReason: event.data.reason,
          vote: { result: 'withdrawn', seq, ...(event.data.reason ? { reason: event.data.reason } : {}) },
        })),
        decisions: seq,
      };
    }
    case 'RecommendationGiven': {
      const { no, recommendation, modified, note } = event.data;
      return withAmendment(meeting, no, (a) => ({
        ...a,
        recommendation: {
          recommendation,
          ...(modified ? { modified } : {}),
          ...(note ? { note } : {}),
        },
      }));
    }
    case 'DeadlineChanged':
      return { ...meeting, deadline: event.data.deadline };
    case 'MajorityRuleSet':
      return { ...meeting, majority: event.data.rule };
    case 'RecommendationContested':
      return withAmendment(meeting, event.data.no, (a) => ({ ...a, contested: event.data.contested }));
    case 'RecommendationsAccepted': {
      const { meetingId: _, nos, ...counts } = event.data;
      return { ...meeting, enBloc: [...meeting.enBloc, { nos, ...counts, seq: meeting.decisions + 1 }] };
    }
    case 'VotingOrderSet':
      return { ...meeting, votingOrder: event.data.order };
    case 'FloorSet':
      return { ...meeting, floor: event.data.item };
    case 'VoteRecorded': {
      const { meetingId: _, no, ...vote } = event.data;
      const seq = meeting.decisions + 1;
      return {
        ...withAmendment(meeting, no, (a) => ({
          ...a,
          status: STATUS_OF_RESULT[vote.result],
          vote: { ...vote, seq },
        })),
        decisions: seq,
      };
    }
    case 'PlanVoted': {
      const { meetingId: _, ...vote } = event.data;
      const seq = meeting.decisions + 1;
      return { ...meeting, status: 'concluded', planVote: { ...vote, seq }, decisions: seq };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The fields an adopted amendment applies: the committee's modified text where that was adopted. */
export function effectiveFields(amendment: AmendmentState, modified: boolean): AmendmentFields {
  const rewrite = amendment.recommendation?.modified;
  return modified && rewrite ? { ...amendment.fields, ...rewrite } : amendment.fields;
}

/** Filed amendments not yet decided, in number order. */
export function pendingAmendments(meeting: ExistingMeeting): AmendmentState[] {
  return [...meeting.amendments.values()].filter((a) => a.status === 'filed').sort((a, b) => a.no - b.no);
}
