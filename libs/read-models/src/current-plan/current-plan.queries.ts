import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../read-model-database.js';

export interface PlanSummary {
  readonly id: string;
  readonly organisationId: string;
  readonly title: string;
  readonly period: { from: number; to: number };
  readonly edition: string | null;
  readonly status: string;
  readonly adoptedRevision: number;
  readonly predecessorPlanId: string | null;
  readonly parentPlanId: string | null;
}

export async function listPlans(
  db: Kysely<ReadModelDatabase>,
  organisationId?: string,
): Promise<PlanSummary[]> {
  let query = db.selectFrom('rm_plans').selectAll();
  if (organisationId) query = query.where('organisation_id', '=', organisationId);
  const rows = await query.orderBy('organisation_id').orderBy('period_from').orderBy('plan_id').execute();
  return rows.map((p) => ({
    id: p.plan_id,
    organisationId: p.organisation_id,
    title: p.title,
    period: { from: p.period_from, to: p.period_to },
    edition: p.edition,
    status: p.status,
    adoptedRevision: p.adopted_revision,
    predecessorPlanId: p.predecessor_plan_id,
    parentPlanId: p.parent_plan_id,
  }));
}
