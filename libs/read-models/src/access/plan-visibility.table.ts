import type { PlanVisibility } from '@app/domain';
import type { Insertable, Selectable, Updateable } from 'kysely';

/** rm_plan_visibility: whether a plan is internal, for listings (requests read it from the store). */
export interface PlanVisibilityTable {
  plan_id: string;
  organisation_id: string;
  visibility: PlanVisibility;
}

export type PlanVisibilityRow = Selectable<PlanVisibilityTable>;
export type NewPlanVisibilityRow = Insertable<PlanVisibilityTable>;
export type PlanVisibilityUpdate = Updateable<PlanVisibilityTable>;
