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
import type { ReadModelDatabase } from '../read-model-database.js';
import type { MeetingDetails } from './meetings.table.js';

/** A meeting as its rows hold it: the domain's own state, so the read side folds as the decider does. */
export async function loadMeetingState(
  db: Kysely<ReadModelDatabase>,
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
  const details: Partial<MeetingDetails> = parseJsonColumn(row.details);
  return {
    // Rows written before a field was kept read as a meeting that never had it.
    papers: details.papers,
    deadline: details.deadline,
    majority: details.majority ?? 'simple',
    votingOrder: details.votingOrder,
    floor: details.floor,
    enBloc: details.enBloc ?? [],
    status: row.status,
    id: row.meeting_id,
    organisationId: row.organisation_id,
    body: row.body,
    date: row.date,
    planId: row.plan_id,
    planRevision: Number(row.plan_revision),
    title: row.title ?? undefined,
    edition: row.edition ?? undefined,
    amendments: new Map(
      amendments.map((a) => {
        const stored: AmendmentState = parseJsonColumn(a.amendment);
        return [
          a.no,
          { ...stored, inMeeting: stored.inMeeting === true, contested: stored.contested === true },
        ];
      }),
    ),
    planVote: row.plan_vote === null ? undefined : parseJsonColumn(row.plan_vote),
    decisions: Number(row.decisions),
  };
}

function detailsOf(meeting: ExistingMeeting): MeetingDetails {
  const {
    status: _status,
    id: _id,
    organisationId: _organisationId,
    body: _body,
    date: _date,
    planId: _planId,
    planRevision: _planRevision,
    title: _title,
    edition: _edition,
    amendments: _amendments,
    planVote: _planVote,
    decisions: _decisions,
    ...details
  } = meeting;
  return details;
}

/** The revision of the meeting's stream its rows reflect (-1: none): pages follow a meeting by it. */
export async function meetingStreamRevision(
  db: Kysely<ReadModelDatabase>,
  meetingId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('rm_meetings')
    .select('stream_revision')
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return row ? Number(row.stream_revision) : undefined;
}

async function saveMeeting(
  trx: Transaction<ReadModelDatabase>,
  meeting: ExistingMeeting,
  before: MeetingState,
  streamRevision: number,
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
    details: JSON.stringify(detailsOf(meeting)),
    stream_revision: streamRevision,
  };
  const { meeting_id: _, ...changes } = row;
  await trx
    .insertInto('rm_meetings')
    .values(row)
    .onConflict((oc) => oc.column('meeting_id').doUpdateSet(changes))
    .execute();
  // The amendments that changed: the fold gives a changed amendment a new object.
  const earlier = before.status === 'none' ? undefined : before.amendments;
  const changed = [...meeting.amendments.values()].filter((a) => earlier?.get(a.no) !== a);
  for (let i = 0; i < changed.length; i += AMENDMENTS_PER_STATEMENT) {
    await saveAmendments(trx, meeting, changed.slice(i, i + AMENDMENTS_PER_STATEMENT));
  }
}

/** Amendment rows per insert: 9 parameters each, well under PostgreSQL's 65,535. */
const AMENDMENTS_PER_STATEMENT = 1000;

async function saveAmendments(
  trx: Transaction<ReadModelDatabase>,
  meeting: ExistingMeeting,
  amendments: readonly AmendmentState[],
): Promise<void> {
  if (amendments.length === 0) return;
  await trx
    .insertInto('rm_amendments')
    .values(
      amendments.map((amendment) => ({
        meeting_id: meeting.id,
        no: amendment.no,
        target_kind: amendment.target.kind,
        target_id: amendment.target.id,
        target_address: amendment.target.address,
        op: amendment.op,
        status: amendment.status,
        decided_seq: amendment.vote?.seq ?? null,
        amendment: JSON.stringify(amendment),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'no']).doUpdateSet((eb) => ({
        target_kind: eb.ref('excluded.target_kind'),
        target_id: eb.ref('excluded.target_id'),
        target_address: eb.ref('excluded.target_address'),
        op: eb.ref('excluded.op'),
        status: eb.ref('excluded.status'),
        decided_seq: eb.ref('excluded.decided_seq'),
        amendment: eb.ref('excluded.amendment'),
      })),
    )
    .execute();
}

/**
 * Meetings and their amendments with status, recommendation and vote (rm_meetings, rm_amendments).
 * A batch is folded in memory per meeting, from its rows as they were, and each meeting written
 * once, with the amendments the batch changed: a replayed protocol appends a meeting's ~900
 * events at once, and loading and saving the meeting (and its 300 amendments) per event made
 * applying them quadratic.
 */
export const meetingsProjection: Projection = {
  name: 'meetings',
  tables: ['rm_amendments', 'rm_meetings'],
  handles: isMeetingEvent,
  async apply(trx, events) {
    const folded = new Map<string, { before: MeetingState; after: MeetingState; revision: number }>();
    for (const recorded of events) {
      if (!isMeetingEvent(recorded)) continue;
      const event = recorded as unknown as MeetingEvent;
      const id = event.data.meetingId;
      let meeting = folded.get(id);
      if (!meeting) {
        const before: MeetingState = (await loadMeetingState(trx, id)) ?? initialMeetingState();
        meeting = { before, after: before, revision: -1 };
        folded.set(id, meeting);
      }
      meeting.after = evolveMeeting(meeting.after, event);
      meeting.revision = Number(recorded.revision);
    }
    for (const { before, after, revision } of folded.values()) {
      if (after.status === 'none') continue;
      await saveMeeting(trx, after, before, revision);
    }
  },
};
