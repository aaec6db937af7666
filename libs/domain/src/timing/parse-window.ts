import { dayBefore, isValidDate, isoDate } from './calendar.js';
import {
  type DateWindow,
  MONTH_PATTERN,
  PART_OF_YEAR_PATTERN,
  SEASON_PATTERN,
  monthNumber,
  monthWindow,
  seasonWindow,
  winterWindow,
  yearWindow,
} from './vocabulary.js';

/**
 * One phrase of folded, lower-case timing text ("host 2026", "innen 1. mars 2026") to a due
 * window. Patterns search rather than match the whole phrase, so a leading verb
 * ("planlegge host 2026") or a trailing remark does not hide the date. The most specific
 * pattern is tried first: "vinter 2025-26" before the year range "2025-26", a day before
 * its month, a month before its year.
 */

const Y = '(\\d{4})';
const M = `(${MONTH_PATTERN})\\.?`;

/** Reads one match; undefined lets the next match (or the next rule) try. */
type Reader = (m: RegExpExecArray, yearHint: number | undefined) => DateWindow | undefined;
type Rule = [RegExp, Reader];

function plausibleYear(value: string | undefined): number | undefined {
  const year = Number(value);
  return value !== undefined && Number.isInteger(year) && year >= 1900 && year <= 2199 ? year : undefined;
}

/** "2025-26" and "2025/2026" both name the year after 2025. */
function secondYear(first: number, second: string): number {
  return second.length === 2 ? Math.floor(first / 100) * 100 + Number(second) : Number(second);
}

function singleDay(year: number | undefined, month: number | undefined, day: number): DateWindow | undefined {
  if (year === undefined || month === undefined || !isValidDate(year, month, day)) return undefined;
  const iso = isoDate(year, month, day);
  return { from: iso, to: iso };
}

const QUARTERS: Record<string, number> = {
  1: 1,
  2: 2,
  3: 3,
  4: 4,
  forste: 1,
  andre: 2,
  tredje: 3,
  fjerde: 4,
};

