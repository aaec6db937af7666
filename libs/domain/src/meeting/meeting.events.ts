import type { DomainEvent } from '../shared/decider.js';
import type { PlanCommand } from '../plan/plan.commands.js';
import type { PapersFingerprint } from './papers/papers.types.js';
import type {
  AmendmentFields,
  AmendmentOp,
  CitedTarget,
  FloorItem,
  MajorityRule,
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
    /** Until when members file amendments (innsendingsfrist), an ISO instant; none when absent. */
    deadline?: string;
    /** What it takes to adopt; a simple majority of the votes cast when absent. */
    majority?: MajorityRule;
  }
>;

/** The officer moved the deadline for amendments (or lifted it: no deadline). */
export type DeadlineChanged = MeetingEventOf<'DeadlineChanged', { deadline?: string }>;

/** The meeting decided what it takes to adopt (two thirds for statutes). */
export type MajorityRuleSet = MeetingEventOf<'MajorityRuleSet', { rule: MajorityRule }>;

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
    /** Who filed it (`user:<id>`): a member may withdraw only what they filed. */
    filedBy?: string;
    /** Filed by the meeting officer after the deadline ("fremmet i møtet"). */
    inMeeting?: boolean;
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

/**
 * A delegate contests the committee's recommendation on an amendment (or withdraws the objection):
 * it is then put to a vote of its own instead of being settled with the recommendations en bloc.
 */
export type RecommendationContested = MeetingEventOf<
  'RecommendationContested',
  { no: number; contested: boolean }
>;

/**
 * The meeting accepted the committee's recommendations on these amendments in one vote; a
 * VoteRecorded (`enBloc`) follows for each, with what its recommendation settles.
 */
export type RecommendationsAccepted = MeetingEventOf<
  'RecommendationsAccepted',
  VoteCounts & { nos: number[] }
>;

/** The order the officer puts the amendments to the vote in (the ones not named follow as suggested). */
export type VotingOrderSet = MeetingEventOf<'VotingOrderSet', { order: number[] }>;

/** What the meeting now treats ("now being treated"); none when absent. */
export type FloorSet = MeetingEventOf<'FloorSet', { item?: FloorItem }>;

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
    /** Settled by accepting the committee's recommendations en bloc. */
    enBloc?: boolean;
  }
>;

export type PlanVoted = MeetingEventOf<
  'PlanVoted',
  VoteCounts & {
    result: PlanVoteResult;
  }
>;

export type MeetingEvent =
  | MeetingScheduled
  | DeadlineChanged
  | MajorityRuleSet
  | AmendmentFiled
  | AmendmentWithdrawn
  | RecommendationGiven
  | RecommendationContested
  | RecommendationsAccepted
  | VotingOrderSet
  | FloorSet
  | VoteRecorded
  | PlanVoted;
export type MeetingEventType = MeetingEvent['type'];

const TYPES: Record<MeetingEventType, true> = {
  MeetingScheduled: true,
  DeadlineChanged: true,
  MajorityRuleSet: true,
  AmendmentFiled: true,
  AmendmentWithdrawn: true,
  RecommendationGiven: true,
  RecommendationContested: true,
  RecommendationsAccepted: true,
  VotingOrderSet: true,
  FloorSet: true,
  VoteRecorded: true,
  PlanVoted: true,
};
export const MEETING_EVENT_TYPES = Object.keys(TYPES) as MeetingEventType[];

export function isMeetingEvent(event: { type: string }): event is MeetingEvent {
  return Object.hasOwn(TYPES, event.type);
}
