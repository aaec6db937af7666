import type { Insertable, Selectable } from 'kysely';

/**
 * rm_plan_lineage_texts: what lineage suggestions are made from, per plan as it is now (kept by
 * plan-now): its live measures' and goals' ids and texts in plan order, and its predecessor.
 */
export interface PlanLineageTextsTable {
  plan_id: string;
  predecessor_plan_id: string | null;
  /** `lineageTextsKey` of `texts`: a kept suggestion is used only for the texts it was made from. */
  texts_key: string;
  /** JSON of the `LineageTexts`. */
  texts: string;
}

export type PlanLineageTextsRow = Selectable<PlanLineageTextsTable>;
export type NewPlanLineageTextsRow = Insertable<PlanLineageTextsTable>;
