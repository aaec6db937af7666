import type { LineageKind, LinkKind, LinkSuggestion } from '@app/domain';
import type { Kysely } from 'kysely';
import {
  diffPlans,
  flattenGoals,
  flattenMeasures,
  type GoalRef,
  type LineageEntry,
  type MeasureRef,
  type PlanDiff,
} from '../plan-diff/diff-plans.js';
import {
  keptLineage,
  lineageSuggestions,
  lineageTexts,
  suggestLineage,
  type LineageSuggestions,
} from './kept-lineage.js';
import { loadPlanHistory } from '../plan-history/plan-history.queries.js';
import { LINEAGE_KINDS } from '../report-format/report-format.js';
import type { HistoryRow } from '../plan-history/history-row.js';
import { planAt, PlanMomentNotFound } from '../plan-view/plan-at.js';
import type { PlanView } from '../plan-view/plan-view.js';
import type { ReadModelDatabase } from '../read-model-database.js';

/** What a person said about a link: it holds (with its kind), or it does not. */
export interface LineageDecision {
  readonly decision: 'confirmed' | 'rejected';
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly kind?: LineageKind;
  readonly note?: string;
  readonly actor: string;
  readonly at: string;
}

export type LineageLink<Ref> = LineageEntry<Ref> & {
  /** True when a person confirmed the link; false for a suggestion from the texts. */
  readonly confirmed: boolean;
};

export interface Lineage {
  readonly fromPlanId: string;
  readonly toPlanId: string;
  readonly measures: LineageLink<MeasureRef>[];
  readonly goals: LineageLink<GoalRef>[];
  readonly decisions: readonly LineageDecision[];
  /** The successor diff, with the links above as its matching. */
  readonly diff: PlanDiff;
  /** The successor's adopted revision compared (SuccessorVersion), or null for the plan now. */
  readonly toRevision: number | null;
}

const keyOf = (from: readonly string[], to: readonly string[]): string =>
  `${[...from].sort().join(',')}>${[...to].sort().join(',')}`;

/** The decisions in a plan's history about links from `fromPlanId`; a later word on the same link wins. */
export function lineageDecisions(rows: readonly HistoryRow[], fromPlanId: string): LineageDecision[] {
  const latest = new Map<string, LineageDecision>();
  for (const row of rows) {
    if (row.eventType !== 'LineageConfirmed' && row.eventType !== 'LineageRejected') continue;
    const d = row.data as {
      fromPlanId: string;
      from: string[];
      to: string[];
      kind?: LineageKind;
      note?: string;
    };
    if (d.fromPlanId !== fromPlanId) continue;
    latest.set(keyOf(d.from, d.to), {
      decision: row.eventType === 'LineageConfirmed' ? 'confirmed' : 'rejected',
      from: d.from,
      to: d.to,
      ...(d.kind ? { kind: d.kind } : {}),
      ...(d.note ? { note: d.note } : {}),
      actor: row.actor,
      at: row.effectiveAt,
    });
  }
  return [...latest.values()];
}

/**
 * Suggested links with people's decisions applied: a rejected suggestion goes, a confirmed link
 * replaces every suggestion touching its elements, and what no link touches is new or dropped.
 */
export function mergeLinks(
  suggested: readonly LinkSuggestion[],
  decisions: readonly LineageDecision[],
  fromIds: readonly string[],
  toIds: readonly string[],
): Array<LinkSuggestion & { confirmed: boolean }> {
  const fromSet = new Set(fromIds);
  const toSet = new Set(toIds);
  const relevant = decisions.filter(
    (d) => d.from.every((id) => fromSet.has(id)) && d.to.every((id) => toSet.has(id)),
  );
  const rejected = new Set(relevant.filter((d) => d.decision === 'rejected').map((d) => keyOf(d.from, d.to)));
  const confirmed = relevant.filter((d) => d.decision === 'confirmed');
  const claimed = new Set(confirmed.flatMap((d) => [...d.from, ...d.to]));
  const links: Array<LinkSuggestion & { confirmed: boolean }> = [
    ...confirmed.map((d) => ({
      from: [...d.from],
      to: [...d.to],
      kind: d.kind ?? 'reworded',
      score: 1,
      confirmed: true,
    })),
    ...suggested
      .filter((s) => s.kind !== 'new' && s.kind !== 'dropped')
      .filter((s) => !rejected.has(keyOf(s.from, s.to)))
      .filter((s) => ![...s.from, ...s.to].some((id) => claimed.has(id)))
      .map((s) => ({ ...s, confirmed: false })),
  ];
  const linkedFrom = new Set(links.flatMap((l) => l.from));
  const linkedTo = new Set(links.flatMap((l) => l.to));
  for (const id of fromIds)
    if (!linkedFrom.has(id)) links.push({ from: [id], to: [], kind: 'dropped', score: 0, confirmed: false });
  for (const id of toIds)
    if (!linkedTo.has(id)) links.push({ from: [], to: [id], kind: 'new', score: 0, confirmed: false });
  return links;
}

