import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@app/database';
import type { MeetingPapers } from '@app/domain';
import {
  findOrganisation,
  listOrganisations,
  listPlans,
  loadActorNames,
  loadElementHistory,
  loadFollowUpReport,
  loadPlanDiff,
  loadPlanHistory,
  planAt,
  summariseFollowUp,
  timelineAt,
  planPapers,
  type FollowUpReport,
  type FollowUpSummary,
  type HistoryRow,
  type OrganisationView,
  type PlanDiff,
  type PlanDiffRequest,
  type PlanMoment,
  type PlanSummary,
  type PlanTimeline,
  type PlanView,
  type ReportRange,
  buildAuditReport,
  loadRedline,
  loadMeetingRedline,
  type VoteLookup,
  type Redline,
  loadLineage,
  PlanMomentNotFound,
  type AuditReport,
  type Lineage,
  type SuccessorVersion,
} from '@app/read-models';

import { DATABASE } from './tokens.js';

/** Read side of plans, answered from the read model tables. */
@Injectable()
export class PlanQueries {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** The plan now, at an adopted revision, or as it stood on a date. */
  findPlan(
    planId: string,
    moment: PlanMoment = {},
    today = new Date().toISOString().slice(0, 10),
  ): Promise<PlanView | undefined> {
    return planAt(this.database.db, planId, moment, today);
  }

  /** The plan's meeting papers at a moment: the one line numbering of the papers, the resolver and the exports. */
  papers(planId: string, moment: PlanMoment = {}): Promise<MeetingPapers | undefined> {
    return planPapers(this.database.db, planId, moment);
  }

  timeline(planId: string, moment: PlanMoment = {}): Promise<PlanTimeline | undefined> {
    return timelineAt(this.database.db, planId, moment);
  }

  listPlans(organisationId?: string): Promise<PlanSummary[]> {
    return listPlans(this.database.db, organisationId);
  }

  listOrganisations(): Promise<OrganisationView[]> {
    return listOrganisations(this.database.db);
  }

  findOrganisation(id: string): Promise<OrganisationView | undefined> {
    return findOrganisation(this.database.db, id);
  }

  /** How `toPlanId` continues `fromPlanId` (by default its predecessor): suggested and confirmed links. */
  async lineage(
    toPlanId: string,
    fromPlanId?: string,
    today = new Date().toISOString().slice(0, 10),
    version: SuccessorVersion = 'first-adopted',
  ): Promise<Lineage | undefined> {
    const from = fromPlanId ?? (await this.findPlan(toPlanId))?.predecessorPlanId ?? undefined;
    if (!from) {
      if (!(await this.findPlan(toPlanId))) return undefined;
      throw new PlanMomentNotFound(`Plan "${toPlanId}" has no predecessor; name the plan to compare with`);
    }
    return loadLineage(this.database.db, from, toPlanId, today, version);
  }

  /** The auditor's report of how `toPlanId` changed from `fromPlanId` (by default its predecessor). */
  async auditReport(
    toPlanId: string,
    fromPlanId?: string,
    today = new Date().toISOString().slice(0, 10),
    version: SuccessorVersion = 'first-adopted',
  ): Promise<AuditReport | undefined> {
    const lineage = await this.lineage(toPlanId, fromPlanId, today, version);
    if (!lineage) return undefined;
    const [from, to] = await Promise.all([
      this.findPlan(lineage.fromPlanId, {}, today),
      this.findPlan(toPlanId, lineage.toRevision !== null ? { revision: lineage.toRevision } : {}, today),
    ]);
    return buildAuditReport(from!, to!, lineage, today);
  }

  /** A revision against an earlier one, struck and inserted words marked, each change with its cause. */
  redline(
    planId: string,
    request: { from?: number; to?: number },
    today = new Date().toISOString().slice(0, 10),
  ): Promise<Redline | undefined> {
    return loadRedline(this.database.db, planId, request, today);
  }

  /** What a meeting did to the plan: the draft it received against the revision it adopted. */
  meetingRedline(
    planId: string,
    meeting: { readonly id: string; readonly planRevision: number },
    votes: VoteLookup,
    today = new Date().toISOString().slice(0, 10),
  ): Promise<Redline | undefined> {
    return loadMeetingRedline(this.database.db, planId, meeting, votes, today);
  }

  /** Actors on events ("user:<id>") to the names people know them by. */
  actorNames(actors: readonly string[]): Promise<Map<string, string>> {
    return loadActorNames(this.database.db, actors);
  }

  planHistory(planId: string): Promise<HistoryRow[]> {
    return loadPlanHistory(this.database.db, planId);
  }

  elementHistory(elementId: string): Promise<Array<HistoryRow & { planId: string }>> {
    return loadElementHistory(this.database.db, elementId);
  }

  /** Two moments of a plan, or its predecessor and it, compared (check planDiffRequestProblem first). */
  planDiff(
    planId: string,
    request: PlanDiffRequest,
    today = new Date().toISOString().slice(0, 10),
  ): Promise<PlanDiff | undefined> {
    return loadPlanDiff(this.database.db, planId, request, today);
  }

  /**
   * Status counts, overdue and unassigned measures: of the plan as it stood on `asOf`, or of
   * the plan now with overdue judged on `today`.
   */
  async followUpSummary(
    planId: string,
    asOf?: string,
    today = new Date().toISOString().slice(0, 10),
  ): Promise<FollowUpSummary | undefined> {
    const plan = await planAt(this.database.db, planId, asOf !== undefined ? { asOf } : {}, today);
    return plan ? summariseFollowUp(plan, asOf ?? today) : undefined;
  }

  /** The follow-up report for the annual meeting over a period (check reportRangeProblem first). */
  followUpReport(planId: string, range: ReportRange): Promise<FollowUpReport | undefined> {
    return loadFollowUpReport(this.database.db, planId, range);
  }
}
