import type { MajorityRule, VoteCounts } from '../meeting.types.js';
import { invalid } from './guards.js';

const RULE_WORDS: Record<MajorityRule, string> = {
  simple: 'simpelt flertall av de avgitte stemmene',
  two_thirds: 'to tredjedels flertall av de avgitte stemmene',
};

/** Whole, non-negative counts; those not given stay out. */
export function checkCounts(counts: VoteCounts): VoteCounts {
  const out: { for?: number; against?: number; abstain?: number } = {};
  for (const key of ['for', 'against', 'abstain'] as const) {
    const value = counts[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0)
      throw invalid('INVALID_VOTE_COUNT', `Stemmetallet «${key}» må være et helt tall fra 0, ikke ${value}`, {
        field: key,
      });
    out[key] = value;
  }
  return out;
}

/**
 * Whether the counts carry the vote under the rule: more for than against (abstentions are no
 * votes cast), or at least two thirds of the votes cast for. Undefined when for or against is not given.
 */
export function carries(counts: VoteCounts, rule: MajorityRule): boolean | undefined {
  if (counts.for === undefined || counts.against === undefined) return undefined;
  return rule === 'two_thirds'
    ? counts.for * 3 >= (counts.for + counts.against) * 2 && counts.for > 0
    : counts.for > counts.against;
}

/**
 * Refuses a result the counts contradict: adopted (or referred) without the majority the meeting
 * requires, or rejected with it.
 */
export function checkResultAgainstCounts(
  result: 'adopted' | 'rejected' | 'referred',
  counts: VoteCounts,
  rule: MajorityRule,
  what: string,
): void {
  const carried = carries(counts, rule);
  if (carried === undefined) return;
  const passes = result !== 'rejected';
  if (carried === passes) return;
  const word = result === 'adopted' ? 'vedtatt' : result === 'referred' ? 'oversendt' : 'falt';
  throw invalid(
    'COUNTS_CONTRADICT_RESULT',
    `${what} kan ikke være ${word} med ${counts.for} for og ${counts.against} mot: ${passes ? 'det krever' : 'det har'} ${RULE_WORDS[rule]}. Sjekk tallene eller resultatet`,
    { field: 'result', for: counts.for, against: counts.against, rule },
  );
}
