import type { Int8Column } from '@app/database';
import type { Insertable, Selectable } from 'kysely';

/**
 * rm_plan_now: each plan as its history folds to now (the PlanTimeline the pages render), one
 * row per plan, so "the plan now" is one lookup instead of a fold of its whole history.
 */
export interface PlanNowTable {
  plan_id: string;
  /** The plan stream's revision folded up to. */
  stream_revision: Int8Column;
  /** timelineToJson of the fold: text, read back by JSON.parse (no jsonb to parse and print again). */
  timeline: string;
  /** jsonDigest of `timeline`: tells plan-now that the timeline it keeps in memory is this one. */
  timeline_digest: string | null;
  /**
   * JSON of the plan view rendered as of no day (`renderDaylessView`): what "the plan now" reads,
   * marking overdue measures for its day. Null only for a plan the fold has not created.
   */
  view: string | null;
}

export type PlanNowRow = Selectable<PlanNowTable>;
export type NewPlanNowRow = Insertable<PlanNowTable>;
