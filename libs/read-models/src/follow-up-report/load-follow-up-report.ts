import type { Kysely } from 'kysely';
import { loadPlanHistory } from '../plan-history/plan-history.queries.js';
import { isIsoDate, notAnIsoDate } from '@app/domain';
import { PlanMomentNotFound } from '../plan-view/plan-at.js';
import { buildFollowUpReport, type FollowUpReport, type ReportRange } from './follow-up-report.js';
import type { ReadModelDatabase } from '../read-model-database.js';
import { loadMeetingNames } from '../meetings/meeting-names.js';
import { listPlans } from '../current-plan/current-plan.queries.js';

/** Why a report period cannot be answered (a 400), or undefined when it can. */
export function reportRangeProblem(range: { from?: string; to?: string }): string | undefined {
  if (range.from === undefined || range.to === undefined)
    return 'Give the report period as from and to, dates as YYYY-MM-DD';
  for (const key of ['from', 'to'] as const) {
    if (!isIsoDate(range[key]!)) return notAnIsoDate(key, range[key]);
  }
  if (range.from > range.to) return `from (${range.from}) is after to (${range.to})`;
  return undefined;
}

/**
 * The follow-up report for a period: undefined for an unknown plan, PlanMomentNotFound when
 * the plan did not exist yet on the period's last day.
 */
export async function loadFollowUpReport(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  range: ReportRange,
): Promise<FollowUpReport | undefined> {
  const rows = await loadPlanHistory(db, planId, { effectiveOnOrBefore: range.to });
  const report = buildFollowUpReport(rows, range);
  if (report) {
    // A successor by its title, a meeting by its name: the report is read by people, not by ids.
    const titles = new Map((await listPlans(db)).map((p) => [p.id, p.title]));
    const changes = report.changes.map((c) =>
      c.kind === 'superseded' && c.to !== null ? { ...c, to: titles.get(c.to) ?? c.to } : c,
    );
    return { ...report, changes, meetingNames: await loadMeetingNames(db, planId) };
  }
  const exists = (await loadPlanHistory(db, planId, { upToStreamRevision: 0 })).length > 0;
  if (!exists) return undefined;
  throw new PlanMomentNotFound(`Plan "${planId}" did not exist yet on ${range.to}`);
}
