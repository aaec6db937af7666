import type { DomainEvent } from '../shared/decider.js';
import type { PlanCommand } from '../plan/plan.commands.js';
import type { PapersFingerprint } from './papers/papers.types.js';
import type {
  AmendmentFields,
  AmendmentOp,
  CitedTarget,
  PlanVoteResult,
  Recommendation,
  ResolvedTarget,
  VoteCounts,
  VoteResult,
} from './meeting.types.js';

type WithoutNow<T> = T extends unknown ? Omit<T, 'now'> : never;
/** A plan command without its time, as an adopted amendment records the changes it makes. */
export type AmendmentChange = WithoutNow<PlanCommand>;

type MeetingEventOf<Type extends string, Data> = DomainEvent<Type, Data & { meetingId: string }>;

export type MeetingScheduled = MeetingEventOf<
  'MeetingScheduled',
  {
    organisationId: string;
    body: string;
    /** ISO date of the meeting: the date its decisions take effect. */
    date: string;
    planId: string;
    /** The plan stream's revision the meeting treats (the draft it received). */
    planRevision: number;
    title?: string;
    /** The edition the plan gets when the meeting adopts it ("2026"). */
    edition?: string;
    /** The meeting papers: the revision numbered line by line, as amendments cite it. */
    papers?: PapersFingerprint;
  }
>;

export type AmendmentFiled = MeetingEventOf<
  'AmendmentFiled',
  {
    no: number;
    proposer?: string;
    /** As the proposer cited it. */
    cited: CitedTarget;
    /** What it was resolved to in the plan the meeting treats. */
    target: ResolvedTarget;
    op: AmendmentOp;
    fields: AmendmentFields;
    justification?: string;
  }
>;

export type AmendmentWithdrawn = MeetingEventOf<'AmendmentWithdrawn', { no: number; reason?: string }>;

export type RecommendationGiven = MeetingEventOf<
  'RecommendationGiven',
  {
    no: number;
    recommendation: Recommendation;
    /** adopt_modified: the fields as the committee rewrote them (merged over the amendment's). */
    modified?: AmendmentFields;
    note?: string;
  }
>;

export type VoteRecorded = MeetingEventOf<
  'VoteRecorded',
  VoteCounts & {
    no: number;
    result: VoteResult;
    /** Why it lapsed (bortfalt), or a note on the vote. */
    reason?: string;
    /** adopted: whether the committee's modified text was adopted rather than the amendment as filed. */
    modified?: boolean;
    /** adopted: the plan changes the amendment makes, replayed as the plan's own commands. */
    changes?: AmendmentChange[];
  }
>;

export type PlanVoted = MeetingEventOf<
  'PlanVoted',
  VoteCounts & {
    result: PlanVoteResult;
  }
>;

export type MeetingEvent =
  MeetingScheduled | AmendmentFiled | AmendmentWithdrawn | RecommendationGiven | VoteRecorded | PlanVoted;
export type MeetingEventType = MeetingEvent['type'];

const TYPES: Record<MeetingEventType, true> = {
  MeetingScheduled: true,
  AmendmentFiled: true,
  AmendmentWithdrawn: true,
  RecommendationGiven: true,
  VoteRecorded: true,
  PlanVoted: true,
};
export const MEETING_EVENT_TYPES = Object.keys(TYPES) as MeetingEventType[];

export function isMeetingEvent(event: { type: string }): event is MeetingEvent {
  return Object.hasOwn(TYPES, event.type);
}
