/** The bodies that treat and adopt plans: årsmøte, representantskap, landsstyre, landsmøte. */
export const MEETING_BODIES = ['ÅM', 'RS', 'LS', 'LM'] as const;
export type MeetingBody = (typeof MEETING_BODIES)[number];

export const AMENDMENT_OPS = [
  'replace_text',
  'insert_text',
  'strike_text',
  'add_measure',
  'strike_measure',
  'add_goal',
  'strike_goal',
  'change_timing',
  'reassign',
  'add_section',
] as const;
export type AmendmentOp = (typeof AMENDMENT_OPS)[number];

export const RECOMMENDATIONS = ['adopt', 'reject', 'adopt_modified', 'refer'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** What a vote on an amendment decided; withdrawn and lapsed are declared rather than voted. */
export const VOTE_RESULTS = ['adopted', 'rejected', 'withdrawn', 'lapsed', 'referred'] as const;
export type VoteResult = (typeof VOTE_RESULTS)[number];

export const PLAN_VOTE_RESULTS = ['adopted', 'rejected'] as const;

/**
 * What it takes to adopt: a simple majority of the votes cast (more for than against; those who
 * abstain cast no vote), or two thirds of them where the meeting decided so (statutes).
 */
export const MAJORITY_RULES = ['simple', 'two_thirds'] as const;
export type MajorityRule = (typeof MAJORITY_RULES)[number];

/**
 * What the meeting has on the floor ("now being treated"), as the hall's screen and the delegates
 * see it: an amendment, the committee's recommendations to accept en bloc, or the plan as a whole.
 */
export type FloorItem =
  | { readonly kind: 'amendment'; readonly no: number }
  | { readonly kind: 'recommendations' }
  | { readonly kind: 'plan' };
export type PlanVoteResult = (typeof PLAN_VOTE_RESULTS)[number];

export type AmendmentStatus = 'filed' | 'withdrawn' | 'adopted' | 'rejected' | 'lapsed' | 'referred';

/**
 * Where an amendment says it applies, as the proposer wrote it: a measure ("4.2.J" or its id),
 * a goal ("3.1.g2" or its id), a section ("4.1" or its id), lines of the draft the meeting
 * received ("50-53", "50 tom 53", "38/39"), or a new line ({ line: 34, new: true }).
 */
export interface CitedTarget {
  readonly measure?: string;
  readonly goal?: string;
  readonly section?: string;
  readonly lines?: string;
  readonly line?: number;
  readonly new?: boolean;
}

export type TargetKind = 'measure' | 'goal' | 'section' | 'plan';

/** The element a cited target was resolved to when the amendment was filed. */
export interface ResolvedTarget {
  readonly kind: TargetKind;
  /** The element's id; for `plan` (a new top-level section) the plan's id. */
  readonly id: string;
  /** "4.2.J", "3.1.g2", "4.1", or the plan id. */
  readonly address: string;
  /** Its text (a section's title) in the plan the meeting treats, which text operations quote. */
  readonly text?: string;
}

export interface NewMeasure {
  readonly text: string;
  readonly timing?: string;
  readonly responsible?: readonly string[];
  readonly label?: string;
}

export interface NewGoal {
  readonly text: string;
}

export interface NewSection {
  readonly number: string;
  readonly title: string;
  readonly intro?: string;
}

/** What an amendment changes; which fields count depends on its operation. */
export interface AmendmentFields {
  /** replace_text: the text struck... */
  readonly from?: string;
  /** ...and what replaces it. */
  readonly to?: string;
  /** insert_text: the text after which `text` goes (without it, at the end). */
  readonly after?: string;
  /** insert_text: the text inserted; strike_text: the text struck. */
  readonly text?: string;
  readonly measure?: NewMeasure;
  readonly goal?: NewGoal;
  readonly section?: NewSection;
  readonly timing?: string;
  readonly responsible?: readonly string[];
  /** strike_measure, strike_goal, reassign: why. */
  readonly reason?: string;
}

/**
 * The fields of an amendment that say what it changes, in the order of the protocol format: the
 * one list the decider, the protocol format, the replay and the amendment-list import use.
 */
export const AMENDMENT_FIELD_NAMES = [
  'from',
  'to',
  'after',
  'text',
  'measure',
  'goal',
  'section',
  'timing',
  'responsible',
  'reason',
] as const satisfies readonly (keyof AmendmentFields)[];

export type AmendmentFieldName = (typeof AMENDMENT_FIELD_NAMES)[number];

/** The amendment fields `source` gives (those not undefined), in the order of AMENDMENT_FIELD_NAMES. */
export function givenAmendmentFields<T extends { readonly [K in AmendmentFieldName]?: unknown }>(
  source: T,
): Pick<T, AmendmentFieldName> {
  const given: { [K in AmendmentFieldName]?: unknown } = {};
  for (const name of AMENDMENT_FIELD_NAMES) if (source[name] !== undefined) given[name] = source[name];
  return given as Pick<T, AmendmentFieldName>;
}

/** Who voted how; all optional, as protocols often only say "adopted". */
export type VoteCounts = {
  readonly for?: number;
  readonly against?: number;
  readonly abstain?: number;
};
