import type { JsonColumn, NullableJsonColumn } from '@app/database';
import type { ExistingMeeting, PlanVote } from '@app/domain';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** The meeting's state beyond its columns and its amendments, kept as JSON in `details`. */
export type MeetingDetails = Omit<
  ExistingMeeting,
  | 'status'
  | 'id'
  | 'organisationId'
  | 'body'
  | 'date'
  | 'planId'
  | 'planRevision'
  | 'title'
  | 'edition'
  | 'amendments'
  | 'planVote'
  | 'decisions'
>;

/** rm_meetings: each meeting's state as the domain folds it, one row per meeting. */
export interface MeetingsTable {
  meeting_id: string;
  organisation_id: string;
  plan_id: string;
  body: string;
  date: string;
  /** The plan stream's revision the meeting treats. */
  plan_revision: number;
  status: ExistingMeeting['status'];
  title: string | null;
  edition: string | null;
  plan_vote: NullableJsonColumn<PlanVote>;
  decisions: number;
  details: JsonColumn<MeetingDetails>;
  /** The revision of the meeting's stream the row reflects (-1: none). */
  stream_revision: Generated<number>;
}

export type MeetingRow = Selectable<MeetingsTable>;
export type NewMeetingRow = Insertable<MeetingsTable>;
export type MeetingUpdate = Updateable<MeetingsTable>;
