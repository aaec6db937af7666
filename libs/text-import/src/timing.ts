/**
 * The "Gjennomføring" column: when a measure is carried out. Written as short phrases
 * ("Vår 2026", "Kontinuerlig", "Vinter 2025-26", "Umiddelbart etter ÅM", "Årlig (høst)",
 * "Planlegge høst 2026, gjennomføre tidlig 2027"). Because the table was flattened into running
 * text, the timing phrase is read as the longest prefix made of timing words; what follows
 * is the "Ansvar" column.
 */

/** Words that can open a timing phrase (a text line starting with one of these may be the column). */
const OPENERS = new Set([
  'vår',
  'våren',
  'høst',
  'høsten',
  'vinter',
  'vinteren',
  'sommer',
  'sommeren',
  'kontinuerlig',
  'kontinuering',
  'årlig',
  'løpende',
  'umiddelbart',
  'vedlikeholdes',
  'planlegge',
]);

/** Words that may continue a timing phrase. */
const CONTINUERS = new Set([
  ...OPENERS,
  'ved',
  'behov',
  'etter',
  'en',
  'gang',
  'per',
  'år',
  'gjennomføre',
  'tidlig',
  'og',
  'benyttes',
  'spesielt',
  'nyåret',
  'halvår',
  'hvert',
]);

const YEAR = /^\d{4}(?:[-–]\d{2,4})?$/;

export interface TimingScan {
  /** The timing words consumed, as written. */
  readonly timing: string;
  /** The rest of the line (the Ansvar column, when there is one). */
  readonly rest: string;
  /** Open parentheses at the end: "2026 (Aktuelle tidsrom" continues on the next line. */
  readonly depth: number;
  /** True when the phrase cannot end here ("Umiddelbart etter", "Kontinuerlig,", an open parenthesis). */
  readonly incomplete: boolean;
}

function isTimingWord(word: string, prev: string | undefined, next: string | undefined): boolean {
  const parts = word.split('/').filter((p) => p !== '');
  if (parts.length === 0) return word.includes('/');
  return parts.every((raw, i) => {
    const p = raw.replace(/[,.;]+$/, '').toLowerCase();
    if (YEAR.test(p) || CONTINUERS.has(p)) return true;
    // "ÅM" is the annual meeting, but also a point in time: "Umiddelbart etter ÅM", "ÅM 2026".
    if (p === 'åm')
      return (i === 0 && prev?.toLowerCase() === 'etter') || (next !== undefined && YEAR.test(next));
    return false;
  });
}

/** True when the text can start a timing phrase ("Vår 2026 ...", "2026 ...", "Ved behov ..."). */
function opens(words: readonly string[]): boolean {
  const first =
    (words[0] ?? '')
      .split('/')[0]
      ?.replace(/[,.;]+$/, '')
      .toLowerCase() ?? '';
  const second = (words[1] ?? '').toLowerCase();
  if (OPENERS.has(first) || YEAR.test(first)) return true;
  if (first === 'ved') return second.startsWith('behov');
  if (first === 'en') return second === 'gang';
  if (first === 'åm') return YEAR.test(words[1] ?? '');
  return false;
}

const ENDS_OPEN = /(?:^|\s)(?:etter|ved|og|per|en|gang|i)$|[,/]$/i;

/**
 * Reads timing words from the start of a line. With `continuing` (a phrase started on an
 * earlier line, `depth` parentheses still open) any word counts while a parenthesis is open.
 */
export function scanTiming(
  line: string,
  continuing?: { depth: number; prev?: string },
): TimingScan | undefined {
  const words = line
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  // The column starts with a capital or a year ("Vår 2026"); "våren 2027." is the text column.
  if (!continuing && (!opens(words) || /^\p{Ll}/u.test(words[0] ?? ''))) return undefined;
  let depth = continuing?.depth ?? 0;
  let taken = 0;
  let prev = continuing?.prev;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const inParens = depth > 0 || word.startsWith('(');
    if (!inParens && !isTimingWord(word, prev, words[i + 1])) break;
    for (const ch of word) {
      if (ch === '(') depth++;
      if (ch === ')') depth = Math.max(0, depth - 1);
    }
    taken = i + 1;
    prev = word;
  }
  const timing = words.slice(0, taken).join(' ');
  const rest = words.slice(taken).join(' ');
  return { timing, rest, depth, incomplete: depth > 0 || ENDS_OPEN.test(timing) };
}
