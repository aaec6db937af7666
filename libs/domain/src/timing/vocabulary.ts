import { isoDate, lastDayOf } from './calendar.js';

/**
 * The words plans use for time, in the folded spelling the parser matches against
 * (å -> a, ø -> o, æ -> a, see foldNorwegian): OCR of the Buskerud plan loses the
 * diacritics ("arlig" for "årlig"), so folding makes both spellings one.
 */

export interface DateWindow {
  from: string;
  to: string;
}

/** Length-preserving, so a match in the folded text slices the same span of the original. */
export function foldNorwegian(text: string): string {
  return text
    .replace(/[åàáâä]/g, 'a')
    .replace(/[øöó]/g, 'o')
    .replace(/æ/g, 'a')
    .replace(/[éèê]/g, 'e');
}

/** No "jul": in Norwegian that is Christmas, not a short July. */
const MONTHS: Record<string, number> = {
  januar: 1,
  jan: 1,
  februar: 2,
  feb: 2,
  mars: 3,
  april: 4,
  apr: 4,
  mai: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  desember: 12,
  des: 12,
};

/** Longest names first, so "juni" is not read as "jun" + "i". */
export const MONTH_PATTERN = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

export function monthNumber(name: string): number | undefined {
  return MONTHS[name.replace(/\.$/, '')];
}

export function yearWindow(from: number, to: number = from): DateWindow {
  return { from: isoDate(from, 1, 1), to: isoDate(to, 12, 31) };
}

export function monthWindow(year: number, fromMonth: number, toYear: number, toMonth: number): DateWindow {
  return { from: isoDate(year, fromMonth, 1), to: lastDayOf(toYear, toMonth) };
}

/**
 * Seasons as party plans use them, which is not the meteorological calendar:
 * - vår (våren, vårhalvåret): January-June. The party year has two terms; the spring
 *   term runs from the new year to the summer break, so "Vår 2026" is due by 30 June.
 * - høst (høsten, høsthalvåret): August-December, the autumn term after the summer break.
 * - sommer: June-August, common Norwegian usage (the June summer party of the Oslo plan
 *   is "hver sommer"). "Før sommeren" is a deadline of its own, see parse-window.ts.
 * - vinter: December to the end of February. "Vinter 2025-26" is 2025-12-01..2026-02-28;
 *   a single year names the winter that contains its January ("vinter 2026" = 2025-12..2026-02).
 * - nyåret (the new year): January-February.
 * - tidlig (early in the year): January-April, the spring term before the annual meeting
 *   season is over; "sent"/"slutten av" (late in the year): October-December.
 */
export function seasonWindow(season: string, year: number): DateWindow | undefined {
  switch (season) {
    case 'var':
    case 'varen':
    case 'varhalvaret':
      return monthWindow(year, 1, year, 6);
    case 'host':
    case 'hosten':
    case 'hosthalvaret':
      return monthWindow(year, 8, year, 12);
    case 'sommer':
    case 'sommeren':
      return monthWindow(year, 6, year, 8);
    case 'vinter':
    case 'vinteren':
      return winterWindow(year - 1);
    case 'nyaret':
      return monthWindow(year, 1, year, 2);
    case 'tidlig':
    case 'starten av':
    case 'begynnelsen av':
      return monthWindow(year, 1, year, 4);
    case 'sent':
    case 'slutten av':
      return monthWindow(year, 10, year, 12);
    default:
      return undefined;
  }
}

/** The winter that starts in December of `startYear`: ends 28 or 29 February. */
export function winterWindow(startYear: number): DateWindow {
  return monthWindow(startYear, 12, startYear + 1, 2);
}

/** Seasons that may borrow their year from a neighbour: "vår og høst 2026". */
export const SEASON_PATTERN =
  'varhalvaret|hosthalvaret|varen|var|hosten|host|sommeren|sommer|vinteren|vinter|nyaret';
/** Adverbs of the year, which need the year right after them: "tidlig 2027", "slutten av 2026". */
export const PART_OF_YEAR_PATTERN = 'tidlig|sent|starten av|begynnelsen av|slutten av';
