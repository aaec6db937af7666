import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@app/database';
import type { MeetingProtocol } from '@app/plan-document';
import {
  listMeetings,
  loadMeetingPapers,
  type MeetingPapersView,
  loadMeetingProtocol,
  loadMeetingView,
  previewMeeting,
  type MeetingPreview,
  type MeetingSummary,
  type MeetingView,
} from '@app/read-models';
import { DATABASE } from '../tokens.js';

/** Read side of meetings, answered from the read model tables. */
@Injectable()
export class MeetingQueries {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  list(planId?: string): Promise<MeetingSummary[]> {
    return listMeetings(this.database.db, planId);
  }

  find(meetingId: string, now = new Date().toISOString()): Promise<MeetingView | undefined> {
    return loadMeetingView(this.database.db, meetingId, now);
  }

  /** The papers the meeting received, numbered line by line. */
  papers(meetingId: string): Promise<MeetingPapersView | undefined> {
    return loadMeetingPapers(this.database.db, meetingId);
  }

  protocol(meetingId: string): Promise<MeetingProtocol | undefined> {
    return loadMeetingProtocol(this.database.db, meetingId);
  }

  /** The plan as it would be if these pending amendments were adopted; nothing is written. */
  preview(
    meetingId: string,
    adopt: readonly number[],
    now = new Date().toISOString(),
  ): Promise<MeetingPreview | undefined> {
    return previewMeeting(this.database.db, meetingId, adopt, now);
  }
}
