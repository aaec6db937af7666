import { wordDiff, type DiffPart, type MeasureStatus, type Target } from '@app/domain';
import { emptyStatusCounts, type StatusCounts } from '../follow-up/follow-up-summary.js';
import { flattenGoals, flattenSections } from '../plan-diff/diff-plans.js';
import type { HistoryRow } from '../plan-history/history-row.js';
import { foldTimeline, type MeasurementEntry } from '../plan-view/plan-timeline.js';
import { renderPlanView, responsibleNames, type GoalView, type PlanView } from '../plan-view/plan-view.js';
import { decisionReferenceNb, formatDateNb, formatTargetNb } from '../report-format/report-format.js';
import { changeOf } from '../plan-changes/describe-plan-event.js';

/** The period a report covers, ISO dates, both ends included. */
export interface ReportRange {
  readonly from: string;
  readonly to: string;
}

/** Something done on a measure in the period: a status report or a progress note. */
export interface ReportWork {
  readonly at: string;
  readonly status: MeasureStatus | null;
  readonly note: string | null;
  readonly period: string | null;
  readonly by: string;
}

export interface ReportMeasure {
  readonly id: string;
  readonly address: string;
  readonly text: string;
  readonly timing: string;
  readonly due: string | null;
  readonly overdue: boolean;
  /** Bodies (the lead first) and named parties responsible for it. */
  readonly responsible: string[];
  /** The status on the report's last day. */
  readonly status: MeasureStatus;
  readonly work: ReportWork[];
}

export interface ReportSection {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  /** 0 for a chapter, 1 for its sub-sections... */
  readonly depth: number;
  readonly measures: ReportMeasure[];
}

export interface ReportIndicator {
  readonly goalId: string | null;
  readonly address: string | null;
  readonly text: string | null;
  readonly target: Target | null;
  readonly metric: string;
  /** The latest measured value on or before the report's last day. */
  readonly latest: MeasurementEntry | null;
  /** latest / target, when both are known. */
  readonly share: number | null;
  /** Whether the latest value reaches the target (at least the target value). */
  readonly reached: boolean | null;
}

export type ReportChangeKind =
  | 'created'
  | 'adopted'
  | 'superseded'
  | 'added'
  | 'removed'
  | 'reworded'
  | 'retimed'
  | 'reassigned'
  | 'moved'
  | 'retitled'
  | 'targetChanged';

/** One change to the plan in the period, with why it was made. */
export interface ReportChange {
  readonly at: string;
  readonly recordedAt: string;
  readonly eventType: string;
  readonly kind: ReportChangeKind;
  readonly element: 'plan' | 'section' | 'goal' | 'measure';
  /** "4.2.J" for a measure, "4.2" for a section, the goal's address while it is in the plan. */
  readonly address: string | null;
  /** The element's text or title after the change (before it, for a struck element). */
  readonly subject: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly parts: DiffPart[] | null;
  readonly reason: string | null;
  readonly cause: Record<string, unknown> | null;
  readonly actor: string;
}

export interface FollowUpReport {
  readonly plan: {
    readonly id: string;
    readonly organisationId: string;
    readonly title: string;
    readonly edition: string | null;
    readonly period: { from: number; to: number };
    readonly adoptedRevision: number;
  };
  readonly range: ReportRange;
  readonly totals: { readonly measures: number; readonly byStatus: StatusCounts; readonly overdue: number };
  readonly sections: ReportSection[];
  readonly indicators: ReportIndicator[];
  readonly changes: ReportChange[];
  /** The plan's meetings by id, each by its name, for the causes (loadFollowUpReport looks them up). */
  readonly meetingNames?: Readonly<Record<string, string>>;
}

const inRange = (date: string, range: ReportRange) => date >= range.from && date <= range.to;

/**
 * The follow-up report for the annual meeting. `rows` are the plan's history rows that took
 * effect on or before `range.to` (what `timelineAt(..., { asOf: to })` folds): the plan as it
 * stood on the last day gives each measure's status; the rows within the range give what was
 * done (status reports, progress notes) and what changed and why (each change with its cause).
 */
