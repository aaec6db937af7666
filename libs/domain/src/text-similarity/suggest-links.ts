import { foldLeftovers, type OpenLink } from './fold-leftovers.js';
import { normaliseNorwegian } from './normalise.js';
import { type TextProfile, blend, containment, profileOfWords, similarity } from './similarity.js';

export type LinkKind = 'unchanged' | 'reworded' | 'merged' | 'split' | 'new' | 'dropped';

/** A suggested lineage link: measures `from` of the previous plan continue as `to`. */
export interface LinkSuggestion {
  from: string[];
  to: string[];
  kind: LinkKind;
  score: number;
}

export interface MeasureText {
  id: string;
  text: string;
}

/**
 * Below this a pair is not suggested. Chosen on the Oslo SV plans 2020-2023 and 2024-2027
 * (see suggest-links.seeds.spec.ts): the continuations a reader sees there score from 0.36
 * (a rewritten LO measure) to 0.94; unrelated measures that share the plans' everyday words
 * (lokallag, medlemmer, arrangere, møte) reach 0.34. Suggestions are confirmed by a person,
 * so a borderline pair that is shown costs less than a continuation that is missed.
 */
export const DEFAULT_LINK_THRESHOLD = 0.35;

/**
 * How much of each source a merged measure must contain (and how much of each part a split
 * measure must contain): a next measure that merely resembles two old ones is a rewording
 * of the closer one, not their merger.
 */
const MIN_COVERAGE = 0.5;

/**
 * Every member of a merger or split must score at least this share of the best member.
 * A short, generic measure ("Alle nye medlemmer skal få informasjon om gruppene") that
 * shares a few common words with a close rewording of another measure is a coincidence,
 * not half of a merger; both halves of a real merger match about equally well.
 */
const MIN_SHARE_OF_BEST = 0.6;

interface Item extends MeasureText {
  index: number;
  key: string;
  profile: TextProfile;
}

/**
 * A plan's measures with what every comparison of them needs (their normalised words and
 * profiles) made once: for a plan compared with more than one other (a rebuild scores each plan
 * against its predecessor and its successor). Never changed by `suggestLinks`.
 */
export class PreparedMeasures {
  private constructor(readonly items: readonly Item[]) {}

  static of(measures: readonly MeasureText[]): PreparedMeasures {
    return new PreparedMeasures(measures.map(toItem));
  }
}

/** The measures prepared for `suggestLinks` (as they are, if they already are). */
export function prepareMeasures(measures: MeasureText[] | PreparedMeasures): PreparedMeasures {
  return measures instanceof PreparedMeasures ? measures : PreparedMeasures.of(measures);
}

/**
 * Suggest which measures of a new plan continue which of its predecessor, for a person to
 * confirm. In order of precedence:
 * - unchanged: the normalised texts are equal (only case, punctuation, stop words or
 *   inflection differ);
 * - merged: several previous measures have the same next measure as their best match,
 *   each above the threshold and each mostly contained in it;
 * - split: one previous measure is the best match of several next ones, the same way round;
 * - reworded: the remaining pairs above the threshold, best score first, one to one;
 * - folded: a measure left over whose words are mostly in a measure of the other plan, or a new
 *   measure that says it continues one (fold-leftovers.ts), joins that measure's link, which
 *   becomes a merger (many to one) or a split (one to many);
 * - dropped: previous measures left over; new: next measures left over.
 * Deterministic: ties go to the earlier measure, and the result is in the order of the
 * previous plan, followed by the new measures in the order of the next plan.
 */
