import type { Insertable, Selectable } from 'kysely';

/**
 * rm_plan_lineage: the suggested links (`suggestLinks`) from each plan's predecessor as it is
 * now to the plan as it is now, one row per plan that has a predecessor (kept by plan-now), so a
 * lineage or successor diff reads them instead of scoring every pair of texts.
 */
export interface PlanLineageTable {
  to_plan_id: string;
  from_plan_id: string;
  /** The `texts_key` of each side the suggestions were made from. */
  from_key: string;
  to_key: string;
  /** JSON of the measures' and the goals' `LinkSuggestion[]`. */
  measures: string;
  goals: string;
}

export type PlanLineageRow = Selectable<PlanLineageTable>;
export type NewPlanLineageRow = Insertable<PlanLineageTable>;