export function buildFollowUpReport(
  rows: readonly HistoryRow[],
  range: ReportRange,
): FollowUpReport | undefined {
  const upToEnd = rows.filter((r) => r.effectiveAt <= range.to);
  const view = renderPlanView(foldTimeline(upToEnd), range.to);
  if (!view) return undefined;

  const sections = flattenWithDepth(view);
  const measures = sections.flatMap((s) => s.measures);
  const byStatus = emptyStatusCounts();
  for (const m of measures) byStatus[m.status]++;

  return {
    plan: {
      id: view.id,
      organisationId: view.organisationId,
      title: view.title,
      edition: view.edition,
      period: view.period,
      adoptedRevision: view.adoptedRevision,
    },
    range,
    totals: { measures: measures.length, byStatus, overdue: measures.filter((m) => m.overdue).length },
    sections: sections.map((s) => ({
      ...s,
      measures: s.measures.map((m) => ({
        id: m.id,
        address: m.address,
        text: m.text,
        timing: m.timing,
        due: m.due,
        overdue: m.overdue,
        responsible: responsibleNames(m),
        status: m.status,
        work: m.followUp
          .filter((f) => inRange(f.at, range))
          .map((f) => ({
            at: f.at,
            status: (f.status as MeasureStatus | undefined) ?? null,
            note: f.note ?? null,
            period: f.period ?? null,
            by: f.by,
          })),
      })),
    })),
    indicators: indicatorsOf(view, range),
    changes: changesIn(upToEnd, range, view),
  };
}

function flattenWithDepth(view: PlanView) {
  const depthOf = new Map<string, number>();
  const walk = (sections: PlanView['sections'], depth: number): void => {
    for (const s of sections) {
      depthOf.set(s.id, depth);
      walk(s.sections, depth + 1);
    }
  };
  walk(view.sections, 0);
  return flattenSections(view.sections).map((s) => ({
    id: s.id,
    number: s.number,
    title: s.title,
    depth: depthOf.get(s.id) ?? 0,
    measures: s.measures,
  }));
}

function latestOf(measurements: readonly MeasurementEntry[], to: string): MeasurementEntry | null {
  const known = measurements.filter((m) => m.at <= to);
  return known.reduce<MeasurementEntry | null>(
    (best, m) => (best === null || m.at >= best.at ? m : best),
    null,
  );
}

function indicatorsOf(view: PlanView, range: ReportRange): ReportIndicator[] {
  const goals = flattenGoals(view.sections).filter((g) => g.target !== null || g.measurements.length > 0);
  const ofGoal = (g: GoalView): ReportIndicator => {
    const relevant = g.target ? g.measurements.filter((m) => m.metric === g.target!.metric) : g.measurements;
    const latest = latestOf(relevant, range.to);
    const comparable = latest !== null && g.target !== null;
    return {
      goalId: g.id,
      address: g.address,
      text: g.text,
      target: g.target,
      metric: g.target?.metric ?? latest?.metric ?? '',
      latest,
      share: comparable && g.target!.value !== 0 ? latest!.value / g.target!.value : null,
      reached: comparable ? latest!.value >= g.target!.value : null,
    };
  };
  const metrics = [...new Set(view.measurements.map((m) => m.metric))];
  const planWide = metrics.map((metric): ReportIndicator => ({
    goalId: null,
    address: null,
    text: null,
    target: null,
    metric,
    latest: latestOf(
      view.measurements.filter((m) => m.metric === metric),
      range.to,
    ),
    share: null,
    reached: null,
  }));
  return [...goals.map(ofGoal), ...planWide];
}

