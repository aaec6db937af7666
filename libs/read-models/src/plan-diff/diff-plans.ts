import {
  suggestLinks,
  wordDiff,
  type DiffPart,
  type LinkKind,
  type LinkSuggestion,
  type MeasureStatus,
  type Target,
} from '@app/domain';
import type { GoalView, MeasureView, PlanView, SectionView } from '../plan-view/plan-view.js';
import type { RedlineCause } from '../redline/redline.js';

/** Which plan and which moment of it one side of a diff shows. */
export interface DiffSide {
  readonly planId: string;
  readonly title: string;
  readonly edition: string | null;
  readonly adoptedRevision: number;
  /** The plan stream's revision the view reflects. */
  readonly revision: number;
}

export interface SectionRef {
  readonly id: string;
  readonly number: string;
  readonly title: string;
}

export interface GoalRef {
  readonly id: string;
  readonly address: string;
  readonly text: string;
  readonly target: Target | null;
}

export interface MeasureRef {
  readonly id: string;
  readonly address: string;
  readonly text: string;
  readonly timing: string;
  readonly responsible: string[];
  readonly status: MeasureStatus;
}

/** An element on both sides: the same id within one plan, a lineage link between two. */
export interface Pair {
  readonly fromId: string;
  readonly toId: string;
  readonly fromAddress: string;
  readonly toAddress: string;
}

export interface TextChange {
  readonly from: string;
  readonly to: string;
  /** Word diff: joining equal+delete gives `from`, equal+insert gives `to`. */
  readonly parts: DiffPart[];
}

export interface SectionPair {
  readonly fromId: string;
  readonly toId: string;
  readonly fromNumber: string;
  readonly toNumber: string;
}

/** A lineage link between two plans, with the elements it joins. */
export interface LineageEntry<Ref> {
  readonly kind: LinkKind;
  readonly score: number;
  readonly from: Ref[];
  readonly to: Ref[];
  /** For a one-to-one link whose texts differ: the word diff. */
  readonly parts: DiffPart[] | null;
}

export interface PlanDiff {
  /** `revisions`: two moments of one plan, matched by id; `successor`: two plans, matched by text. */
  readonly kind: 'revisions' | 'successor';
  readonly from: DiffSide;
  readonly to: DiffSide;
  readonly title: TextChange | null;
  readonly sections: {
    readonly added: SectionRef[];
    readonly removed: SectionRef[];
    readonly retitled: Array<SectionPair & { from: string; to: string }>;
    /** Only between two moments of one plan: the section's introductory prose changed. */
    readonly introRevised: Array<SectionPair & TextChange>;
    /** Only between two plans: the same title under another number. */
    readonly renumbered: Array<SectionPair & { title: string }>;
  };
  readonly goals: {
    readonly added: GoalRef[];
    readonly removed: GoalRef[];
    readonly reworded: Array<Pair & TextChange>;
    readonly targetChanged: Array<Pair & { from: Target | null; to: Target | null }>;
  };
  readonly measures: {
    readonly added: MeasureRef[];
    readonly removed: MeasureRef[];
    readonly reworded: Array<Pair & TextChange>;
    readonly retimed: Array<Pair & { from: string; to: string }>;
    readonly reassigned: Array<Pair & { from: string[]; to: string[] }>;
    /** The address changed: another section or another label. */
    readonly moved: Pair[];
  };
  /** Elements on both sides with nothing changed. */
  readonly unchanged: { readonly sections: number; readonly goals: number; readonly measures: number };
  /**
   * Within one plan: why each changed element changed, by element id (meeting and amendment,
   * board decision), from the events between the two moments. Empty between two plans.
   */
  readonly causes: Readonly<Record<string, readonly RedlineCause[]>>;
  /** Between two plans: how each measure and goal continues (null within one plan). */
  readonly lineage: {
    readonly measures: LineageEntry<MeasureRef>[];
    readonly goals: LineageEntry<GoalRef>[];
  } | null;
}

export interface DiffOptions {
  /** Within one plan: the causes on the events between the two moments, by element id. */
  readonly causes?: ReadonlyMap<string, readonly RedlineCause[]>;
  /**
   * Confirmed lineage links between the measures of two plans; without them the links are
   * suggested from the measure texts. Not used within one plan, where ids match.
   */
  readonly links?: readonly LinkSuggestion[];
  /** The suggested links between the goals of two plans (kept ones); without them, made here. */
  readonly goalLinks?: readonly LinkSuggestion[];
}

