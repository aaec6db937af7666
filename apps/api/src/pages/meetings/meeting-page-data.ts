import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@app/database';
import type { MeetingPapers } from '@app/domain';
import {
  meetingVoteLookup,
  readModelsVersion,
  type MeetingSummary,
  type MeetingView,
  type OrganisationView,
  type PlanView,
  type Redline,
} from '@app/read-models';
import { DATABASE, MeetingQueries, PlanQueries } from '@app/runtime';
import { SLUG } from '../format.js';
import { PageProblem } from '../page-http.js';

/** What every meeting page needs: the meeting, the plan it treats, now and as the papers had it. */
export interface MeetingContext {
  readonly meeting: MeetingView;
  /** The plan as it is now (with the amendments adopted so far). */
  readonly plan: PlanView;
  /** The plan as the meeting received it (its papers). */
  readonly papers: PlanView;
  readonly organisations: OrganisationView[];
}

/** The read side of the meeting pages, composed from the meeting and plan queries. */
@Injectable()
export class MeetingPageData {
  constructor(
    private readonly meetings: MeetingQueries,
    private readonly plans: PlanQueries,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  /** Changes whenever the read models apply an event: what a live region's cache is keyed on. */
  version(): Promise<string> {
    return readModelsVersion(this.database.db);
  }

  async meeting(meetingId: string): Promise<MeetingView> {
    if (!SLUG.test(meetingId) || meetingId.length > 100)
      throw new PageProblem(404, `Fant ikke noe møte med id «${meetingId}».`);
    const meeting = await this.meetings.find(meetingId);
    if (!meeting) throw new PageProblem(404, `Fant ikke noe møte med id «${meetingId}».`);
    return meeting;
  }

  async context(meetingId: string): Promise<MeetingContext> {
    const meeting = await this.meeting(meetingId);
    const [plan, papers, organisations] = await Promise.all([
      this.plans.findPlan(meeting.planId),
      this.plans.findPlan(meeting.planId, { streamRevision: meeting.planRevision }),
      this.plans.listOrganisations(),
    ]);
    if (!plan || !papers) throw new PageProblem(404, `Fant ikke planen møtet behandler (${meeting.planId}).`);
    return { meeting, plan, papers, organisations };
  }

  /** The papers the meeting received, numbered line by line (meeting-core's one numbering). */
  async papers(meetingId: string): Promise<MeetingPapers> {
    const view = await this.meetings.papers(meetingId);
    if (!view) throw new PageProblem(404, `Fant ikke sakspapiret til møtet «${meetingId}».`);
    return view.papers;
  }

  list(planId: string): Promise<MeetingSummary[]> {
    return this.meetings.list(planId);
  }

  listOrganisations(): Promise<OrganisationView[]> {
    return this.plans.listOrganisations();
  }

  async plan(planId: string): Promise<PlanView> {
    const plan = await this.plans.findPlan(planId);
    if (!plan) throw new PageProblem(404, `Fant ingen plan med id «${planId}».`);
    return plan;
  }

  /** The plan the meeting adopted (or the plan now, before the final vote) against its papers. */
  adoptedRedline(meeting: MeetingView): Promise<Redline | undefined> {
    return this.plans.meetingRedline(meeting.planId, meeting, meetingVoteLookup(meeting));
  }
}