export function suggestLinks(
  previous: MeasureText[] | PreparedMeasures,
  next: MeasureText[] | PreparedMeasures,
  options: { threshold?: number } = {},
): LinkSuggestion[] {
  const threshold = options.threshold ?? DEFAULT_LINK_THRESHOLD;
  const prev = prepareMeasures(previous).items;
  const nxt = prepareMeasures(next).items;
  const usedPrev = new Set<number>();
  const usedNext = new Set<number>();
  const links: LinkSuggestion[] = [];
  // The best open partner of each measure, kept until the next link changes what is open:
  // asked for every pair below, it would otherwise cost a pass over the other plan each time.
  const bestNext = new Map<number, Item | undefined>();
  const bestPrev = new Map<number, Item | undefined>();
  const link = (from: Item[], to: Item[], kind: LinkKind, score: number) => {
    bestNext.clear();
    bestPrev.clear();
    from.forEach((p) => usedPrev.add(p.index));
    to.forEach((n) => usedNext.add(n.index));
    links.push(linkOf(from, to, kind, score));
  };

  for (const p of prev) {
    const same = nxt.find((n) => !usedNext.has(n.index) && n.key === p.key);
    if (same) link([p], [same], 'unchanged', 1);
  }

  // The same number as blend(p.profile, n.profile, dice) for every pair of the two plans, which
  // is most of the time of a lineage query: what each pair shares counted from the other plan's
  // stems and trigrams by value, so only pairs that share something cost anything.
  const stemsShared = sharedCounts(prev, nxt, (i) => i.profile.stems);
  const trigramsShared = sharedCounts(prev, nxt, (i) => i.profile.trigrams);
  const score = prev.map((p, i) =>
    nxt.map(
      (n, j) =>
        (diceOf(stemsShared[i]![j]!, p.profile.stems.size, n.profile.stems.size) +
          diceOf(trigramsShared[i]![j]!, p.profile.trigrams.size, n.profile.trigrams.size)) /
        2,
    ),
  );
  const open = (p: Item, n: Item) => !usedPrev.has(p.index) && !usedNext.has(n.index);
  const bestNextOf = (p: Item) =>
    remembered(bestNext, p.index, () =>
      best(
        nxt.filter((n) => open(p, n)),
        (n) => score[p.index]![n.index]!,
      ),
    );
  const bestPrevOf = (n: Item) =>
    remembered(bestPrev, n.index, () =>
      best(
        prev.filter((p) => open(p, n)),
        (p) => score[p.index]![n.index]!,
      ),
    );
  const strong = (p: Item, n: Item) => score[p.index]![n.index]! >= threshold;

  for (const n of nxt) {
    if (usedNext.has(n.index)) continue;
    const sources = comparable(
      prev.filter((p) => open(p, n) && strong(p, n) && bestNextOf(p) === n && covers(p, n)),
      (p) => score[p.index]![n.index]!,
    );
    if (sources.length >= 2) link(sources, [n], 'merged', similarity(joined(sources), n.text));
  }

  for (const p of prev) {
    if (usedPrev.has(p.index)) continue;
    const parts = comparable(
      nxt.filter((n) => open(p, n) && strong(p, n) && bestPrevOf(n) === p && covers(n, p)),
      (n) => score[p.index]![n.index]!,
    );
    if (parts.length >= 2) link([p], parts, 'split', similarity(p.text, joined(parts)));
  }

  const pairs = prev
    .flatMap((p) => nxt.map((n) => ({ p, n, s: score[p.index]![n.index]! })))
    .filter(({ p, n }) => open(p, n) && strong(p, n))
    .sort((a, b) => b.s - a.s || a.p.index - b.p.index || a.n.index - b.n.index);
  for (const { p, n, s } of pairs) if (open(p, n)) link([p], [n], 'reworded', s);

  const folded = foldInto(links, prev, nxt, usedPrev, usedNext);

  for (const p of prev) if (!usedPrev.has(p.index)) folded.push(linkOf([p], [], 'dropped', 0));
  for (const n of nxt) if (!usedNext.has(n.index)) folded.push(linkOf([], [n], 'new', 0));

  return sortLinks(folded, prev, nxt);
}

const linkOf = (from: Item[], to: Item[], kind: LinkKind, score: number): LinkSuggestion => ({
  from: from.map((i) => i.id),
  to: to.map((i) => i.id),
  kind,
  score: round(score),
});

/**
 * The links with the leftovers folded in (fold-leftovers.ts): a link that gained measures is a
 * merger or a split scored on the joined texts, a new one from a fold is a rewording; every
 * measure a link now holds is used.
 */
