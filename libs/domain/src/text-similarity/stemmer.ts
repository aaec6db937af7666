import { stemmer as snowball } from '@orama/stemmers/norwegian';

/**
 * A Norwegian stemmer for comparing measure texts: "dørbanking", "dørbank" and "dørbanken",
 * or "ringes", "ringe" and "ringing", compare as one word. The inflection and the common
 * derivations (-het, -else, -lig) are the Snowball Norwegian stemmer's, as the Snowball
 * project generates it for JavaScript (packaged by Orama, without dependencies); around it
 * are the few rules measure texts need that Snowball leaves out on purpose, each below.
 * Snowball never leaves a stem under three letters (it strips only inside its R1 region),
 * nor does any rule here, since a stem of two letters matches too much.
 */
export function stemNorwegian(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  // Snowball takes -s off after most consonants, "mars" and "kurs" too: on words this
  // short the -s is nearly always the word's own.
  if (word.length <= 4 && word.endsWith('s')) return word;
  let stem = snowball(word);
  // Plural -erne: Snowball takes only the -e, so "lederne" would not meet "ledere" in "leder".
  if (word.endsWith('erne') && stem.endsWith('ern')) stem = stem.slice(0, -1);
  return collapseDoubleConsonant(withoutIng(stem));
}

/** Forms too short for the rules whose stem still matters: Snowball keeps "året" whole. */
const IRREGULAR: Record<string, string> = {
  året: 'år',
  årets: 'år',
  årene: 'år',
  åra: 'år',
  årlig: 'år',
  årlige: 'år',
};

/**
 * The verbal noun -ing, which Snowball keeps as derivation, not inflection: measure texts
 * use it for the same action as the verb ("skolere"/"skolering", "ringe"/"ringing"), so it
 * goes, leaving at least three letters ("ting" stays).
 */
function withoutIng(stem: string): string {
  return stem.endsWith('ing') && stem.length - 3 >= 3 ? stem.slice(0, -3) : stem;
}

/** "medlemmer" loses "-er" and leaves "medlemm": the base form is "medlem". */
function collapseDoubleConsonant(stem: string): string {
  return /([bdfgklmnprstv])\1$/.test(stem) && stem.length > 3 ? stem.slice(0, -1) : stem;
}
