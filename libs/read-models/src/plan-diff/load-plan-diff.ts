import { isIsoDate, notAnIsoDate } from '@app/domain';
import type { Kysely } from 'kysely';
import { HistoryMoments, PlanMomentNotFound, isNow, planAt, type PlanMoment } from '../plan-view/plan-at.js';
import { keptLineage, lineageSuggestions } from '../lineage/kept-lineage.js';
import { loadPlanHistory } from '../plan-history/plan-history.queries.js';
import type { HistoryRow } from '../plan-history/history-row.js';
import type { PlanView } from '../plan-view/plan-view.js';
import { causesByElement } from '../redline/redline.js';
import { diffPlans, type PlanDiff } from './diff-plans.js';
import type { ReadModelDatabase } from '../read-model-database.js';

/** What to compare: two moments of one plan, or another plan (its predecessor) with this one. */
export interface PlanDiffRequest {
  /** The adopted revision to compare from. */
  readonly from?: number;
  /** The date to compare from: the plan as it stood then. */
  readonly fromAsOf?: string;
  /** The adopted revision to compare to; without `to` and `toAsOf`, the plan now. */
  readonly to?: number;
  readonly toAsOf?: string;
  /** Another plan (the predecessor), as it is now, compared with this one. */
  readonly fromPlan?: string;
}

/** Why a request cannot be answered (a 400), or undefined when it can. */
export function planDiffRequestProblem(planId: string, request: PlanDiffRequest): string | undefined {
  const given = (key: keyof PlanDiffRequest) => request[key] !== undefined;
  if (given('from') && given('fromAsOf')) return 'Give either from or fromAsOf, not both';
  if (given('to') && given('toAsOf')) return 'Give either to or toAsOf, not both';
  if (given('fromPlan') && (given('from') || given('fromAsOf')))
    return 'fromPlan compares the other plan as it is now; give it without from or fromAsOf';
  if (!given('from') && !given('fromAsOf') && !given('fromPlan'))
    return 'Give from (an adopted revision), fromAsOf (a date) or fromPlan (the predecessor plan)';
  if (request.fromPlan === planId) return 'fromPlan must be another plan than the one compared';
  for (const key of ['fromAsOf', 'toAsOf'] as const) {
    const value = request[key];
    if (value !== undefined && !isIsoDate(value)) return notAnIsoDate(key, value);
  }
  return undefined;
}

/**
 * Loads both sides and diffs them. Undefined when `planId` does not exist; PlanMomentNotFound
 * for a revision never adopted, a date before the plan existed, or an unknown `fromPlan`.
 * Call `planDiffRequestProblem` first.
 */
export async function loadPlanDiff(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  request: PlanDiffRequest,
  today: string,
): Promise<PlanDiff | undefined> {
  const toMoment: PlanMoment = {
    ...(request.to !== undefined ? { revision: request.to } : {}),
    ...(request.toAsOf !== undefined ? { asOf: request.toAsOf } : {}),
  };
  if (request.fromPlan !== undefined) {
    // Both plans and the kept suggestions between them at once: three lookups, no scoring
    // when the suggestions kept are those of these texts.
    const [to, other, kept] = await Promise.all([
      planAt(db, planId, toMoment, today),
      planAt(db, request.fromPlan, {}, today),
      keptLineage(db, request.fromPlan, planId),
    ]);
    if (!to) return undefined;
    if (!other) throw new PlanMomentNotFound(`Plan "${request.fromPlan}" not found`);
    const suggested = lineageSuggestions(kept, other, to);
    return diffPlans(other, to, { links: suggested.measures, goalLinks: suggested.goals });
  }
  const fromMoment: PlanMoment = {
    ...(request.from !== undefined ? { revision: request.from } : {}),
    ...(request.fromAsOf !== undefined ? { asOf: request.fromAsOf } : {}),
  };
  // The history once: both moments are folded from it (the later going on from the earlier where
  // it can), and it says why each element changed. The plan now is plan-now's, read meanwhile.
  const [history, now] = await Promise.all([
    loadPlanHistory(db, planId),
    isNow(toMoment) ? planAt(db, planId, toMoment, today) : undefined,
  ]);
  const moments = new HistoryMoments(planId, history);
  const momentAt = (moment: PlanMoment): PlanView | Error | undefined => {
    try {
      return moments.planAt(moment, today);
    } catch (error) {
      return error as Error;
    }
  };
  const from = momentAt(fromMoment);
  const to = isNow(toMoment) ? now : momentAt(toMoment);
  if (to instanceof Error) throw to;
  if (!to) return undefined;
  // A moment the plan never had is told of the later moment first, as when read one after the other.
  if (from instanceof Error) throw from;
  if (!from) return undefined;
  // The events in the later moment's fold and not in the earlier one's: why each element changed.
  const inFold = (row: HistoryRow, view: PlanView, asOf: string | undefined) =>
    row.streamRevision <= view.revision && (asOf === undefined || row.effectiveAt <= asOf);
  const between = history.filter((r) => inFold(r, to, request.toAsOf) && !inFold(r, from, request.fromAsOf));
  return diffPlans(from, to, { causes: causesByElement(between) });
}
