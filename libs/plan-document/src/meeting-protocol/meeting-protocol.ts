import { listedProblems } from '../plan-document-error.js';

/**
 * The meeting protocol: what a meeting decided, in the order it voted (DESIGN.md, "Meeting
 * protocol"). Replayed as commands; exported from a meeting, it imports back to the same result.
 */

export interface ProtocolMeeting {
  /** Slug: oslo-sv-am-2026. */
  readonly id: string;
  /** Organisation slug. */
  readonly org: string;
  /** ÅM, RS, LS or LM. */
  readonly body: string;
  /** ISO date. */
  readonly date: string;
  /** The plan the meeting treats. */
  readonly plan: string;
  /** The plan stream's revision the meeting treats (the draft it received); the plan as it is when left out. */
  readonly planRevision?: number;
  readonly title?: string;
  /** The edition the plan gets when adopted ("2026"). */
  readonly edition?: string;
  /** Until when members filed amendments (innsendingsfrist): an instant, a local time or a date. */
  readonly deadline?: string;
  /** What it took to adopt: simple (the default) or two_thirds; also in Norwegian. */
  readonly majority?: string;
}

export interface ProtocolTarget {
  readonly measure?: string;
  readonly goal?: string;
  readonly section?: string;
  readonly lines?: string;
  readonly line?: number;
  readonly new?: boolean;
}

export interface ProtocolNewMeasure {
  readonly text: string;
  readonly timing?: string;
  readonly responsible?: readonly string[];
  readonly label?: string;
}

export interface ProtocolChangeFields {
  readonly from?: string;
  readonly to?: string;
  readonly after?: string;
  readonly text?: string;
  readonly measure?: ProtocolNewMeasure;
  readonly goal?: { readonly text: string };
  readonly section?: { readonly number: string; readonly title: string; readonly intro?: string };
  readonly timing?: string;
  readonly responsible?: readonly string[];
  readonly reason?: string;
}

export interface ProtocolAmendment extends ProtocolChangeFields {
  readonly no: number;
  readonly proposer?: string;
  /** Left out only for add_section, whose number says where it goes. */
  readonly target?: ProtocolTarget;
  /** An operation, or Tillegg / Endring / Stryking. */
  readonly op: string;
  readonly justification?: string;
  /** The drafting committee's recommendation (innstilling). */
  readonly recommendation?: string;
  /** adopt_modified: the fields as the committee rewrote them. */
  readonly modified?: ProtocolChangeFields;
  readonly recommendationNote?: string;
  /** Who filed it (`user:<id>`), as recorded. */
  readonly filedBy?: string;
  /** Put forward in the meeting after the deadline ("fremmet i møtet"). */
  readonly inMeeting?: boolean;
  /** Its recommendation was contested: it was voted on for itself, not en bloc. */
  readonly contested?: boolean;
}

export interface ProtocolAmendmentVote {
  readonly amendment: number;
  readonly result: string;
  readonly for?: number;
  readonly against?: number;
  readonly abstain?: number;
  readonly reason?: string;
  /** Whether the committee's modified text was adopted (default: when it recommended adopt_modified). */
  readonly modified?: boolean;
}

export interface ProtocolPlanVote {
  readonly plan: string;
  readonly for?: number;
  readonly against?: number;
  readonly abstain?: number;
}

/** One vote accepting the committee's recommendations on these amendments en bloc. */
export interface ProtocolRecommendationsVote {
  readonly recommendations: string;
  readonly amendments: readonly number[];
  readonly for?: number;
  readonly against?: number;
  readonly abstain?: number;
}

export type ProtocolVote = ProtocolAmendmentVote | ProtocolPlanVote | ProtocolRecommendationsVote;

export interface MeetingProtocol {
  readonly meeting: ProtocolMeeting;
  readonly amendments: readonly ProtocolAmendment[];
  /** The order the officer set for the vote, where they set one. */
  readonly votingOrder?: readonly number[];
  readonly votes: readonly ProtocolVote[];
}

export const isPlanVote = (vote: ProtocolVote): vote is ProtocolPlanVote => 'plan' in vote;
export const isRecommendationsVote = (vote: ProtocolVote): vote is ProtocolRecommendationsVote =>
  'recommendations' in vote;

/** One problem in a protocol: which amendment (or vote), which line and field, and why. */
export interface ProtocolIssue {
  readonly amendment?: number;
  readonly line?: number;
  /** Field path such as "amendments[3].from" or "votes[2].amendment". */
  readonly field: string;
  readonly message: string;
}

/** A protocol that cannot be replayed; every problem is listed and nothing is written. */
export class ProtocolError extends Error {
  readonly code = 'INVALID_PROTOCOL';
  readonly issues: readonly ProtocolIssue[];
  /** How many problems there are (issues lists the first MAX_LISTED_PROBLEMS). */
  readonly total: number;
  /** `total`: given when `issues` are the listed ones already (the error read back from a worker thread). */
  constructor(issues: readonly ProtocolIssue[], total?: number) {
    const listed =
      total !== undefined
        ? issues
        : listedProblems(issues, (n): ProtocolIssue => ({
            field: '',
            message: `og ${n.toLocaleString('nb-NO')} feil til`,
          }));
    super(
      `Protokollen har ${total ?? issues.length} feil:\n` +
        listed.map((i) => `  ${describeIssue(i)}`).join('\n'),
    );
    this.issues = listed;
    this.total = total ?? issues.length;
    this.name = 'ProtocolError';
  }
}

export function describeIssue(issue: ProtocolIssue): string {
  return [
    issue.line !== undefined ? `linje ${issue.line}: ` : '',
    issue.amendment !== undefined ? `forslag ${issue.amendment}: ` : '',
    issue.field ? `${issue.field}: ` : '',
    issue.message,
  ].join('');
}
