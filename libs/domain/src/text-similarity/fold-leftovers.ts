import { normaliseNorwegian } from './normalise.js';

/**
 * What the one-to-one passes of `suggestLinks` leave over is often not gone but folded into
 * another measure: 3.7.E (World Environment Day) and 3.7.F (the UN day for persons with
 * disabilities) of Oslo SV 2020-2023 became two lines of 5.7.A's list of days to mark in
 * 2024-2027; 3.10.F ("Ta i bruk systemer som Zetkin ...") is continued in 4.2.E ("Zetkin skal
 * fortsatt implementeres ..."). Scored one against one, such a pair looks unalike (5.7.A is
 * long, 4.2.E says it in other words), so the leftovers get two more chances:
 *
 * - folded: most of a leftover's words, weighted by how rare they are in the two plans, are in
 *   one measure of the other plan, and the two share a distinctive word. An old measure folded
 *   into a new one joins that measure's link (a merger, many to one); a new measure taken from
 *   an old one joins the old one's link (a split, one to many).
 * - said to continue: a new measure that says it continues something ("fortsatt", "fortsette",
 *   "videreføre") continues the old leftovers that mention the rarest name it mentions (a word
 *   with a capital letter inside a sentence: Zetkin).
 *
 * Weights are inverse document frequencies over both plans' measures, so the words every plan
 * uses (lokallag, medlemmer, arrangere) count for little and names and rare words (Zetkin,
 * miljødag) for much. Suggestions are confirmed by a person.
 */

/**
 * How much of a leftover's weighted words must be in the measure it folded into. Chosen on the
 * Oslo SV plans 2020-2023 and 2024-2027 (suggest-links.seeds.spec.ts): the two days folded into
 * 5.7.A score 0.50 and 0.58; the closest leftovers that are not the same thing score 0.46 (5.5.F,
 * a meeting of group leaders, against the old yearly conference for councillors) and 0.42.
 */
export const FOLD_COVERAGE = 0.48;

/** A distinctive word: a stem of five letters or more found in at most this many measures of both plans. */
const DISTINCTIVE_AT_MOST = 4;
const DISTINCTIVE_LENGTH = 5;

/**
 * A name (a word written with a capital letter inside a sentence somewhere in the two plans:
 * Zetkin, Pride) found in at most this many measures of both: what a measure that says it
 * continues something continues.
 */
const NAME_AT_MOST = 8;
const NAME = /(?<=[\p{Ll}\p{N},;:)»]\s+)\p{Lu}\p{Ll}+/gu;

/** A measure that says it carries on something the previous plan had. */
const CONTINUES = /\b(fortsatt|fortsette[rs]?|videreføre[rs]?|videreføres|fremdeles)\b/iu;

/** At most this many old measures continue one new measure by its word alone. */
const MAX_CONTINUED = 3;

export interface FoldText {
  readonly id: string;
  readonly text: string;
  /** Its stems (normaliseNorwegian), when the caller has them already. */
  readonly stems?: ReadonlySet<string>;
}

/** A link being built: the ids on each side. */
export interface OpenLink {
  from: string[];
  to: string[];
}

type Side = 'p' | 'n';

/** Words weighted by rarity over both plans, and which elements hold each distinctive word. */
class FoldScorer {
  private readonly stems = new Map<string, ReadonlySet<string>>();
  private readonly frequency = new Map<string, number>();
  private readonly holders = new Map<string, string[]>();
  /** Stems written with a capital letter inside a sentence somewhere in either plan. */
  private readonly names = new Set<string>();
  /** Each element's place in its plan, so candidates come in plan order and ties go to the first. */
  private readonly order = new Map<string, number>();
  private readonly count: number;

  constructor(previous: readonly FoldText[], next: readonly FoldText[]) {
    const all = [...previous.map((e) => ['p', e] as const), ...next.map((e) => ['n', e] as const)];
    for (const [side, element] of all) {
      const stems = element.stems ?? new Set(normaliseNorwegian(element.text));
      this.stems.set(`${side}:${element.id}`, stems);
      this.order.set(`${side}:${element.id}`, this.order.size);
      for (const m of element.text.matchAll(NAME)) normaliseNorwegian(m[0]).forEach((n) => this.names.add(n));
      for (const stem of stems) this.frequency.set(stem, (this.frequency.get(stem) ?? 0) + 1);
    }
    for (const [key, stems] of this.stems) {
      for (const stem of stems) {
        if (this.distinctive(stem)) this.holders.set(stem, [...(this.holders.get(stem) ?? []), key]);
      }
    }
    this.count = all.length;
  }

  private weight(stem: string): number {
    return Math.log((this.count + 1) / ((this.frequency.get(stem) ?? 0) + 1));
  }

  private distinctive(stem: string): boolean {
    return stem.length >= DISTINCTIVE_LENGTH && (this.frequency.get(stem) ?? 0) <= DISTINCTIVE_AT_MOST;
  }

