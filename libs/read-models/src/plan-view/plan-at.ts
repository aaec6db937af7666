import type { Kysely } from 'kysely';
import {
  loadPlanHistory,
  loadTimelineRows,
  streamRevisionOfAdoption,
} from '../plan-history/plan-history.queries.js';
import type { TimelineRow } from '../plan-history/history-row.js';
import { foldTimeline, timelineFromJson, type PlanTimeline } from './plan-timeline.js';
import { planViewFromJson, renderPlanView, type PlanView } from './plan-view.js';
import type { ReadModelDatabase } from '../read-model-database.js';

/** Which moment of a plan to read: now, an adopted revision, or a date. */
export interface PlanMoment {
  /** An adopted revision: 1 for the first adoption. */
  readonly revision?: number;
  /** ISO date: the plan with every change that had taken effect by then. */
  readonly asOf?: string;
  /** The plan stream's revision: the draft exactly as a meeting received it. */
  readonly streamRevision?: number;
}

/** A read of a moment the plan never had; the caller answers 404. */
export class PlanMomentNotFound extends Error {
  readonly code = 'PLAN_MOMENT_NOT_FOUND';
}

/** The refusals of a moment the plan never had, the same whether read alone or from the history read once. */
const noAdoptedRevision = (planId: string, revision: number): PlanMomentNotFound =>
  new PlanMomentNotFound(`Plan "${planId}" has no adopted revision ${revision}`);
const notYetOn = (planId: string, asOf: string): PlanMomentNotFound =>
  new PlanMomentNotFound(`Plan "${planId}" did not exist yet on ${asOf}`);

export const isNow = (moment: PlanMoment): boolean =>
  moment.revision === undefined && moment.asOf === undefined && moment.streamRevision === undefined;

/**
 * The plan now as plan-now keeps it: its row's `column` at the history's last revision, or
 * undefined when there is no row (a plan it does not keep) or the row is ahead of the history.
 * A row behind the history (plan-now gathers while commands keep coming, docs/adr/0026) is
 * `behind`: its timeline goes on with the history rows after it.
 */
