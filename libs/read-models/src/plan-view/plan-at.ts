import type { Kysely } from 'kysely';
import {
  loadPlanHistory,
  loadTimelineRows,
  streamRevisionOfAdoption,
} from '../plan-history/plan-history.queries.js';
import { foldTimeline, timelineFromJson, type PlanTimeline } from './plan-timeline.js';
import { renderPlanView, type PlanView } from './plan-view.js';
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

export async function timelineAt(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  moment: PlanMoment = {},
): Promise<PlanTimeline | undefined> {
  if (moment.revision === undefined && moment.asOf === undefined && moment.streamRevision === undefined) {
    // Now: the fold kept by the plan-now read model (folding the history is the same, only slower,
    // and what a plan that read model has not reached yet gets).
    const now = await db
      .selectFrom('rm_plan_now')
      .select('timeline')
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (now) return timelineFromJson(now.timeline);
  }
  let upToStreamRevision: number | undefined = moment.streamRevision;

  if (moment.revision !== undefined) {
    upToStreamRevision = await streamRevisionOfAdoption(db, planId, moment.revision);
    if (upToStreamRevision === undefined) {
      const exists = (await loadPlanHistory(db, planId, { upToStreamRevision: 0 })).length > 0;
      if (!exists) return undefined;
      throw new PlanMomentNotFound(`Plan "${planId}" has no adopted revision ${moment.revision}`);
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
    throw new PlanMomentNotFound(`Plan "${planId}" did not exist yet on ${moment.asOf}`);
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
  const timeline = await timelineAt(db, planId, moment);
  return timeline ? renderPlanView(timeline, moment.asOf ?? today) : undefined;
}
