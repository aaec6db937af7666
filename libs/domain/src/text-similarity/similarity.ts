import { normaliseNorwegian } from './normalise.js';

/**
 * How alike two measure texts are, 0..1. Half of it is the Dice coefficient of their
 * stems (shared words, whatever their inflection), half the Dice coefficient of the
 * character trigrams of those stems, which catches what the stemmer misses: compounds
 * ("dørbankaksjoner" and "dørbank"), derivations ("skolering" and "grunnskolering")
 * and OCR damage ("dgrbank"). Word order does not matter, so a reworded measure that
 * keeps its words scores high.
 */
export function similarity(a: string, b: string): number {
  return blend(profile(a), profile(b), dice);
}

/**
 * How much of `part` is found in `whole`, 0..1: 1 when every stem and trigram of `part`
 * occurs in `whole`. Asymmetric on purpose: a merged measure covers each of its sources,
 * although it is longer than any of them.
 */
export function coverage(part: string, whole: string): number {
  return blend(profile(part), profile(whole), containment);
}

export interface TextProfile {
  stems: ReadonlySet<string>;
  trigrams: ReadonlySet<string>;
}

export function profile(text: string): TextProfile {
  return profileOfWords(normaliseNorwegian(text));
}

/** The profile of a text already normalised (`normaliseNorwegian`'s words). */
export function profileOfWords(words: readonly string[]): TextProfile {
  const stems = new Set(words);
  const trigrams = new Set<string>();
  for (const stem of stems) {
    // Padded, so a word's start and end count, and short words still give a trigram.
    const padded = ` ${stem} `;
    for (let i = 0; i + 3 <= padded.length; i++) trigrams.add(padded.slice(i, i + 3));
  }
  return { stems, trigrams };
}

type SetMeasure = (a: ReadonlySet<string>, b: ReadonlySet<string>) => number;

export function blend(a: TextProfile, b: TextProfile, measure: SetMeasure): number {
  return (measure(a.stems, b.stems) + measure(a.trigrams, b.trigrams)) / 2;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared;
}

/** Two empty texts are the same text; an empty and a non-empty one share nothing. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 1;
  return (2 * overlap(a, b)) / (a.size + b.size);
}

export function containment(part: ReadonlySet<string>, whole: ReadonlySet<string>): number {
  if (part.size === 0) return whole.size === 0 ? 1 : 0;
  return overlap(part, whole) / part.size;
}