/**
 * What changed from one plan view to another. Within one plan (two revisions or dates)
 * sections, goals and measures are matched by id. Between a plan and its successor the ids
 * differ: measures and goals are matched by their texts (`suggestLinks`, or the confirmed
 * `links`), sections by title and then by number. Struck elements are not in a view, so a
 * struck measure is a removed one.
 */
export function diffPlans(from: PlanView, to: PlanView, options: DiffOptions = {}): PlanDiff {
  const kind = from.id === to.id ? 'revisions' : 'successor';
  const words = wordDiffOnce();
  const fromSections = flattenSections(from.sections);
  const toSections = flattenSections(to.sections);
  const fromGoals = flattenGoals(from.sections);
  const toGoals = flattenGoals(to.sections);
  const fromMeasures = flattenMeasures(from.sections);
  const toMeasures = flattenMeasures(to.sections);

  const sectionPairs =
    kind === 'revisions' ? pairById(fromSections, toSections) : pairSectionsByTitle(fromSections, toSections);
  let goalPairs: Array<[GoalView, GoalView]>;
  let measurePairs: Array<[MeasureView, MeasureView]>;
  let lineage: PlanDiff['lineage'] = null;
  if (kind === 'revisions') {
    goalPairs = pairById(fromGoals, toGoals);
    measurePairs = pairById(fromMeasures, toMeasures);
  } else {
    const measureLinks =
      options.links !== undefined
        ? [...options.links]
        : suggestLinks(fromMeasures.map(textOf), toMeasures.map(textOf));
    const goalLinks =
      options.goalLinks !== undefined
        ? [...options.goalLinks]
        : suggestLinks(fromGoals.map(textOf), toGoals.map(textOf));
    measurePairs = oneToOne(measureLinks, fromMeasures, toMeasures);
    goalPairs = oneToOne(goalLinks, fromGoals, toGoals);
    lineage = {
      measures: lineageOf(measureLinks, fromMeasures, toMeasures, measureRef, words),
      goals: lineageOf(goalLinks, fromGoals, toGoals, goalRef, words),
    };
  }

  const sections = diffSections(fromSections, toSections, sectionPairs, kind === 'revisions', words);
  const goals = diffGoals(fromGoals, toGoals, goalPairs, lineage, words);
  const measures = diffMeasures(fromMeasures, toMeasures, measurePairs, lineage, words);

  return {
    kind,
    from: sideOf(from),
    to: sideOf(to),
    title: from.title === to.title ? null : textChange(from.title, to.title, words),
    sections: sections.lists,
    goals: goals.lists,
    measures: measures.lists,
    unchanged: { sections: sections.unchanged, goals: goals.unchanged, measures: measures.unchanged },
    causes: Object.fromEntries(options.causes ?? []),
    lineage,
  };
}

function sideOf(view: PlanView): DiffSide {
  return {
    planId: view.id,
    title: view.title,
    edition: view.edition,
    adoptedRevision: view.adoptedRevision,
    revision: view.revision,
  };
}

type WordDiff = (from: string, to: string) => DiffPart[];

/**
 * `wordDiff` that diffs each pair of texts once: between two plans a reworded measure is both
 * in the lineage and among the reworded, with the same parts.
 */
function wordDiffOnce(): WordDiff {
  const done = new Map<string, DiffPart[]>();
  return (from, to) => {
    const key = `${from}\u0000${to}`;
    let parts = done.get(key);
    if (!parts) done.set(key, (parts = wordDiff(from, to)));
    return parts;
  };
}

function textChange(from: string, to: string, words: WordDiff): TextChange {
  return { from, to, parts: words(from, to) };
}

const textOf = (element: { id: string; text: string }) => ({ id: element.id, text: element.text });

export function flattenSections(sections: readonly SectionView[]): SectionView[] {
  return sections.flatMap((s) => [s, ...flattenSections(s.sections)]);
}

export function flattenMeasures(sections: readonly SectionView[]): MeasureView[] {
  return flattenSections(sections).flatMap((s) => s.measures);
}

export function flattenGoals(sections: readonly SectionView[]): GoalView[] {
  const withSubGoals = (goals: readonly GoalView[]): GoalView[] =>
    goals.flatMap((g) => [g, ...withSubGoals(g.goals)]);
  return flattenSections(sections).flatMap((s) => withSubGoals(s.goals));
}

