import { parseJsonColumn } from '@app/database';
import { sql, type Kysely } from 'kysely';
import type { HistoryRow, TimelineRow } from './history-row.js';
import type { PlanHistoryRow } from './plan-history.table.js';
import type { ReadModelDatabase } from '../read-model-database.js';

function toRow(r: PlanHistoryRow): HistoryRow {
  return {
    streamRevision: Number(r.stream_revision),
    eventId: r.event_id,
    eventType: r.event_type,
    elementKind: r.element_kind,
    elementId: r.element_id,
    data: parseJsonColumn(r.data),
    actor: r.actor,
    commandId: r.command_id,
    cause: r.cause === null ? null : parseJsonColumn(r.cause),
    recordedAt: r.recorded_at,
    effectiveAt: r.effective_at,
  };
}

export interface HistoryFilter {
  /** Only events up to and including this stream revision. */
  readonly upToStreamRevision?: number;
  /** Only events after this stream revision. */
  readonly afterStreamRevision?: number;
  /** Only events that took effect on or before this ISO date. */
  readonly effectiveOnOrBefore?: string;
  /** Only events that took effect on or after this ISO date. */
  readonly effectiveOnOrAfter?: string;
  readonly elementId?: string;
  /** Only events of these types. */
  readonly eventTypes?: readonly PlanHistoryRow['event_type'][];
}

/** A plan's history rows in stream order. */
export async function loadPlanHistory(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  filter: HistoryFilter = {},
): Promise<HistoryRow[]> {
  const rows = await historyQuery(db, planId, filter).selectAll().execute();
  return rows.map(toRow);
}

/**
 * Only what folding the plan needs of its history rows, in stream order: half the bytes of
 * `loadPlanHistory` for a plan followed up for years, which is most of the time of a page.
 */
export async function loadTimelineRows(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  filter: HistoryFilter = {},
): Promise<TimelineRow[]> {
  const rows = await historyQuery(db, planId, filter)
    .select(['stream_revision', 'event_type', 'data', 'actor', 'effective_at'])
    .execute();
  return rows.map((r) => ({
    streamRevision: Number(r.stream_revision),
    eventType: r.event_type,
    data: parseJsonColumn(r.data),
    actor: r.actor,
    effectiveAt: r.effective_at,
  }));
}

function historyQuery(db: Kysely<ReadModelDatabase>, planId: string, filter: HistoryFilter) {
  let query = db.selectFrom('rm_plan_history').where('plan_id', '=', planId);
  if (filter.upToStreamRevision !== undefined) {
    query = query.where('stream_revision', '<=', String(filter.upToStreamRevision));
  }
  if (filter.afterStreamRevision !== undefined) {
    query = query.where('stream_revision', '>', String(filter.afterStreamRevision));
  }
  if (filter.effectiveOnOrBefore !== undefined)
    query = query.where('effective_at', '<=', filter.effectiveOnOrBefore);
  if (filter.effectiveOnOrAfter !== undefined)
    query = query.where('effective_at', '>=', filter.effectiveOnOrAfter);
  if (filter.elementId !== undefined) query = query.where('element_id', '=', filter.elementId);
  if (filter.eventTypes !== undefined) query = query.where('event_type', 'in', filter.eventTypes);
  return query.orderBy('rm_plan_history.stream_revision');
}

/** The stream revision of the event that adopted revision `revision` of the plan. */
export async function streamRevisionOfAdoption(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  revision: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('rm_plan_history')
    .select('stream_revision')
    .where('plan_id', '=', planId)
    .where('event_type', '=', 'PlanAdopted')
    .where(sql<boolean>`(data->>'revision')::int = ${revision}`)
    .executeTakeFirst();
  return row ? Number(row.stream_revision) : undefined;
}

/** Every event about one element (a measure, goal or section), wherever its plan is. */
export async function loadElementHistory(
  db: Kysely<ReadModelDatabase>,
  elementId: string,
): Promise<Array<HistoryRow & { planId: string }>> {
  const rows = await db
    .selectFrom('rm_plan_history')
    .selectAll()
    .where('element_id', '=', elementId)
    .orderBy('rm_plan_history.stream_revision')
    .execute();
  return rows.map((r) => ({ ...toRow(r), planId: r.plan_id }));
}
