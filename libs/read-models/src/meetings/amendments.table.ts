import type { JsonColumn } from '@app/database';
import type { AmendmentOp, AmendmentState, AmendmentStatus, ResolvedTarget } from '@app/domain';
import type { Insertable, Selectable, Updateable } from 'kysely';

/** rm_amendments: each amendment of each meeting, its state as the domain folds it. */
export interface AmendmentsTable {
  meeting_id: string;
  no: number;
  target_kind: ResolvedTarget['kind'];
  target_id: string;
  target_address: string;
  op: AmendmentOp;
  status: AmendmentStatus;
  /** The order it was decided in (1 for the meeting's first decision); null while pending. */
  decided_seq: number | null;
  amendment: JsonColumn<AmendmentState>;
}

export type AmendmentRow = Selectable<AmendmentsTable>;
export type NewAmendmentRow = Insertable<AmendmentsTable>;
export type AmendmentUpdate = Updateable<AmendmentsTable>;
