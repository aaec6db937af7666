import { parseJsonColumn } from '@app/database';
import {
  evolveMeeting,
  initialMeetingState,
  isMeetingEvent,
  type AmendmentState,
  type ExistingMeeting,
  type MeetingEvent,
  type MeetingState,
} from '@app/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Projection } from '../projection.js';

/** A meeting as its rows hold it: the domain's own state, so the read side folds as the decider does. */
export async function loadMeetingState(
  db: Kysely<any> | Transaction<any>,
  meetingId: string,
): Promise<ExistingMeeting | undefined> {
  const row = await db
    .selectFrom('rm_meetings')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!row) return undefined;
  const amendments = await db
    .selectFrom('rm_amendments')
    .select(['no', 'amendment'])
    .where('meeting_id', '=', meetingId)
    .orderBy('no')
    .execute();
  return {
    status: row.status,
    id: row.meeting_id,
    organisationId: row.organisation_id,
    body: row.body,
    date: row.date,
    planId: row.plan_id,
    planRevision: Number(row.plan_revision),
    title: row.title ?? undefined,
    edition: row.edition ?? undefined,
    amendments: new Map(amendments.map((a) => [Number(a.no), parseJsonColumn<AmendmentState>(a.amendment)])),
    planVote: row.plan_vote === null ? undefined : parseJsonColumn(row.plan_vote),
    decisions: Number(row.decisions),
  };
}

async function saveMeeting(
  trx: Transaction<any>,
  meeting: ExistingMeeting,
  touched: number | undefined,
): Promise<void> {
  const row = {
    meeting_id: meeting.id,
    organisation_id: meeting.organisationId,
    plan_id: meeting.planId,
    body: meeting.body,
    date: meeting.date,
    plan_revision: meeting.planRevision,
    status: meeting.status,
    title: meeting.title ?? null,
    edition: meeting.edition ?? null,
    plan_vote: meeting.planVote ? JSON.stringify(meeting.planVote) : null,
    decisions: meeting.decisions,
  };
  const { meeting_id: _, ...changes } = row;
  await trx
    .insertInto('rm_meetings')
    .values(row)
    .onConflict((oc) => oc.column('meeting_id').doUpdateSet(changes))
    .execute();
  const amendment = touched === undefined ? undefined : meeting.amendments.get(touched);
  if (!amendment) return;
  const values = {
    meeting_id: meeting.id,
    no: amendment.no,
    target_kind: amendment.target.kind,
    target_id: amendment.target.id,
    target_address: amendment.target.address,
    op: amendment.op,
    status: amendment.status,
    decided_seq: amendment.vote?.seq ?? null,
    amendment: JSON.stringify(amendment),
  };
  const { meeting_id: __, no: ___, ...update } = values;
  await trx
    .insertInto('rm_amendments')
    .values(values)
    .onConflict((oc) => oc.columns(['meeting_id', 'no']).doUpdateSet(update))
    .execute();
}

/** Meetings and their amendments with status, recommendation and vote (rm_meetings, rm_amendments). */
export const meetingsProjection: Projection = {
  name: 'meetings',
  tables: ['rm_amendments', 'rm_meetings'],
  handles: isMeetingEvent,
  async apply(trx, events) {
    for (const recorded of events) {
      if (!isMeetingEvent(recorded)) continue;
      const event = recorded as unknown as MeetingEvent;
      const before: MeetingState =
        (await loadMeetingState(trx, event.data.meetingId)) ?? initialMeetingState();
      const after = evolveMeeting(before, event);
      if (after.status === 'none') continue;
      await saveMeeting(trx, after, 'no' in event.data ? event.data.no : undefined);
    }
  },
};
