import type { JsonColumn } from '@app/database';
import type { MeasureStatus } from '@app/domain';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** rm_plan_measures: every measure of every plan, as it is now (struck ones too). */
export interface PlanMeasuresTable {
  measure_id: string;
  plan_id: string;
  section_id: string;
  label: string;
  text: string;
  timing: string;
  /** Body codes, the lead first. */
  responsible: JsonColumn<string[]>;
  responsible_note: string | null;
  status: MeasureStatus;
  status_note: string | null;
  /** When the status took effect (ISO date). */
  status_changed_at: string | null;
  status_changed_by: string | null;
  struck: Generated<boolean>;
  status_period: string | null;
}

export type PlanMeasureRow = Selectable<PlanMeasuresTable>;
export type NewPlanMeasureRow = Insertable<PlanMeasuresTable>;
export type PlanMeasureUpdate = Updateable<PlanMeasuresTable>;
