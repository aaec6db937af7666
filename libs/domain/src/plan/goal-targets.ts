import type { Target } from './plan.events.js';

/**
 * The numbers plans set as goals, read from a goal's own text: "Oslo SV skal ha 4000 medlemmer
 * innen utgangen av 2027" is 4000 members by 2027-12-31. One rule wherever a goal comes in: the
 * text importer, a goal added or reworded by a command (the api, a meeting's amendment), so the
 * target never disagrees with the words the meeting adopted. Each pattern is written from a
 * sentence one of the seed documents (or an amendment to them) actually contains; a sentence
 * that fits none of them stays text only.
 */

/** The plan's period: "i løpet av perioden" means by its last year, "innen to år" counts from its first. */
export interface TargetPeriod {
  readonly periodFrom: number;
  readonly periodTo: number;
}

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

/** "4000", "5.500", "4 000" or a number word ("Fire"), as Norwegian plans write numbers. */
export function parseNorwegianNumber(raw: string): number | undefined {
  const word = NUMBER_WORDS[raw.toLowerCase()];
  if (word !== undefined) return word;
  const digits = raw.replace(/[.\s\u00a0]/g, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(digits) ? Number(digits) : undefined;
}

const endOfYear = (year: number | string): string => `${year}-12-31`;

type TargetRule = (text: string, period: TargetPeriod) => Target | undefined;

/** "i 2023", "innen 2023", "i løpet av 2020", "innen utgangen av 2027", "ved utgangen av 2027". */
const BY_YEAR = String.raw`(?:i løpet av|innen utgangen av|ved utgangen av|innen slutten av|innen|i)\s+(\d{4})`;

const TARGET_RULES: readonly TargetRule[] = [
  // "Oslo SV skal ha 4000 medlemmer i 2023", "3200 medlemmer i løpet av 2020.",
  // "Oslo SV skal ha 4000 medlemmer innen utgangen av 2027."
  (t) => {
    const m = new RegExp(String.raw`(?:^|\s)(\d[\d.\s]*\d|\d)\s+medlemmer\s+${BY_YEAR}`, 'i').exec(t);
    const value = m ? parseNorwegianNumber(m[1] ?? '') : undefined;
    return m && value !== undefined ? { metric: 'members', value, by: endOfYear(m[2] ?? '') } : undefined;
  },
  // "10% flere medlemmer i løpet av perioden"
  (t, period) => {
    const m = /(\d+)\s*%\s+flere medlemmer(?:.*?\b(\d{4})\b)?/i.exec(t);
    return m
      ? { metric: 'members_increase_pct', value: Number(m[1]), by: endOfYear(m[2] ?? period.periodTo) }
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
    const value = m ? parseNorwegianNumber(m[1] ?? '') : undefined;
    return m && value !== undefined
      ? { metric: 'county_council_representatives', value, by: endOfYear(m[2] ?? '') }
      : undefined;
  },
  // "Doble antall aktive medlemmer innen to år." (counted from the start of the period)
  (t, period) => {
    const m = /^Doble antall aktive medlemmer innen (\S+) år/i.exec(t);
    const years = m ? parseNorwegianNumber(m[1] ?? '') : undefined;
    return years !== undefined
      ? { metric: 'active_members_multiplier', value: 2, by: endOfYear(period.periodFrom + years - 1) }
      : undefined;
  },
];

/** The target a goal's text sets, if it sets one in words these rules know. */
export function goalTargetFromText(text: string, period: TargetPeriod): Target | undefined {
  for (const rule of TARGET_RULES) {
    const target = rule(text, period);
    if (target) return target;
  }
  return undefined;
}

/** A target whose date has passed: shown as expired, never measured against as if it were current. */
export function isTargetExpired(target: Target, today: string): boolean {
  return target.by !== undefined && target.by < today;
}