async function keptNow(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  column: 'timeline' | 'view',
): Promise<{ value: string } | { behind: number } | undefined> {
  const [now, history] = await Promise.all([
    db
      .selectFrom('rm_plan_now')
      .select([column, 'stream_revision'])
      .where('plan_id', '=', planId)
      .executeTakeFirst(),
    db
      .selectFrom('rm_plan_history')
      .select('stream_revision')
      .where('plan_id', '=', planId)
      .orderBy('stream_revision', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  if (!now || !history) return undefined;
  const kept = Number(now.stream_revision);
  const last = Number(history.stream_revision);
  if (kept < last) return { behind: kept };
  const value = (now as Record<typeof column, string | null>)[column];
  return kept === last && value !== null ? { value } : undefined;
}

/** A timeline plan-now kept at `revision`, folded on with the history rows after it. */
async function keptTimelineCaughtUp(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  revision: number,
): Promise<PlanTimeline | undefined> {
  const [row, rows] = await Promise.all([
    db
      .selectFrom('rm_plan_now')
      .select(['timeline', 'stream_revision'])
      .where('plan_id', '=', planId)
      .executeTakeFirst(),
    loadTimelineRows(db, planId, { afterStreamRevision: revision }),
  ]);
  // Written again meanwhile (another batch): the rows read may not follow on from it.
  if (!row || Number(row.stream_revision) !== revision) return undefined;
  return foldTimeline(rows, timelineFromJson(row.timeline));
}

export async function timelineAt(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  moment: PlanMoment = {},
): Promise<PlanTimeline | undefined> {
  if (isNow(moment)) {
    // Now: the fold kept by the plan-now read model, caught up with the history if behind;
    // otherwise the history folded, the same only slower.
    const kept = await keptNow(db, planId, 'timeline');
    if (kept && 'value' in kept) return timelineFromJson(kept.value);
    const caughtUp = kept && (await keptTimelineCaughtUp(db, planId, kept.behind));
    if (caughtUp) return caughtUp;
  }
  return foldedTimelineAt(db, planId, moment);
}

/** The plan at a moment folded from its history. */
async function foldedTimelineAt(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  moment: PlanMoment,
): Promise<PlanTimeline | undefined> {
  let upToStreamRevision: number | undefined = moment.streamRevision;

  if (moment.revision !== undefined) {
    upToStreamRevision = await streamRevisionOfAdoption(db, planId, moment.revision);
    if (upToStreamRevision === undefined) {
      const exists = (await loadPlanHistory(db, planId, { upToStreamRevision: 0 })).length > 0;
      if (!exists) return undefined;
      throw noAdoptedRevision(planId, moment.revision);
    }
  }
  const rows = await loadTimelineRows(db, planId, {
    ...(upToStreamRevision !== undefined ? { upToStreamRevision } : {}),
    ...(moment.asOf !== undefined ? { effectiveOnOrBefore: moment.asOf } : {}),
  });
  if (rows.length === 0) {
    if (moment.asOf === undefined) return undefined;
    const exists = (await loadPlanHistory(db, planId, { upToStreamRevision: 0 })).length > 0;
    if (!exists) return undefined;
    throw notYetOn(planId, moment.asOf);
  }
  return foldTimeline(rows);
}

/** The plan at a moment, rendered; overdue is judged on the as-of date (or `today`). */
export async function planAt(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  moment: PlanMoment,
  today: string,
): Promise<PlanView | undefined> {
  if (isNow(moment)) {
    // The view plan-now keeps (dayless: overdue is marked for `today` here), when caught up;
    // when behind, its timeline caught up and rendered.
    const kept = await keptNow(db, planId, 'view');
    if (kept && 'value' in kept) return planViewFromJson(kept.value, today);
    const caughtUp = kept && (await keptTimelineCaughtUp(db, planId, kept.behind));
    if (caughtUp) return renderPlanView(caughtUp, today);
  }
  const timeline = await foldedTimelineAt(db, planId, moment);
  return timeline ? renderPlanView(timeline, moment.asOf ?? today) : undefined;
}

/**
 * A plan's moments from its whole history read once (a diff reads two moments and the history
 * itself): the rows `foldedTimelineAt` selects with SQL for one moment, selected here in memory,
 * with the same answers and refusals. A later moment bounded by stream revision goes on from the
 * fold of an earlier one instead of folding from the start again.
 */
export class HistoryMoments {
  /** The last fold bounded by stream revision: a later bound continues from it. */
  private folded: PlanTimeline | undefined;

  constructor(
    private readonly planId: string,
    private readonly rows: readonly TimelineRow[],
  ) {}

  /** The plan at `moment` (not now: that is plan-now's) as `foldedTimelineAt` gives it. */
  timelineAt(moment: PlanMoment): PlanTimeline | undefined {
    if (this.rows.length === 0) return undefined;
    let upTo = moment.streamRevision;
    if (moment.revision !== undefined) {
      upTo = this.rows.find(
        (r) => r.eventType === 'PlanAdopted' && Number(r.data.revision) === moment.revision,
      )?.streamRevision;
      if (upTo === undefined) throw noAdoptedRevision(this.planId, moment.revision);
    }
    if (moment.asOf !== undefined) {
      const asOf = moment.asOf;
      const rows = this.rows.filter(
        (r) => r.effectiveAt <= asOf && (upTo === undefined || r.streamRevision <= upTo),
      );
      if (rows.length === 0) throw notYetOn(this.planId, asOf);
      return foldTimeline(rows);
    }
    const before =
      this.folded && (upTo === undefined || this.folded.streamRevision <= upTo) ? this.folded : undefined;
    const after = before?.streamRevision ?? -1;
    const rows = this.rows.filter(
      (r) => r.streamRevision > after && (upTo === undefined || r.streamRevision <= upTo),
    );
    if (!before && rows.length === 0) return undefined;
    this.folded = foldTimeline(rows, before);
    return this.folded;
  }

  /** The plan at `moment`, rendered as `planAt` renders it (overdue judged on the as-of date or `today`). */
  planAt(moment: PlanMoment, today: string): PlanView | undefined {
    const timeline = this.timelineAt(moment);
    return timeline ? renderPlanView(timeline, moment.asOf ?? today) : undefined;
  }
}
