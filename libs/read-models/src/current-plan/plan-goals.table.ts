import type { NullableJsonColumn } from '@app/database';
import type { Target } from '@app/domain';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** rm_plan_goals: every goal of every plan, as it is now (struck ones too). */
export interface PlanGoalsTable {
  goal_id: string;
  plan_id: string;
  section_id: string;
  parent_goal_id: string | null;
  text: string;
  target: NullableJsonColumn<Target>;
  struck: Generated<boolean>;
}

export type PlanGoalRow = Selectable<PlanGoalsTable>;
export type NewPlanGoalRow = Insertable<PlanGoalsTable>;
export type PlanGoalUpdate = Updateable<PlanGoalsTable>;