function pairById<T extends { id: string }>(from: readonly T[], to: readonly T[]): Array<[T, T]> {
  const byId = new Map(to.map((t) => [t.id, t]));
  return from.flatMap((f) => {
    const t = byId.get(f.id);
    return t ? [[f, t] as [T, T]] : [];
  });
}

/** Between two plans: the same title (whatever its number) first, then the same number. */
function pairSectionsByTitle(
  from: readonly SectionView[],
  to: readonly SectionView[],
): Array<[SectionView, SectionView]> {
  const key = (s: SectionView) => s.title.trim().toLocaleLowerCase('nb').replace(/\s+/g, ' ');
  const pairs: Array<[SectionView, SectionView]> = [];
  const usedTo = new Set<string>();
  const usedFrom = new Set<string>();
  for (const match of [
    (f: SectionView, t: SectionView) => key(f) === key(t),
    (f: SectionView, t: SectionView) => f.number === t.number,
  ]) {
    for (const f of from) {
      if (usedFrom.has(f.id)) continue;
      const t = to.find((candidate) => !usedTo.has(candidate.id) && match(f, candidate));
      if (!t) continue;
      usedFrom.add(f.id);
      usedTo.add(t.id);
      pairs.push([f, t]);
    }
  }
  return pairs;
}

/** The one-to-one links (unchanged, reworded) as pairs; mergers and splits stay in the lineage. */
function oneToOne<T extends { id: string }>(
  links: readonly LinkSuggestion[],
  from: readonly T[],
  to: readonly T[],
): Array<[T, T]> {
  const fromById = new Map(from.map((f) => [f.id, f]));
  const toById = new Map(to.map((t) => [t.id, t]));
  return links.flatMap((link) => {
    if (link.from.length !== 1 || link.to.length !== 1) return [];
    const f = fromById.get(link.from[0]!);
    const t = toById.get(link.to[0]!);
    return f && t ? [[f, t] as [T, T]] : [];
  });
}

function lineageOf<T extends { id: string; text: string }, Ref>(
  links: readonly LinkSuggestion[],
  from: readonly T[],
  to: readonly T[],
  ref: (element: T) => Ref,
  words: WordDiff,
): LineageEntry<Ref>[] {
  const fromById = new Map(from.map((f) => [f.id, f]));
  const toById = new Map(to.map((t) => [t.id, t]));
  return links.map((link) => {
    const f = link.from.flatMap((id) => fromById.get(id) ?? []);
    const t = link.to.flatMap((id) => toById.get(id) ?? []);
    const single = f.length === 1 && t.length === 1 && f[0]!.text !== t[0]!.text;
    return {
      kind: link.kind,
      score: link.score,
      from: f.map(ref),
      to: t.map(ref),
      parts: single ? words(f[0]!.text, t[0]!.text) : null,
    };
  });
}

const sectionRef = (s: SectionView): SectionRef => ({ id: s.id, number: s.number, title: s.title });
const goalRef = (g: GoalView): GoalRef => ({ id: g.id, address: g.address, text: g.text, target: g.target });
const measureRef = (m: MeasureView): MeasureRef => ({
  id: m.id,
  address: m.address,
  text: m.text,
  timing: m.timing,
  responsible: [...m.responsible],
  status: m.status,
});

const pairOf = (f: { id: string; address: string }, t: { id: string; address: string }): Pair => ({
  fromId: f.id,
  toId: t.id,
  fromAddress: f.address,
  toAddress: t.address,
});

/** Elements on neither side of a pair; between two plans, those a merger or split joins are linked, not added. */
function unpaired<T extends { id: string }>(
  elements: readonly T[],
  paired: ReadonlySet<string>,
  linked: ReadonlySet<string>,
): T[] {
  return elements.filter((e) => !paired.has(e.id) && !linked.has(e.id));
}

function linkedIds<Ref extends { id: string }>(
  entries: readonly LineageEntry<Ref>[] | undefined,
  side: 'from' | 'to',
): Set<string> {
  return new Set(
    (entries ?? [])
      .filter((e) => e.kind === 'merged' || e.kind === 'split')
      .flatMap((e) => e[side].map((r) => r.id)),
  );
}