const RULES: Rule[] = [
  // "vinter 2025-26", "vinteren 2025/26", "vinter 2026/nyaret 2027": December to February.
  [
    new RegExp(`\\bvinter(?:en)?\\s+${Y}\\s*(?:-|/|til)\\s*(?:nyaret\\s+)?(\\d{4}|\\d{2})\\b`, 'g'),
    (m) => {
      const first = plausibleYear(m[1]);
      return first === undefined ? undefined : monthWindow(first, 12, secondYear(first, m[2]!), 2);
    },
  ],
  // "vinteren 2025/nyaret 2026" (the pilot in 4.1.D of the Oslo plan) when the second year is missing.
  [
    new RegExp(`\\bvinter(?:en)?\\s+${Y}\\s*(?:/|og|-)\\s*nyaret\\b`, 'g'),
    (m) => {
      const first = plausibleYear(m[1]);
      return first === undefined ? undefined : winterWindow(first);
    },
  ],
  [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => singleDay(plausibleYear(m[1]), Number(m[2]), Number(m[3]))],
  [/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g, (m) => singleDay(plausibleYear(m[3]), Number(m[2]), Number(m[1]))],
  [
    new RegExp(`\\b(\\d{1,2})\\.?\\s*${M}(?:\\s+${Y})?(?![\\w-])`, 'g'),
    (m, hint) => singleDay(plausibleYear(m[3]) ?? hint, monthNumber(m[2]!), Number(m[1])),
  ],
  // "første halvår" is January-June and "andre halvår" July-December: calendar halves, unlike høst.
  [
    new RegExp(`\\b(forste|1\\.|andre|siste|2\\.)\\s*halvar(?:et)?(?:\\s+(?:i\\s+)?${Y})?`, 'g'),
    (m, hint) => {
      const year = plausibleYear(m[2]) ?? hint;
      if (year === undefined) return undefined;
      return /^(forste|1\.)$/.test(m[1]!) ? monthWindow(year, 1, year, 6) : monthWindow(year, 7, year, 12);
    },
  ],
  [
    new RegExp(
      `\\b(?:([1-4])\\.?|(forste|andre|tredje|fjerde))\\s*kvartal(?:et)?(?:\\s+(?:i\\s+)?${Y})?`,
      'g',
    ),
    (m, hint) => {
      const year = plausibleYear(m[3]) ?? hint;
      const q = QUARTERS[m[1] ?? m[2]!]!;
      return year === undefined ? undefined : monthWindow(year, q * 3 - 2, year, q * 3);
    },
  ],
  [
    new RegExp(`\\b${M}\\s*(?:-|til|/)\\s*${M}(?:\\s+${Y})?`, 'g'),
    (m, hint) => {
      const year = plausibleYear(m[3]) ?? hint;
      const first = monthNumber(m[1]!)!;
      const last = monthNumber(m[2]!)!;
      if (year === undefined) return undefined;
      // "november-januar 2027" crosses the new year; the year named is the one it ends in.
      return last >= first ? monthWindow(year, first, year, last) : monthWindow(year - 1, first, year, last);
    },
  ],
  [
    new RegExp(`\\b${M}(?:\\s+${Y})?(?![\\w-])`, 'g'),
    (m, hint) => {
      const year = plausibleYear(m[2]) ?? hint;
      const month = monthNumber(m[1]!)!;
      return year === undefined ? undefined : monthWindow(year, month, year, month);
    },
  ],
  [
    new RegExp(`\\b(${SEASON_PATTERN})(?:\\s+i)?(?:\\s+${Y})?\\b`, 'g'),
    (m, hint) => {
      const year = plausibleYear(m[2]) ?? hint;
      return year === undefined ? undefined : seasonWindow(m[1]!, year);
    },
  ],
  [
    new RegExp(`\\b(${PART_OF_YEAR_PATTERN})(?:\\s+i)?\\s+${Y}\\b`, 'g'),
    (m) => {
      const year = plausibleYear(m[2]);
      return year === undefined ? undefined : seasonWindow(m[1]!, year);
    },
  ],
  [
    /\b(\d{4})\s*(?:-|\/|til)\s*(\d{4}|\d{2})\b/g,
    (m) => {
      const first = plausibleYear(m[1]);
      if (first === undefined) return undefined;
      const last = secondYear(first, m[2]!);
      return last >= first ? yearWindow(first, last) : undefined;
    },
  ],
  [
    /\b(\d{4})\b/g,
    (m) => {
      const year = plausibleYear(m[1]);
      return year === undefined ? undefined : yearWindow(year);
    },
  ],
];

/** A deadline: "innen 1. mars 2026", "før sommeren 2026", "innen utgangen av 2026". */
const DEADLINE =
  /\b(innen|senest|for|fram mot|frem mot|i forkant av)\s+(?:utgangen av\s+|slutten av\s+)?(.*)$/d;

/**
 * @param text the folded, lower-case phrase
 * @param original the same phrase before folding, to tell "før" (before) from "for"
 * @param yearHint the year of a neighbouring phrase, for "vår og høst 2026"
 */
export function parseWindowPhrase(text: string, original: string, yearHint?: number): DateWindow | undefined {
  const deadline = DEADLINE.exec(text);
  if (deadline) {
    const word = deadline[1]!;
    const at = deadline.indices![1]![0];
    const isFor = word === 'for';
    if (!isFor || original.slice(at, at + 3) === 'før') {
      const before = word !== 'innen' && word !== 'senest';
      const window = deadlineWindow(deadline[2]!, before, yearHint);
      if (window) return window;
    }
  }
  for (const [pattern, read] of RULES) {
    for (const m of text.matchAll(pattern)) {
      const window = read(m as RegExpExecArray, yearHint);
      if (window) return window;
    }
  }
  return undefined;
}

function deadlineWindow(rest: string, before: boolean, yearHint?: number): DateWindow | undefined {
  const target = parseWindowPhrase(rest, rest, yearHint);
  if (!target) return undefined;
  let to = before ? dayBefore(target.from) : target.to;
  // "Før sommeren" means before the summer break (fellesferie, July): the end of the spring
  // term, 30 June, the same end as "Vår", and not the day before the season's 1 June.
  if (before && /^sommer(en)?\b/.test(rest)) to = `${target.from.slice(0, 4)}-06-30`;
  // A deadline opens at the start of the year it falls in: plans are revised year by year.
  return { from: `${to.slice(0, 4)}-01-01`, to };
}
