import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@app/database';
import {
  findOrganisation,
  listOrganisations,
  listPlans,
  loadElementHistory,
  loadPlanHistory,
  planAt,
  timelineAt,
  type HistoryRow,
  type OrganisationView,
  type PlanMoment,
  type PlanSummary,
  type PlanTimeline,
  type PlanView,
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

  planHistory(planId: string): Promise<HistoryRow[]> {
    return loadPlanHistory(this.database.db, planId);
  }

  elementHistory(elementId: string): Promise<Array<HistoryRow & { planId: string }>> {
    return loadElementHistory(this.database.db, elementId);
  }
}