function diffSections(
  from: readonly SectionView[],
  to: readonly SectionView[],
  pairs: ReadonlyArray<[SectionView, SectionView]>,
  samePlan: boolean,
  words: WordDiff,
) {
  const retitled: PlanDiff['sections']['retitled'] = [];
  const introRevised: PlanDiff['sections']['introRevised'] = [];
  const renumbered: PlanDiff['sections']['renumbered'] = [];
  let unchanged = 0;
  for (const [f, t] of sortByTo(pairs, to)) {
    const base = { fromId: f.id, toId: t.id, fromNumber: f.number, toNumber: t.number };
    if (f.title !== t.title) retitled.push({ ...base, from: f.title, to: t.title });
    // Two plans' intros are different prose by nature; within one plan a change is a revision.
    if (samePlan && (f.intro ?? '') !== (t.intro ?? ''))
      introRevised.push({ ...base, ...textChange(f.intro ?? '', t.intro ?? '', words) });
    if (f.number !== t.number) renumbered.push({ ...base, title: t.title });
    if (f.title === t.title && f.number === t.number) unchanged++;
  }
  const pairedFrom = new Set(pairs.map(([f]) => f.id));
  const pairedTo = new Set(pairs.map(([, t]) => t.id));
  return {
    lists: {
      added: to.filter((s) => !pairedTo.has(s.id)).map(sectionRef),
      removed: from.filter((s) => !pairedFrom.has(s.id)).map(sectionRef),
      retitled,
      introRevised,
      renumbered,
    },
    unchanged,
  };
}

function diffGoals(
  from: readonly GoalView[],
  to: readonly GoalView[],
  pairs: ReadonlyArray<[GoalView, GoalView]>,
  lineage: PlanDiff['lineage'],
  words: WordDiff,
) {
  const reworded: PlanDiff['goals']['reworded'] = [];
  const targetChanged: PlanDiff['goals']['targetChanged'] = [];
  let unchanged = 0;
  for (const [f, t] of sortByTo(pairs, to)) {
    const sameTarget = JSON.stringify(f.target) === JSON.stringify(t.target);
    if (f.text !== t.text) reworded.push({ ...pairOf(f, t), ...textChange(f.text, t.text, words) });
    if (!sameTarget) targetChanged.push({ ...pairOf(f, t), from: f.target, to: t.target });
    if (f.text === t.text && sameTarget) unchanged++;
  }
  const pairedFrom = new Set(pairs.map(([f]) => f.id));
  const pairedTo = new Set(pairs.map(([, t]) => t.id));
  return {
    lists: {
      added: unpaired(to, pairedTo, linkedIds(lineage?.goals, 'to')).map(goalRef),
      removed: unpaired(from, pairedFrom, linkedIds(lineage?.goals, 'from')).map(goalRef),
      reworded,
      targetChanged,
    },
    unchanged,
  };
}

function diffMeasures(
  from: readonly MeasureView[],
  to: readonly MeasureView[],
  pairs: ReadonlyArray<[MeasureView, MeasureView]>,
  lineage: PlanDiff['lineage'],
  words: WordDiff,
) {
  const lists: PlanDiff['measures'] = {
    added: [],
    removed: [],
    reworded: [],
    retimed: [],
    reassigned: [],
    moved: [],
  };
  let unchanged = 0;
  for (const [f, t] of sortByTo(pairs, to)) {
    const pair = pairOf(f, t);
    let changed = false;
    if (f.text !== t.text) {
      lists.reworded.push({ ...pair, ...textChange(f.text, t.text, words) });
      changed = true;
    }
    if (f.timing !== t.timing) {
      lists.retimed.push({ ...pair, from: f.timing, to: t.timing });
      changed = true;
    }
    if (f.responsible.join('\u0000') !== t.responsible.join('\u0000')) {
      lists.reassigned.push({ ...pair, from: [...f.responsible], to: [...t.responsible] });
      changed = true;
    }
    if (f.address !== t.address) {
      lists.moved.push(pair);
      changed = true;
    }
    if (!changed) unchanged++;
  }
  const pairedFrom = new Set(pairs.map(([f]) => f.id));
  const pairedTo = new Set(pairs.map(([, t]) => t.id));
  lists.added.push(...unpaired(to, pairedTo, linkedIds(lineage?.measures, 'to')).map(measureRef));
  lists.removed.push(...unpaired(from, pairedFrom, linkedIds(lineage?.measures, 'from')).map(measureRef));
  return { lists, unchanged };
}

/** Pairs in the order their `to` element appears in the plan. */
function sortByTo<T extends { id: string }>(pairs: ReadonlyArray<[T, T]>, to: readonly T[]): Array<[T, T]> {
  const at = new Map(to.map((t, i) => [t.id, i]));
  return [...pairs].sort((a, b) => at.get(a[1].id)! - at.get(b[1].id)!);
}
