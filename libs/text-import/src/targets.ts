import { type GoalTarget, type Measurement } from '@app/plan-document';

/**
 * Numbers the plans set as goals ("Oslo SV skal ha 4000 medlemmer i 2023") and the status
 * figures they report ("Oslo SV har 2993 medlemmer", status at 31.12.2019). Each pattern is
 * written from a sentence one of the seed documents actually contains; a sentence that fits
 * none of them stays text only.
 */

const NUMBER_WORDS: Record<string, number> = {
  en: 1,
  ett: 1,
  én: 1,
  to: 2,
  tre: 3,
  fire: 4,
  fem: 5,
  seks: 6,
  sju: 7,
  syv: 7,
  åtte: 8,
  ni: 9,
  ti: 10,
};

/** "4000", "5.500", "4 000" or a number word ("Fire"). */
export function parseNumber(raw: string): number | undefined {
  const word = NUMBER_WORDS[raw.toLowerCase()];
  if (word !== undefined) return word;
  const digits = raw.replace(/[.\s\u00a0]/g, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(digits) ? Number(digits) : undefined;
}

const endOfYear = (year: number | string): string => `${year}-12-31`;

export interface TargetContext {
  /** Last year of the plan period: "i løpet av perioden" means by then. */
  readonly periodTo: number;
  /** First year of the plan period: "innen to år" counts from it. */
  readonly periodFrom: number;
}

type TargetRule = (text: string, ctx: TargetContext) => GoalTarget | undefined;

const TARGET_RULES: readonly TargetRule[] = [
  // "Oslo SV skal ha 4000 medlemmer i 2023", "3200 medlemmer i løpet av 2020."
  (t) => {
    const m = /(?:^|\s)(\d[\d.\s]*\d|\d)\s+medlemmer\s+(?:i løpet av|innen|i)\s+(\d{4})/i.exec(t);
    const value = m ? parseNumber(m[1] ?? '') : undefined;
    return m && value !== undefined ? { metric: 'members', value, by: endOfYear(m[2] ?? '') } : undefined;
  },
  // "10% flere medlemmer i løpet av perioden"
  (t, ctx) => {
    const m = /(\d+)\s*%\s+flere medlemmer(?:.*?\b(\d{4})\b)?/i.exec(t);
    return m
      ? { metric: 'members_increase_pct', value: Number(m[1]), by: endOfYear(m[2] ?? ctx.periodTo) }
      : undefined;
  },
  // "Vi skal øke antall valglister i lokalvalget 2023 med 10% fra 2019."
  (t) => {
    const m = /øke antall valglister\b.*?(\d{4}).*?med\s+(\d+)\s*%/i.exec(t);
    return m
      ? { metric: 'election_lists_increase_pct', value: Number(m[2]), by: endOfYear(m[1] ?? '') }
      : undefined;
  },
  // "Fire fylkestingsrepresentanter fra Buskerud ved valget i 2027"
  (t) => {
    const m = /^(\S+)\s+fylkestingsrepresentanter\b.*?\b(\d{4})\b/i.exec(t);
    const value = m ? parseNumber(m[1] ?? '') : undefined;
    return m && value !== undefined
      ? { metric: 'county_council_representatives', value, by: endOfYear(m[2] ?? '') }
      : undefined;
  },
  // "Doble antall aktive medlemmer innen to år." (counted from the start of the period)
  (t, ctx) => {
    const m = /^Doble antall aktive medlemmer innen (\S+) år/i.exec(t);
    const years = m ? parseNumber(m[1] ?? '') : undefined;
    return years !== undefined
      ? { metric: 'active_members_multiplier', value: 2, by: endOfYear(ctx.periodFrom + years - 1) }
      : undefined;
  },
];

export function targetFor(text: string, ctx: TargetContext): GoalTarget | undefined {
  for (const rule of TARGET_RULES) {
    const target = rule(text, ctx);
    if (target) return target;
  }
  return undefined;
}

/** "31.12.2019" -> "2019-12-31". */
export function isoDate(dmy: string): string | undefined {
  const m = /(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(dmy);
  if (!m) return undefined;
  return `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
}

/** Status figures, most specific first: the first rule that matches a sentence wins. */
const MEASUREMENT_RULES: readonly { readonly metric: string; readonly pattern: RegExp }[] = [
  { metric: 'paying_members', pattern: /^(\d[\d.]*) betalende medlemmer/i },
  { metric: 'new_members', pattern: /^(\d[\d.]*) nye medlemmer/i },
  { metric: 'members_removed_for_non_payment', pattern: /^(\d[\d.]*) medlemmer er slettet/i },
  { metric: 'members_resigned', pattern: /^(\d[\d.]*) medlemmer er aktivt utmeldt/i },
  {
    metric: 'new_members_joined_group',
    pattern: /^(\d[\d.]*) nye har selv meldt seg på i en politisk gruppe/i,
  },
  { metric: 'members', pattern: /\bhar (\d[\d.]*) medlemmer\b/i },
  { metric: 'local_branches', pattern: /^(?:\S+ SV har )?(\d+) lokallag\.?\s*$/i },
  { metric: 'elected_representatives', pattern: /^(\d+) folkevalgte i bystyre og bydelsutvalg/i },
];

/**
 * A measurement from one status bullet. The date is the one the sentence gives ("per 31.12.2025"),
 * else the date of the status block it stands in ("Status 31.12.2019 for Oslo SV").
 */
export function measurementFrom(sentence: string, blockDate: string | undefined): Measurement | undefined {
  for (const { metric, pattern } of MEASUREMENT_RULES) {
    const m = pattern.exec(sentence);
    const value = m ? parseNumber(m[1] ?? '') : undefined;
    if (value === undefined) continue;
    const at = isoDate(sentence) ?? blockDate;
    if (!at) return undefined;
    return { metric, value, at, text: sentence };
  }
  return undefined;
}
