import type { DiffPart, Target } from '@app/domain';
import type { MeasureRef } from '../plan-diff/diff-plans.js';
import { flattenGoals, flattenSections } from '../plan-diff/diff-plans.js';
import type { MeasurementEntry } from '../plan-view/plan-timeline.js';
import type { PlanView } from '../plan-view/plan-view.js';
import type { Lineage } from './lineage.js';

export interface AuditArea {
  readonly number: string;
  readonly title: string;
  readonly carried: Array<{ from: MeasureRef[]; to: MeasureRef; confirmed: boolean }>;
  readonly reworded: Array<{
    from: MeasureRef[];
    to: MeasureRef;
    parts: DiffPart[] | null;
    kind: string;
    confirmed: boolean;
  }>;
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
  readonly to: { id: string; title: string; period: { from: number; to: number }; edition: string | null };
  readonly areas: AuditArea[];
  readonly dropped: Array<{ number: string; title: string; measures: MeasureRef[] }>;
  readonly targets: AuditTarget[];
  readonly counts: { carried: number; reworded: number; added: number; dropped: number };
}

const sectionOf = (address: string): string => address.slice(0, address.lastIndexOf('.'));

export function buildAuditReport(from: PlanView, to: PlanView, lineage: Lineage): AuditReport {
  const titles = (view: PlanView) => new Map(flattenSections(view.sections).map((s) => [s.number, s.title]));
  const toTitles = titles(to);
  const fromTitles = titles(from);
  const areas = new Map<
    string,
    { carried: AuditArea['carried']; reworded: AuditArea['reworded']; added: MeasureRef[] }
  >();
  const area = (number: string) => {
    let a = areas.get(number);
    if (!a) areas.set(number, (a = { carried: [], reworded: [], added: [] }));
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
      else if (link.kind === 'unchanged')
        a.carried.push({ from: link.from, to: m, confirmed: link.confirmed });
      else
        a.reworded.push({
          from: link.from,
          to: m,
          parts: link.to.length === 1 ? link.parts : null,
          kind: link.kind,
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
  const areaList = [...areas.entries()]
    .sort(([a], [b]) => order(a, b))
    .map(([number, a]) => ({ number, title: toTitles.get(number) ?? '', ...a }));
  return {
    from: { id: from.id, title: from.title, period: from.period },
    to: { id: to.id, title: to.title, period: to.period, edition: to.edition },
    areas: areaList,
    dropped: [...dropped.entries()]
      .sort(([a], [b]) => order(a, b))
      .map(([number, measures]) => ({ number, title: fromTitles.get(number) ?? '', measures })),
    targets,
    counts: {
      carried: areaList.reduce((n, a) => n + a.carried.length, 0),
      reworded: areaList.reduce((n, a) => n + a.reworded.length, 0),
      added: areaList.reduce((n, a) => n + a.added.length, 0),
      dropped: [...dropped.values()].reduce((n, list) => n + list.length, 0),
    },
  };
}
