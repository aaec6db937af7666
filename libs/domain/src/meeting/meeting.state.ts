import type { AmendmentChange, MeetingEvent } from './meeting.events.js';
import type { PapersFingerprint } from './papers/papers.types.js';
import type {
  AmendmentFields,
  AmendmentOp,
  AmendmentStatus,
  CitedTarget,
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