  stemsOf(side: Side, id: string): ReadonlySet<string> {
    return this.stems.get(`${side}:${id}`) ?? new Set();
  }

  /** The elements of `side` that share a distinctive word with this one: the only ones it can fold into. */
  candidates(side: Side, id: string, on: Side): string[] {
    const found = new Set<string>();
    for (const stem of this.stemsOf(side, id)) {
      for (const key of this.holders.get(stem) ?? []) if (key.startsWith(`${on}:`)) found.add(key);
    }
    return [...found].sort((a, b) => this.order.get(a)! - this.order.get(b)!).map((key) => key.slice(2));
  }

  /**
   * How much of `part` (its words weighted by rarity) is in `whole`, 0..1. A stem matches the
   * same stem, or a compound that begins with it ("medlem" in "medlemskontakt").
   */
  coverage(part: { side: Side; id: string }, whole: { side: Side; id: string }): number {
    const wholeStems = this.stemsOf(whole.side, whole.id);
    let total = 0;
    let found = 0;
    for (const stem of this.stemsOf(part.side, part.id)) {
      const weight = this.weight(stem);
      total += weight;
      if (
        wholeStems.has(stem) ||
        (stem.length >= DISTINCTIVE_LENGTH && [...wholeStems].some((w) => w.startsWith(stem)))
      )
        found += weight;
    }
    return total > 0 ? found / total : 0;
  }

  /** The names a new measure mentions that few measures share, rarest first: what it is about. */
  rareNames(nextId: string): string[] {
    return [...this.stemsOf('n', nextId)]
      .filter((s) => this.names.has(s) && (this.frequency.get(s) ?? 0) <= NAME_AT_MOST)
      .sort((a, b) => this.weight(b) - this.weight(a) || a.localeCompare(b));
  }
}

/**
 * Joins the leftovers (`dropped`, `added`) to the links found so far, as described above, and
 * returns the links grown and made. `links` are changed in place; a link that gains a second
 * old measure becomes a merger, one that gains a second new measure a split. A link that would
 * become many to many is left as it is.
 */
export function foldLeftovers(
  previous: readonly FoldText[],
  next: readonly FoldText[],
  links: OpenLink[],
  dropped: readonly string[],
  added: readonly string[],
): OpenLink[] {
  const scorer = new FoldScorer(previous, next);
  const linkOfNext = (id: string) => links.find((l) => l.to.includes(id));
  const linkOfPrevious = (id: string) => links.find((l) => l.from.includes(id));
  const leftPrevious = new Set(dropped);
  const leftNext = new Set(added);

  // Folded, old into new: each leftover old measure into the new measure that holds most of it.
  for (const p of dropped) {
    const best = bestOf(scorer.candidates('p', p, 'n'), (n) =>
      scorer.coverage({ side: 'p', id: p }, { side: 'n', id: n }),
    );
    if (!best || best.score < FOLD_COVERAGE) continue;
    const link = linkOfNext(best.id);
    if (link && link.to.length > 1) continue;
    if (link) link.from.push(p);
    else links.push({ from: [p], to: [best.id] });
    leftPrevious.delete(p);
    leftNext.delete(best.id);
  }

  // Folded, new out of old: each leftover new measure out of the old measure that holds most of it.
  for (const n of added) {
    if (!leftNext.has(n)) continue;
    const best = bestOf(scorer.candidates('n', n, 'p'), (p) =>
      scorer.coverage({ side: 'n', id: n }, { side: 'p', id: p }),
    );
    if (!best || best.score < FOLD_COVERAGE) continue;
    const link = linkOfPrevious(best.id);
    if (link && link.from.length > 1) continue;
    if (link) link.to.push(n);
    else links.push({ from: [best.id], to: [n] });
    leftNext.delete(n);
    leftPrevious.delete(best.id);
  }

  // Said to continue: the old leftovers that name what the new measure names ("Zetkin skal
  // fortsatt implementeres" continues "Ta i bruk systemer som Zetkin").
  for (const n of added) {
    if (!leftNext.has(n) || !CONTINUES.test(next.find((m) => m.id === n)?.text ?? '')) continue;
    for (const word of scorer.rareNames(n)) {
      const carriers = [...leftPrevious].filter((p) => scorer.stemsOf('p', p).has(word));
      if (carriers.length === 0) continue;
      if (carriers.length > MAX_CONTINUED) break;
      links.push({ from: carriers, to: [n] });
      carriers.forEach((p) => leftPrevious.delete(p));
      leftNext.delete(n);
      break;
    }
  }
  return links;
}

/** The best-scoring id (the first of equals), so the result never depends on chance. */
function bestOf(
  ids: readonly string[],
  score: (id: string) => number,
): { id: string; score: number } | undefined {
  let top: { id: string; score: number } | undefined;
  for (const id of ids) {
    const s = score(id);
    if (s > (top?.score ?? 0)) top = { id, score: s };
  }
  return top;
}
