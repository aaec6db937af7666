import { meetingPapers, type MeetingPapers, type PapersFingerprint } from '@app/domain';
import { papersFingerprint } from '@app/plan-document';
import type { Kysely } from 'kysely';
import { loadMeetingState } from '../meetings/meetings.projection.js';
import { timelineAt, type PlanMoment } from '../plan-view/plan-at.js';
import type { PlanTimeline } from '../plan-view/plan-timeline.js';
import type { ReadModelDatabase } from '../read-model-database.js';

/** The meeting papers of a plan folded from its history (the same function the resolver uses). */
export function papersOfTimeline(timeline: PlanTimeline): MeetingPapers | undefined {
  if (timeline.state.status === 'none') return undefined;
  return meetingPapers({
    plan: timeline.state,
    intros: timeline.intros,
    responsibleNotes: timeline.responsibleNotes,
  });
}

/** A plan's papers at a moment (now, an adopted revision, a date, or a stream revision). */
export async function planPapers(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  moment: PlanMoment = {},
): Promise<MeetingPapers | undefined> {
  const timeline = await timelineAt(db, planId, moment);
  return timeline ? papersOfTimeline(timeline) : undefined;
}

export interface MeetingPapersView {
  readonly meetingId: string;
  /** The plan stream's revision the meeting treats. */
  readonly planRevision: number;
  /** What the meeting recorded of its papers when scheduled (null for a meeting scheduled before that). */
  readonly recorded: PapersFingerprint | null;
  /** The papers as made again now; `matches` says whether they are the ones recorded. */
  readonly fingerprint: PapersFingerprint;
  readonly matches: boolean | null;
  readonly papers: MeetingPapers;
}

/** The papers a meeting received: its plan at the revision it treats, numbered line by line. */
export async function loadMeetingPapers(
  db: Kysely<ReadModelDatabase>,
  meetingId: string,
): Promise<MeetingPapersView | undefined> {
  const meeting = await loadMeetingState(db, meetingId);
  if (!meeting) return undefined;
  const papers = await planPapers(db, meeting.planId, { streamRevision: meeting.planRevision });
  if (!papers) return undefined;
  const fingerprint = papersFingerprint(papers);
  const recorded = meeting.papers ?? null;
  return {
    meetingId,
    planRevision: meeting.planRevision,
    recorded,
    fingerprint,
    matches: recorded ? recorded.digest === fingerprint.digest : null,
    papers,
  };
}
