import { OCR_LEXICON } from './ocr-lexicon.js';

/**
 * Repairs the letters OCR misreads in Norwegian text, and only where the repair gives a word of
 * the word list (ocr-lexicon.ts): "ngye" -> "nøye", "arlig" -> "årlig", "Mal:" -> "Mål:",
 * "gjennomfort" -> "gjennomført". A word already in the list, or one no substitution turns into a
 * listed word, is left exactly as it is.
 */

/** What the scanner read -> what was printed. Ordered: the first rules are tried first. */
const SUBSTITUTIONS: readonly (readonly [string, string])[] = [
  ['a', 'å'],
  ['a', 'ø'],
  ['g', 'ø'],
  ['e', 'ø'],
  ['o', 'ø'],
  ['ae', 'æ'],
  ['ee', 'æ'],
  ['ze', 'æ'],
  ['eae', 'æ'],
  ['i', 'j'],
  ['I', 'l'],
  ['J', 'Ø'],
  ['A', 'Å'],
  ['O', 'Ø'],
  // A worn "n" read as "r": "de reste fire årene" (struck text in seed 004) is "de neste fire årene".
  ['r', 'n'],
];

/** At most this many letters are substituted in one word ("Fylkesarsmatet" needs two). */
const MAX_SUBSTITUTIONS = 3;

/** Misreads that are not letter substitutions: a lost space or hyphen. */
const WHOLE_WORDS: Readonly<Record<string, string>> = {
  Viskal: 'Vi skal',
  Suer: 'SU-er',
};

const inLexicon = (word: string): boolean => OCR_LEXICON.has(word.toLowerCase());

/** The repaired word, or undefined when no substitution gives a listed word. */
export function repairWord(word: string): string | undefined {
  const whole = WHOLE_WORDS[word];
  if (whole !== undefined) return whole;
  if (inLexicon(word)) return undefined;
  // Breadth-first over substitution sites: fewer substitutions win, then rule order, then position.
  let frontier: { word: string; from: number }[] = [{ word, from: 0 }];
  for (let depth = 0; depth < MAX_SUBSTITUTIONS; depth++) {
    const next: { word: string; from: number }[] = [];
    for (const candidate of frontier) {
      for (const [seen, printed] of SUBSTITUTIONS) {
        for (
          let at = candidate.word.indexOf(seen, candidate.from);
          at >= 0;
          at = candidate.word.indexOf(seen, at + 1)
        ) {
          const repaired = candidate.word.slice(0, at) + printed + candidate.word.slice(at + seen.length);
          if (inLexicon(repaired)) return repaired;
          next.push({ word: repaired, from: at + printed.length });
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

export interface OcrRepair {
  readonly from: string;
  readonly to: string;
}

/**
 * Repairs a line. Besides words: "&" and "8" standing for "å" ("& bygge", "til 8 danne"), and
 * "|" standing for "I" at the start of a clause ("| kommuner der ...").
 */
export function repairOcrLine(line: string): { text: string; repairs: OcrRepair[] } {
  const repairs: OcrRepair[] = [];
  let text = line.replace(
    /(^|\s)([&8]|\|)(?=\s+\p{Ll})/gu,
    (all, space: string, sign: string, offset: number) => {
      if (sign === '8' && !/\b(?:til|for)$/.test(line.slice(0, offset).trimEnd())) return all;
      const to = sign === '|' ? 'I' : 'å';
      repairs.push({ from: sign, to });
      return `${space}${to}`;
    },
  );
  text = text.replace(/\p{L}+/gu, (word) => {
    const repaired = repairWord(word);
    if (repaired === undefined) return word;
    repairs.push({ from: word, to: repaired });
    return repaired;
  });
  return { text, repairs };
}

/** Short words a scan glues to the word before when the space is lost: "mandatfra", "valgeti". */
const GLUED_ENDINGS = ['fra', 'til', 'på', 'ved', 'for', 'av', 'og', 'i'];

/**
 * Splits words a scan glued together, where the text lost its spaces (struck text read through
 * the strike-through line: "mandatfraBuskerud", "valgeti"): a capital inside a word starts a new
 * one, and a short word glued to the end of an unlisted word stands apart. Listed words stay.
 */
export function splitGluedWords(text: string): string {
  return text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/\p{L}+/gu, (word) => {
    if (inLexicon(word)) return word;
    for (const ending of GLUED_ENDINGS) {
      const rest = word.slice(0, -ending.length);
      if (word.toLowerCase().endsWith(ending) && rest.length >= 4)
        return `${rest} ${word.slice(-ending.length)}`;
    }
    return word;
  });
}