function foldInto(
  links: readonly LinkSuggestion[],
  prev: readonly Item[],
  nxt: readonly Item[],
  usedPrev: Set<number>,
  usedNext: Set<number>,
): LinkSuggestion[] {
  const open: OpenLink[] = links.map((l) => ({ from: [...l.from], to: [...l.to] }));
  const words = (items: readonly Item[]) =>
    items.map((i) => ({ id: i.id, text: i.text, stems: i.profile.stems }));
  foldLeftovers(
    words(prev),
    words(nxt),
    open,
    prev.filter((p) => !usedPrev.has(p.index)).map((p) => p.id),
    nxt.filter((n) => !usedNext.has(n.index)).map((n) => n.id),
  );
  const prevById = new Map(prev.map((p) => [p.id, p]));
  const nextById = new Map(nxt.map((n) => [n.id, n]));
  return open.map((l, i) => {
    const before = links[i];
    if (before && before.from.length === l.from.length && before.to.length === l.to.length) return before;
    const from = l.from.map((id) => prevById.get(id)!).sort((a, b) => a.index - b.index);
    const to = l.to.map((id) => nextById.get(id)!).sort((a, b) => a.index - b.index);
    from.forEach((p) => usedPrev.add(p.index));
    to.forEach((n) => usedNext.add(n.index));
    const kind: LinkKind = from.length > 1 ? 'merged' : to.length > 1 ? 'split' : 'reworded';
    return linkOf(from, to, kind, similarity(joined(from), joined(to)));
  });
}

/** The value kept under `key`, computed and kept first if there is none (undefined counts). */
function remembered<V>(kept: Map<number, V>, key: number, compute: () => V): V {
  if (!kept.has(key)) kept.set(key, compute());
  return kept.get(key) as V;
}

/** For each item of `prev`, how many values of `valuesOf` it shares with each item of `next`. */
function sharedCounts(
  prev: readonly Item[],
  next: readonly Item[],
  valuesOf: (item: Item) => ReadonlySet<string>,
): Int32Array[] {
  const holders = new Map<string, number[]>();
  next.forEach((n, j) => {
    for (const value of valuesOf(n)) {
      const held = holders.get(value);
      if (held) held.push(j);
      else holders.set(value, [j]);
    }
  });
  return prev.map((p) => {
    const shared = new Int32Array(next.length);
    for (const value of valuesOf(p)) for (const j of holders.get(value) ?? []) shared[j] = shared[j]! + 1;
    return shared;
  });
}

/** The Dice coefficient of two sets of these sizes sharing `shared` values (see `dice`). */
function diceOf(shared: number, a: number, b: number): number {
  if (a + b === 0) return 1;
  return (2 * shared) / (a + b);
}

function toItem(measure: MeasureText, index: number): Item {
  const words = normaliseNorwegian(measure.text);
  return { ...measure, index, profile: profileOfWords(words), key: words.join(' ') };
}

function covers(part: Item, whole: Item): boolean {
  return blend(part.profile, whole.profile, containment) >= MIN_COVERAGE;
}

/** The members that score at least MIN_SHARE_OF_BEST of the best one, in input order. */
function comparable(members: Item[], scoreOf: (item: Item) => number): Item[] {
  const top = Math.max(0, ...members.map(scoreOf));
  return members.filter((m) => scoreOf(m) >= top * MIN_SHARE_OF_BEST);
}

function joined(items: Item[]): string {
  return items.map((i) => i.text).join(' ');
}

/** The highest scoring item; the first of equals, so the result never depends on chance. */
function best<T>(items: T[], scoreOf: (item: T) => number): T | undefined {
  let top: T | undefined;
  let topScore = -Infinity;
  for (const item of items) {
    const s = scoreOf(item);
    if (s > topScore) [top, topScore] = [item, s];
  }
  return top;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

function sortLinks(
  links: LinkSuggestion[],
  previous: readonly MeasureText[],
  next: readonly MeasureText[],
): LinkSuggestion[] {
  const prevAt = new Map(previous.map((m, i) => [m.id, i]));
  const nextAt = new Map(next.map((m, i) => [m.id, i]));
  const position = (l: LinkSuggestion): [number, number] => [
    l.from.length > 0 ? prevAt.get(l.from[0]!)! : Infinity,
    l.to.length > 0 ? nextAt.get(l.to[0]!)! : Infinity,
  ];
  return [...links].sort((a, b) => {
    const [pa, na] = position(a);
    const [pb, nb] = position(b);
    return pa - pb || na - nb;
  });
}
