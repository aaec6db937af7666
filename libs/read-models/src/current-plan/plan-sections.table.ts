import type { Insertable, Selectable, Updateable } from 'kysely';

/** rm_plan_sections: every section of every plan, as it is now. */
export interface PlanSectionsTable {
  section_id: string;
  plan_id: string;
  parent_section_id: string | null;
  number: string;
  title: string;
  intro: string | null;
}

export type PlanSectionRow = Selectable<PlanSectionsTable>;
export type NewPlanSectionRow = Insertable<PlanSectionsTable>;
export type PlanSectionUpdate = Updateable<PlanSectionsTable>;
