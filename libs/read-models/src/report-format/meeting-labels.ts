import type { AmendmentOp, AmendmentStatus, MajorityRule, Recommendation } from '@app/domain';
import type { MeetingView } from '../meetings/meeting.queries.js';
import type { VoteLookup } from '../redline/redline.js';
import { formatNumberNb } from './report-format.js';

/**
 * The annual meeting's words in Norwegian bokmål, as the meeting pages, the hall's screen and the
 * protocol (page, Word, PDF) print them.
 */

/** An amendment's operation, as an amendment list or the papers name it. */
export const AMENDMENT_OP_LABEL_NB: Readonly<Record<AmendmentOp, string>> = {
  replace_text: 'Endring',
  insert_text: 'Tillegg',
  strike_text: 'Stryking',
  add_measure: 'Nytt tiltak',
  strike_measure: 'Stryk tiltaket',
  add_goal: 'Nytt mål',
  strike_goal: 'Stryk målet',
  change_timing: 'Ny gjennomføring',
  reassign: 'Nytt ansvar',
  add_section: 'Nytt kapittel',
};

/** The drafting committee's recommendation (innstilling). */
export const RECOMMENDATION_LABEL_NB: Readonly<Record<Recommendation, string>> = {
  adopt: 'Vedta',
  reject: 'Avvise',
  adopt_modified: 'Vedta med endring',
  refer: 'Oversendes styret',
};

/** Where an amendment stands. */
export const AMENDMENT_STATUS_LABEL_NB: Readonly<Record<AmendmentStatus, string>> = {
  filed: 'Til behandling',
  withdrawn: 'Trukket',
  adopted: 'Vedtatt',
  rejected: 'Falt',
  lapsed: 'Bortfalt',
  referred: 'Oversendt styret',
};

/** The body that holds the meeting. */
export const MEETING_BODY_LABEL_NB: Readonly<Record<string, string>> = {
  ÅM: 'Årsmøtet',
  RS: 'Representantskapet',
  LS: 'Landsstyret',
  LM: 'Landsmøtet',
};

export function amendmentOpLabel(op: string): string {
  return (AMENDMENT_OP_LABEL_NB as Record<string, string>)[op] ?? op;
}

export function recommendationLabel(recommendation: string): string {
  return (RECOMMENDATION_LABEL_NB as Record<string, string>)[recommendation] ?? recommendation;
}

export function amendmentStatusLabel(status: string): string {
  return (AMENDMENT_STATUS_LABEL_NB as Record<string, string>)[status] ?? status;
}

export interface VoteCountsNb {
  readonly for: number | null;
  readonly against: number | null;
  readonly abstain: number | null;
}

/** "87 for, 12 mot, 3 avholdende"; empty when nothing was counted. */
export function describeCountsNb(votes: VoteCountsNb | null | undefined): string {
  if (!votes) return '';
  const parts: string[] = [];
  if (votes.for !== null) parts.push(`${formatNumberNb(votes.for)} for`);
  if (votes.against !== null) parts.push(`${formatNumberNb(votes.against)} mot`);
  if (votes.abstain !== null) parts.push(`${formatNumberNb(votes.abstain)} avholdende`);
  return parts.join(', ');
}

/** A vote's result in lower case, as a protocol line or a redline note writes it. */
const RESULT_WORD_NB: Readonly<Record<string, string>> = {
  adopted: 'vedtatt',
  rejected: 'falt',
  withdrawn: 'trukket',
  lapsed: 'bortfalt',
  referred: 'oversendt',
};

/** "vedtatt 87–12–3" (for, against, abstaining), or "vedtatt" when the votes were not counted. */
export function describeVoteNb(result: string | null, votes: VoteCountsNb | null): string | undefined {
  if (!result) return undefined;
  const counts = votes ? [votes.for, votes.against, votes.abstain].map((n) => n ?? 0).join('–') : '';
  return `${RESULT_WORD_NB[result] ?? result}${counts ? ` ${counts}` : ''}`;
}

/** How a redline notes each of the meeting's amendments: its vote ("vedtatt 87–12–3"). */
export function meetingVoteLookup(meeting: MeetingView): VoteLookup {
  const votes = new Map(
    meeting.targets
      .flatMap((t) => t.amendments)
      .map((a) => [a.no, describeVoteNb(a.result, a.votes)] as const),
  );
  return (meetingId, no) => (meetingId === meeting.id ? votes.get(no) : undefined);
}

/** What it takes to adopt, as the officer's page and the meeting's facts name it. */
export const MAJORITY_LABEL_NB: Readonly<Record<MajorityRule, string>> = {
  simple: 'Simpelt flertall av avgitte stemmer',
  two_thirds: 'To tredjedels flertall av avgitte stemmer',
};