/** The changes in the range, each addressed as the plan stood when it was made. */
function changesIn(rows: readonly HistoryRow[], range: ReportRange, view: PlanView): ReportChange[] {
  const sectionNumber = new Map<string, string>();
  const measures = new Map<string, { sectionId: string; label: string; text: string }>();
  const goalText = new Map<string, string>();
  const goalAddress = new Map(flattenGoals(view.sections).map((g) => [g.id, g.address]));
  const measureAddress = (id: string) => {
    const m = measures.get(id);
    return m ? `${sectionNumber.get(m.sectionId) ?? '?'}.${m.label}` : null;
  };
  const changes: ReportChange[] = [];

  for (const row of rows) {
    const c = changeOf(row);
    if (!c) continue;
    const record = inRange(row.effectiveAt, range);
    const emit = (
      kind: ReportChangeKind,
      element: ReportChange['element'],
      address: string | null,
      subject: string,
      detail: Partial<Pick<ReportChange, 'from' | 'to' | 'parts' | 'reason'>> = {},
    ) => {
      if (!record) return;
      changes.push({
        at: row.effectiveAt,
        recordedAt: row.recordedAt,
        eventType: row.eventType,
        kind,
        element,
        address,
        subject,
        from: detail.from ?? null,
        to: detail.to ?? null,
        parts: detail.parts ?? null,
        reason: detail.reason ?? null,
        cause: row.cause,
        actor: row.actor,
      });
    };
    const reworded = (from: string, to: string) => ({ from, to, parts: wordDiff(from, to) });
    const names = (bodies: readonly string[], parties: readonly string[] | null) =>
      [...bodies, ...(parties ?? [])].join(', ');

    switch (c.kind) {
      case 'created':
        emit('created', 'plan', null, c.title);
        break;
      case 'retitled':
        if (c.element === 'plan') emit('retitled', 'plan', null, c.to, reworded(c.from, c.to));
        else
          emit('retitled', 'section', sectionNumber.get(c.elementId) ?? null, c.to, reworded(c.from, c.to));
        break;
      case 'adopted':
        emit('adopted', 'plan', null, `Revisjon ${c.revision}`, {
          ...(c.edition !== null ? { to: `utgave ${c.edition}` } : {}),
          reason: [c.body, formatDateNb(c.date), decisionReferenceNb(c.decisionRef, row.cause)]
            .filter((x) => typeof x === 'string')
            .join(' '),
        });
        break;
      case 'superseded':
        emit('superseded', 'plan', null, view.title, { to: c.byPlanId });
        break;
      case 'added':
        if (c.element === 'section') {
          sectionNumber.set(c.elementId, c.number);
          emit('added', 'section', c.number, c.title);
        } else if (c.element === 'goal') {
          goalText.set(c.elementId, c.text);
          emit('added', 'goal', goalAddress.get(c.elementId) ?? null, c.text, {
            ...(c.target ? { to: formatTargetNb(c.target) } : {}),
          });
        } else {
          measures.set(c.elementId, { sectionId: c.sectionId, label: c.label, text: c.text });
          emit('added', 'measure', measureAddress(c.elementId), c.text, {
            to: `${c.timing}; ${names(c.responsible, c.parties)}`,
          });
        }
        break;
      case 'reworded':
        if (c.element === 'section') {
          emit('reworded', 'section', sectionNumber.get(c.elementId) ?? null, c.to, reworded(c.from, c.to));
        } else if (c.element === 'goal') {
          goalText.set(c.elementId, c.to);
          emit('reworded', 'goal', goalAddress.get(c.elementId) ?? null, c.to, reworded(c.from, c.to));
        } else {
          const m = measures.get(c.elementId);
          if (m) measures.set(c.elementId, { ...m, text: c.to });
          emit('reworded', 'measure', measureAddress(c.elementId), c.to, reworded(c.from, c.to));
        }
        break;
      case 'targetChanged':
        emit('targetChanged', 'goal', goalAddress.get(c.elementId) ?? null, goalText.get(c.elementId) ?? '', {
          from: c.from ? formatTargetNb(c.from) : null,
          to: formatTargetNb(c.to),
        });
        break;
      case 'removed':
        if (c.element === 'goal') {
          emit('removed', 'goal', null, goalText.get(c.elementId) ?? '', { reason: c.reason });
        } else {
          const text = measures.get(c.elementId)?.text ?? '';
          emit('removed', 'measure', measureAddress(c.elementId), text, { reason: c.reason });
        }
        break;
      case 'retimed':
        emit('retimed', 'measure', measureAddress(c.elementId), measures.get(c.elementId)?.text ?? '', {
          from: c.from,
          to: c.to,
        });
        break;
      case 'reassigned':
        emit('reassigned', 'measure', measureAddress(c.elementId), measures.get(c.elementId)?.text ?? '', {
          from: names(c.from, c.fromParties),
          to: names(c.to, c.toParties),
          ...(c.reason ? { reason: c.reason } : {}),
        });
        break;
      case 'moved': {
        const m = measures.get(c.elementId);
        const from = measureAddress(c.elementId);
        if (m) measures.set(c.elementId, { ...m, sectionId: c.toSectionId, label: c.toLabel });
        const to = measureAddress(c.elementId);
        emit('moved', 'measure', to, m?.text ?? '', { ...(from ? { from } : {}), ...(to ? { to } : {}) });
        break;
      }
      // Not changes to the plan's text: the report shows follow-up and measurements on their own.
      case 'linked':
      case 'bodyDeclared':
      case 'measured':
      case 'statusChanged':
      case 'progressNoted':
      case 'lineageConfirmed':
      case 'lineageRejected':
        break;
      default: {
        // Every kind of change is reported or passed over above: a new kind does not compile until it is.
        const unhandled: never = c;
        return unhandled;
      }
    }
  }
  return changes;
}
