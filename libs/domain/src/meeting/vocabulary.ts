import {
  AMENDMENT_OPS,
  type AmendmentFields,
  type AmendmentOp,
  type CitedTarget,
  type MajorityRule,
  type PlanVoteResult,
  type Recommendation,
  type VoteResult,
} from './meeting.types.js';

/**
 * The words a meeting's results, recommendations and rules go by, in English and in the
 * Norwegian protocols and amendment lists are written in: the one table every reader of them
 * (the api, protocols, amendment lists) looks words up in. Case, spaces and a full stop at the
 * end do not matter; "oversendt fylkesstyret" is "oversendt styret".
 */

const RESULTS: Record<string, VoteResult> = {
  adopted: 'adopted',
  vedtatt: 'adopted',
  vedtas: 'adopted',
  enstemmig: 'adopted',
  'enstemmig vedtatt': 'adopted',
  rejected: 'rejected',
  falt: 'rejected',
  falle: 'rejected',
  faller: 'rejected',
  forkastet: 'rejected',
  nedstemt: 'rejected',
  avvist: 'rejected',
  withdrawn: 'withdrawn',
  trukket: 'withdrawn',
  lapsed: 'lapsed',
  bortfalt: 'lapsed',
  bortfaller: 'lapsed',
  referred: 'referred',
  oversendt: 'referred',
  oversendes: 'referred',
  'oversendt styret': 'referred',
  'oversendes styret': 'referred',
};

const RECOMMENDATIONS: Record<string, Recommendation> = {
  adopt: 'adopt',
  vedta: 'adopt',
  vedtas: 'adopt',
  reject: 'reject',
  avvise: 'reject',
  avvises: 'reject',
  avslå: 'reject',
  avslås: 'reject',
  adopt_modified: 'adopt_modified',
  'vedta med endring': 'adopt_modified',
  'vedta med endringer': 'adopt_modified',
  'vedtas med endring': 'adopt_modified',
  'vedtas med endringer': 'adopt_modified',
  refer: 'refer',
  oversendes: 'refer',
  oversende: 'refer',
  'oversendes styret': 'refer',
  'oversende styret': 'refer',
};

const PLAN_RESULTS: Record<string, PlanVoteResult> = {
  adopted: 'adopted',
  vedtatt: 'adopted',
  'enstemmig vedtatt': 'adopted',
  rejected: 'rejected',
  falt: 'rejected',
  forkastet: 'rejected',
};

const MAJORITIES: Record<string, MajorityRule> = {
  simple: 'simple',
  'simpelt flertall': 'simple',
  'alminnelig flertall': 'simple',
  two_thirds: 'two_thirds',
  'to tredjedels flertall': 'two_thirds',
  'to tredjedeler': 'two_thirds',
  '2/3': 'two_thirds',
  '2/3 flertall': 'two_thirds',
  'kvalifisert flertall': 'two_thirds',
};

/** The Norwegian types of amendment lists, as the domain's operations name them (see normaliseOp). */
const AMENDMENT_TYPES: Record<string, string> = {
  tillegg: 'Tillegg',
  tilføyelse: 'Tillegg',
  'nytt punkt': 'Tillegg',
  'ny linje': 'Tillegg',
  endring: 'Endring',
  endringsforslag: 'Endring',
  omformulering: 'Endring',
  erstatning: 'Endring',
  stryking: 'Stryking',
  strykning: 'Stryking',
  stryk: 'Stryking',
  stryke: 'Stryking',
  'nytt tiltak': 'add_measure',
  'nytt mål': 'add_goal',
  'ny gjennomføring': 'change_timing',
  'nytt ansvar': 'reassign',
  'nytt kapittel': 'add_section',
};

/** A word as the tables hold it: lower case, single spaces, no full stop; a board named is the board. */
function key(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '')
    .replace(/ (?:fylkesstyret|landsstyret|sentralstyret|hovedstyret)$/, ' styret');
}

const lookup = <T>(table: Record<string, T>, word: string): T | undefined =>
  Object.hasOwn(table, key(word)) ? table[key(word)] : undefined;

export const readResult = (word: string): VoteResult | undefined => lookup(RESULTS, word);
export const readRecommendation = (word: string): Recommendation | undefined => lookup(RECOMMENDATIONS, word);
export const readPlanResult = (word: string): PlanVoteResult | undefined => lookup(PLAN_RESULTS, word);
export const readMajority = (word: string): MajorityRule | undefined => lookup(MAJORITIES, word);
/** Tillegg, Endring, Stryking (in any of their words), or an operation's name for a structured type. */
export const readAmendmentType = (word: string): string | undefined => lookup(AMENDMENT_TYPES, word);

/** "vedtatt / adopted, falt / rejected, ...": the words a reader knows, for a message about one it does not. */
export const KNOWN_RESULTS =
  'vedtatt, falt, trukket, bortfalt, oversendt (adopted, rejected, withdrawn, lapsed, referred)';
export const KNOWN_RECOMMENDATIONS =
  'vedta, avvise, vedta med endring, oversendes styret (adopt, reject, adopt_modified, refer)';
export const KNOWN_PLAN_RESULTS = 'vedtatt eller falt (adopted or rejected)';
export const KNOWN_MAJORITIES = 'simpelt flertall eller to tredjedels flertall (simple or two_thirds)';

/**
 * An operation as a protocol may name it: the operation names, or the Norwegian amendment
 * types of real amendment lists. Tillegg is an insertion (or a new measure on a new line),
 * Endring a replacement, Stryking a struck text (or, with no text quoted, the whole element).
 */
export function normaliseOp(
  op: string,
  target: CitedTarget,
  fields: AmendmentFields,
): AmendmentOp | undefined {
  const name = readAmendmentType(op) ?? op.trim();
  if ((AMENDMENT_OPS as readonly string[]).includes(name)) return name as AmendmentOp;
  switch (name.toLowerCase()) {
    case 'tillegg':
      if (fields.section) return 'add_section';
      if (fields.goal) return 'add_goal';
      if (fields.measure || target.new) return 'add_measure';
      return 'insert_text';
    case 'endring':
      return 'replace_text';
    case 'stryking':
      if (fields.text !== undefined) return 'strike_text';
      return target.goal !== undefined ? 'strike_goal' : 'strike_measure';
    default:
      return undefined;
  }
}
