import type { Int8Column, JsonColumn, NullableJsonColumn } from '@app/database';
import type { Insertable, Selectable } from 'kysely';
import type { ElementKind } from './element-of.js';

/** rm_plan_history: every plan event, one row each, in stream order; rows are only ever added. */
export interface PlanHistoryTable {
  plan_id: string;
  stream_revision: Int8Column;
  event_id: string;
  event_type: string;
  element_kind: ElementKind;
  element_id: string | null;
  /** The event's data, as appended. */
  data: JsonColumn<Record<string, unknown>>;
  actor: string;
  command_id: string;
  cause: NullableJsonColumn<Record<string, unknown>>;
  recorded_at: string;
  /** When the change took effect (ISO date). */
  effective_at: string;
}

export type PlanHistoryRow = Selectable<PlanHistoryTable>;
export type NewPlanHistoryRow = Insertable<PlanHistoryTable>;
