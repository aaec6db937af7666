import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@app/database';
import { findPlanView, listPlans, type PlanSummary, type PlanView } from '@app/read-models';
import { DATABASE } from './tokens.js';

/** Read side of plans, answered from the read model tables. */
@Injectable()
export class PlanQueries {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  findPlan(planId: string): Promise<PlanView | undefined> {
    return findPlanView(this.database.db, planId);
  }

  listPlans(): Promise<PlanSummary[]> {
    return listPlans(this.database.db);
  }
}
