import type { DiffPart, LinkKind, Target } from '@app/domain';
import type { GoalRef, MeasureRef } from '../plan-diff/diff-plans.js';
import { flattenGoals, flattenSections } from '../plan-diff/diff-plans.js';
import type { MeasurementEntry } from '../plan-view/plan-timeline.js';
import type { PlanView } from '../plan-view/plan-view.js';
import { countLineage, type Lineage, type LineageCounts, type LineageLink } from './lineage.js';

/** A measure of the new plan and where it came from. */
export interface AuditContinuation {
  readonly kind: Exclude<LinkKind, 'new' | 'dropped'>;
  readonly from: MeasureRef[];
  readonly to: MeasureRef;
  /** For a one-to-one link whose texts differ: the word diff. */
  readonly parts: DiffPart[] | null;
  readonly confirmed: boolean;
}

export interface AuditArea {
  readonly number: string;
  readonly title: string;
  readonly continued: AuditContinuation[];
  readonly added: MeasureRef[];
}

export interface AuditTarget {
  readonly metric: string;
  readonly then: Array<{ text: string; target: Target }>;
  readonly now: Array<{ text: string; target: Target }>;
  /** Every measured value of the metric in either plan, oldest first. */
  readonly measured: MeasurementEntry[];
}

/** How a plan changed into its successor: the auditor's view, area by area (DESIGN.md: lineage). */
export interface AuditReport {
  readonly from: { id: string; title: string; period: { from: number; to: number } };
  readonly to: {
    id: string;
    title: string;
    period: { from: number; to: number };
    edition: string | null;
    /** The adoption compared (the first, unless another was asked for); null for the plan now. */
    adoption: { revision: number; body: string; date: string } | null;
  };
  /** The day the report was made: targets whose date has passed by then are marked expired. */
  readonly asOf: string;
  readonly areas: AuditArea[];
  readonly dropped: Array<{ number: string; title: string; measures: MeasureRef[] }>;
  /** The goals from plan to plan, with the same outcomes as the measures. */
  readonly goals: LineageLink<GoalRef>[];
  readonly targets: AuditTarget[];
  /** The same counts as the lineage page: per outcome, links and measures on each side. */
  readonly counts: LineageCounts;
  readonly goalCounts: LineageCounts;
}

const sectionOf = (address: string): string => address.slice(0, address.lastIndexOf('.'));

function adoptionOf(view: PlanView, revision: number | null): AuditReport['to']['adoption'] {
  const a = revision === null ? undefined : view.adoptions.find((x) => x.revision === revision);
  return a ? { revision: a.revision, body: a.body, date: a.date } : null;
}

export function buildAuditReport(from: PlanView, to: PlanView, lineage: Lineage, asOf: string): AuditReport {
  const titles = (view: PlanView) => new Map(flattenSections(view.sections).map((s) => [s.number, s.title]));
  const toTitles = titles(to);
  const fromTitles = titles(from);
  const areas = new Map<string, { continued: AuditContinuation[]; added: MeasureRef[] }>();
  const area = (number: string) => {
    let a = areas.get(number);
    if (!a) areas.set(number, (a = { continued: [], added: [] }));
    return a;
  };
  const dropped = new Map<string, MeasureRef[]>();
  for (const link of lineage.measures) {
    if (link.kind === 'dropped') {
      for (const m of link.from)
        dropped.set(sectionOf(m.address), [...(dropped.get(sectionOf(m.address)) ?? []), m]);
      continue;
    }
    for (const m of link.to) {
      const a = area(sectionOf(m.address));
      if (link.kind === 'new') a.added.push(m);
      else
        a.continued.push({
          kind: link.kind,
          from: link.from,
          to: m,
          parts: link.to.length === 1 ? link.parts : null,
          confirmed: link.confirmed,
        });
    }
  }
  const order = (a: string, b: string) => a.localeCompare(b, 'nb', { numeric: true });
  const goalsWithTargets = (view: PlanView) =>
    flattenGoals(view.sections).flatMap((g) => (g.target ? [{ text: g.text, target: g.target }] : []));
  const measurements = (view: PlanView) => [
    ...view.measurements,
    ...flattenGoals(view.sections).flatMap((g) => g.measurements),
  ];
  const metrics = new Set([...goalsWithTargets(from), ...goalsWithTargets(to)].map((g) => g.target.metric));
  const allMeasured = [...measurements(from), ...measurements(to)];
  const targets: AuditTarget[] = [...metrics].sort().map((metric) => ({
    metric,
    then: goalsWithTargets(from).filter((g) => g.target.metric === metric),
    now: goalsWithTargets(to).filter((g) => g.target.metric === metric),
    measured: allMeasured
      .filter((m) => m.metric === metric)
      .filter((m, i, list) => list.findIndex((o) => o.at === m.at && o.value === m.value) === i)
      .sort((a, b) => a.at.localeCompare(b.at)),
  }));
  return {
    from: { id: from.id, title: from.title, period: from.period },
    to: {
      id: to.id,
      title: to.title,
      period: to.period,
      edition: to.edition,
      adoption: adoptionOf(to, lineage.toRevision),
    },
    asOf,
    areas: [...areas.entries()]
      .sort(([a], [b]) => order(a, b))
      .map(([number, a]) => ({ number, title: toTitles.get(number) ?? '', ...a })),
    dropped: [...dropped.entries()]
      .sort(([a], [b]) => order(a, b))
      .map(([number, measures]) => ({ number, title: fromTitles.get(number) ?? '', measures })),
    goals: lineage.goals,
    targets,
    counts: countLineage(lineage.measures),
    goalCounts: countLineage(lineage.goals),
  };
}
