import type { Int8Column, JsonColumn } from '@app/database';
import type { Body, PlanLifecycle } from '@app/domain';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** rm_plans: one row per plan, as it is now. */
export interface PlansTable {
  plan_id: string;
  organisation_id: string;
  title: string;
  period_from: number;
  period_to: number;
  edition: string | null;
  status: PlanLifecycle;
  bodies: JsonColumn<Body[]>;
  /** The plan stream's revision the row reflects. */
  revision: Int8Column;
  created_at: string;
  updated_at: string;
  adopted_revision: Generated<number>;
  predecessor_plan_id: string | null;
  parent_plan_id: string | null;
  changed_since_adoption: Generated<boolean>;
}

export type PlanRow = Selectable<PlansTable>;
export type NewPlanRow = Insertable<PlansTable>;
export type PlanUpdate = Updateable<PlansTable>;
