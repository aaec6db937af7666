/**
 * A light Norwegian stemmer: it strips the inflection and the most common derivational
 * endings, so that "dørbanking", "dørbank" and "dørbanken", or "ringes", "ringe" and
 * "ringing", compare as one word. Modelled on the Snowball Norwegian stemmer's first step,
 * plus -ing and -lig, which measure texts use for the same action ("skolere"/"skolering").
 * It is deliberately crude: one suffix is removed, never leaving a stem under MIN_STEM
 * letters, since a stem of two letters matches too much.
 */
const MIN_STEM = 3;

/** Longest first: the longest ending that leaves a long enough stem wins. */
const SUFFIXES = [
  'hetenes',
  'hetene',
  'hetens',
  'ingene',
  'ingens',
  'heten',
  'heter',
  'ingen',
  'inger',
  'inga',
  'erne',
  'ende',
  'ande',
  'edes',
  'enes',
  'erte',
  'lige',
  'het',
  'ing',
  'ene',
  'ane',
  'ens',
  'ers',
  'ets',
  'ert',
  'ede',
  'ast',
  'lig',
  'en',
  'er',
  'et',
  'ar',
  'as',
  'es',
  'a',
  'e',
  's',
];

/** Forms too short for the rules whose stem still matters. */
const IRREGULAR: Record<string, string> = {
  året: 'år',
  årets: 'år',
  årene: 'år',
  åra: 'år',
  årlig: 'år',
  årlige: 'år',
};

/**
 * "-erte"/"-ert" become "-er", so "skolert", "skolere" and "skolering" meet in "skoler";
 * "-erne" too, so "lederne" meets "ledere" in "leder".
 */
const REPLACE: Record<string, string> = { erte: 'er', ert: 'er', erne: 'er' };

export function stemNorwegian(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  for (const suffix of SUFFIXES) {
    if (!word.endsWith(suffix) || word.length - suffix.length < MIN_STEM) continue;
    const stem = word.slice(0, -suffix.length);
    // Genitive -s only where Snowball allows it (not after a vowel but o, nor after s or
    // k after a vowel), and not on short words: "Oslos", "medlems" yes; "mars", "kurs" no.
    if (suffix === 's' && (word.length <= 4 || !/([bcdfghjlmnoprtvyz]|[^aeiouyæøå]k)$/.test(stem))) continue;
    return collapseDoubleConsonant(stem + (REPLACE[suffix] ?? ''));
  }
  return word;
}

/** "medlemmer" loses "-er" and leaves "medlemm": the base form is "medlem". */
function collapseDoubleConsonant(stem: string): string {
  return /([bdfgklmnprstv])\1$/.test(stem) && stem.length > MIN_STEM ? stem.slice(0, -1) : stem;
}