/** How many links of each kind, and how many elements of each plan they hold. */
export type LineageCounts = Record<LinkKind, { links: number; from: number; to: number }>;

/**
 * The one count of a lineage, for the page and the audit report alike: per outcome, the links
 * (a merger of two measures into one is one link) and the measures on each side.
 */
export function countLineage(
  links: ReadonlyArray<{ kind: LinkKind; from: readonly unknown[]; to: readonly unknown[] }>,
): LineageCounts {
  const counts = Object.fromEntries(
    LINEAGE_KINDS.map((k) => [k, { links: 0, from: 0, to: 0 }]),
  ) as LineageCounts;
  for (const link of links) {
    const c = counts[link.kind];
    c.links++;
    c.from += link.from.length;
    c.to += link.to.length;
  }
  return counts;
}

/**
 * Which version of the successor a lineage compares with: by default the revision it was first
 * adopted as (the plan as it took over from its predecessor; later editions are changes within
 * it, which the changes page shows), the plan now when it was never adopted, or a revision named.
 */
export type SuccessorVersion = 'first-adopted' | 'now' | number;

/** How the elements of `toPlanId` continue those of `fromPlanId`: suggestions, corrected by people. */
export async function loadLineage(
  db: Kysely<ReadModelDatabase>,
  fromPlanId: string,
  toPlanId: string,
  today: string,
  version: SuccessorVersion = 'first-adopted',
): Promise<Lineage | undefined> {
  // The plan now, its predecessor, its history and the kept suggestions at once.
  const [now, from, history, kept] = await Promise.all([
    planAt(db, toPlanId, {}, today),
    planAt(db, fromPlanId, {}, today),
    // Only people's decisions (lineageDecisions), not the plan's whole history.
    loadPlanHistory(db, toPlanId, { eventTypes: ['LineageConfirmed', 'LineageRejected'] }),
    keptLineage(db, fromPlanId, toPlanId),
  ]);
  if (!now) return undefined;
  const revision =
    version === 'now' ? undefined : version === 'first-adopted' ? now.adoptions[0]?.revision : version;
  const to = revision === undefined ? now : await planAt(db, toPlanId, { revision }, today);
  if (!from) throw new PlanMomentNotFound(`Plan "${fromPlanId}" not found`);
  const decisions = lineageDecisions(history, fromPlanId);
  return {
    ...lineageBetween(from, to!, decisions, lineageSuggestions(kept, from, to!)),
    toRevision: revision ?? null,
  };
}

/**
 * The lineage from `from` to `to` with people's decisions applied to the suggested links, made
 * from the plans' texts unless given (`lineageSuggestions`, kept or made).
 */
export function lineageBetween(
  from: PlanView,
  to: PlanView,
  decisions: readonly LineageDecision[],
  suggested: LineageSuggestions = suggestLineage(lineageTexts(from), lineageTexts(to)),
): Omit<Lineage, 'toRevision'> {
  const fromMeasures = flattenMeasures(from.sections);
  const toMeasures = flattenMeasures(to.sections);
  const fromGoals = flattenGoals(from.sections);
  const toGoals = flattenGoals(to.sections);
  const measureLinks = mergeLinks(
    suggested.measures,
    decisions,
    fromMeasures.map((m) => m.id),
    toMeasures.map((m) => m.id),
  );
  const goalLinks = mergeLinks(
    suggested.goals,
    decisions,
    fromGoals.map((g) => g.id),
    toGoals.map((g) => g.id),
  );
  const diff = diffPlans(from, to, { links: measureLinks, goalLinks: suggested.goals });
  const confirmedKeys = new Set(
    decisions.filter((d) => d.decision === 'confirmed').map((d) => keyOf(d.from, d.to)),
  );
  const mark = <Ref extends { id: string }>(entries: readonly LineageEntry<Ref>[]): LineageLink<Ref>[] =>
    entries.map((e) => ({
      ...e,
      confirmed: confirmedKeys.has(
        keyOf(
          e.from.map((r) => r.id),
          e.to.map((r) => r.id),
        ),
      ),
    }));
  // diffPlans matches goals from their texts alone; the decisions apply to goals here. Every
  // goal of both plans is in the diff's goal lineage (linked, new or dropped), so its refs serve.
  const goalRefs = new Map(
    (diff.lineage?.goals ?? []).flatMap((g) => [...g.from, ...g.to]).map((r) => [r.id, r]),
  );
  const refs = (ids: readonly string[]): GoalRef[] => ids.flatMap((id) => goalRefs.get(id) ?? []);
  const goalEntries: LineageEntry<GoalRef>[] = goalLinks.map((l) => ({
    kind: l.kind,
    score: l.score,
    from: refs(l.from),
    to: refs(l.to),
    parts: null,
  }));
  return {
    fromPlanId: from.id,
    toPlanId: to.id,
    measures: mark(diff.lineage?.measures ?? []),
    goals: mark(goalEntries),

    decisions,
    diff,
  };
}
