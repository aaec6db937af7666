import { stemNorwegian } from './stemmer.js';
import { NORWEGIAN_STOP_WORDS } from './stop-words.js';

/**
 * The words of a text as comparable stems: lower case, split at anything that is not a
 * letter or a digit (so "BU-forum" is "bu" and "forum", and «quotes» and punctuation go),
 * stop words and single letters ("f.eks.", "v/", "o.l.") dropped, the rest stemmed.
 * Letters outside a-z (æ, ø, å, é) are letters; numbers are kept ("4 ganger").
 */
export function normaliseNorwegian(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .map(unGenitive)
    .filter((word) => (word.length > 1 || /\d/.test(word)) && !NORWEGIAN_STOP_WORDS.has(word))
    .map(stemNorwegian);
}

/** "SVs", "LOs", "BUs": the genitive of an abbreviation, which is too short for the stemmer. */
function unGenitive(word: string): string {
  return (/^\p{Lu}{2,}s$/u.test(word) ? word.slice(0, -1) : word).toLowerCase();
}
