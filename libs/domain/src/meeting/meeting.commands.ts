import type { CommandContext } from '../shared/decider.js';
import type { ExistingPlan } from '../plan/plan.state.js';
import type { MeetingPapers, PapersFingerprint } from './papers/papers.types.js';
import type { AmendmentFields, CitedTarget, FloorItem, VoteCounts } from './meeting.types.js';

type MeetingCommandOf<Type extends string, Data> = CommandContext & { readonly type: Type } & Readonly<Data>;

/**
 * Facts a handler looks up and passes in, so the decider stays pure: the plan the meeting
 * treats (or the plan as it is now, for a vote), the lines of the draft, the organisation's bodies.
 */
export interface PlanFacts {
  /** The plan; undefined when it does not exist. */
  readonly plan: ExistingPlan | undefined;
  /** The meeting papers: the plan the meeting treats, numbered line by line (where lines are cited). */
  readonly papers?: MeetingPapers;
  readonly organisationBodies?: readonly string[];
}

export type ScheduleMeeting = MeetingCommandOf<
  'ScheduleMeeting',
  {
    meetingId: string;
    organisationId: string;
    body: string;
    date: string;
    planId: string;
    /** The plan stream's revision the meeting treats; the plan as it is now when not given. */
    planRevision?: number;
    title?: string;
    edition?: string;
    /** Innsendingsfrist: a date (the end of that day in Oslo), a local time "2026-03-01T12:00", or an instant. */
    deadline?: string;
    majority?: string;
    /** The plan as it is now, and the papers of the revision the meeting treats. */
    facts: PlanFacts & { readonly planRevisionNow: number; readonly papersFingerprint?: PapersFingerprint };
  }
>;

export type FileAmendment = MeetingCommandOf<
  'FileAmendment',
  {
    no: number;
    proposer?: string;
    target: CitedTarget;
    /** An operation name, or Tillegg / Endring / Stryking. */
    op: string;
    fields: AmendmentFields;
    justification?: string;
    /** Who files it (`user:<id>`). */
    filedBy?: string;
    /**
     * false: they file as a member (their own, before the deadline); else as the meeting officer
     * (after the deadline too, and on anyone's behalf).
     */
    asOfficer?: boolean;
    /** The officer says whether it was filed in the meeting; after the deadline by default. */
    inMeeting?: boolean;
    /** The plan the meeting treats. */
    facts: PlanFacts;
  }
>;

export type WithdrawAmendment = MeetingCommandOf<
  'WithdrawAmendment',
  {
    no: number;
    reason?: string;
    /** Who withdraws it; a member may withdraw only what they filed, the officer any. */
    by?: string;
    asOfficer?: boolean;
  }
>;

export type ChangeDeadline = MeetingCommandOf<'ChangeDeadline', { deadline: string | null }>;

export type SetMajorityRule = MeetingCommandOf<'SetMajorityRule', { rule: string }>;

export type ContestRecommendation = MeetingCommandOf<
  'ContestRecommendation',
  { no: number; contested: boolean }
>;

export type AcceptRecommendations = MeetingCommandOf<
  'AcceptRecommendations',
  VoteCounts & {
    /** The amendments whose recommendations are accepted; all uncontested ones when not given. */
    nos?: number[];
    /** The plan as it is now, and the id each amendment's new element gets. */
    facts: PlanFacts & { readonly newElementIds: Readonly<Record<number, string>> };
  }
>;

export type SetVotingOrder = MeetingCommandOf<'SetVotingOrder', { order: number[] }>;

export type SetFloor = MeetingCommandOf<'SetFloor', { item: FloorItem | null }>;

export type GiveRecommendation = MeetingCommandOf<
  'GiveRecommendation',
  {
    no: number;
    /** adopt, reject, adopt_modified, refer, or their Norwegian words (vedta, avvise...). */
    recommendation: string;
    modified?: AmendmentFields;
    note?: string;
    /** The plan the meeting treats: the modified text is checked against it. */
    facts: PlanFacts;
  }
>;

export type RecordVote = MeetingCommandOf<
  'RecordVote',
  VoteCounts & {
    no: number;
    result: string;
    reason?: string;
    /** Whether the committee's modified text was adopted; by default when it recommended adopt_modified. */
    modified?: boolean;
    /** The plan as it is now, with the amendments adopted before this one. */
    facts: PlanFacts & { readonly newElementId: string };
  }
>;

export type VotePlan = MeetingCommandOf<'VotePlan', VoteCounts & { result: string }>;

export type MeetingCommand =
  | ScheduleMeeting
  | ChangeDeadline
  | SetMajorityRule
  | FileAmendment
  | WithdrawAmendment
  | GiveRecommendation
  | ContestRecommendation
  | AcceptRecommendations
  | SetVotingOrder
  | SetFloor
  | RecordVote
  | VotePlan;
