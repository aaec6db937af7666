import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../read-model-database.js';
import { formatDateNb } from '../report-format/report-format.js';

/** A meeting by the name people know it by: its title ("Oslo SVs årsmøte 2026"), else its body and date. */
export function meetingNameNb(meeting: {
  readonly title: string | null;
  readonly body: string;
  readonly date: string;
}): string {
  return meeting.title ?? `${meeting.body} ${formatDateNb(meeting.date)}`;
}

/** A plan's meetings (every plan's without one) by id, each by its name, to name a cause by. */
export async function loadMeetingNames(
  db: Kysely<ReadModelDatabase>,
  planId?: string,
): Promise<Record<string, string>> {
  let query = db.selectFrom('rm_meetings').select(['meeting_id', 'title', 'body', 'date']);
  if (planId) query = query.where('plan_id', '=', planId);
  const rows = await query.execute();
  return Object.fromEntries(rows.map((r) => [r.meeting_id, meetingNameNb({ ...r, title: r.title ?? null })]));
}
