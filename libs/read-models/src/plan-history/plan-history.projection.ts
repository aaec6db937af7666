import type { CopyValue } from '@app/database';
import type { RecordedEvent } from '@app/event-store';
import type { Projection, RebuildSession } from '../projection.js';
import { planEventsOf } from '../plan-events.js';
import { elementOf } from './element-of.js';
import type { NewPlanHistoryRow, PlanHistoryTable } from './plan-history.table.js';

/** Every column, in the order a rebuild copies them. */
const COLUMNS = [
  'plan_id',
  'stream_revision',
  'event_id',
  'event_type',
  'element_kind',
  'element_id',
  'data',
  'actor',
  'command_id',
  'cause',
  'recorded_at',
  'effective_at',
] as const satisfies readonly (keyof PlanHistoryTable)[];

/** The history rows of a batch. */
function historyRows(events: readonly RecordedEvent[]): NewPlanHistoryRow[] {
  return planEventsOf(events).map(({ event, recorded }) => {
    const element = elementOf(event);
    return {
      plan_id: event.data.planId,
      stream_revision: String(recorded.revision),
      event_id: recorded.id,
      event_type: event.type,
      element_kind: element.kind,
      element_id: element.id,
      data: JSON.stringify(event.data),
      actor: recorded.metadata.actor,
      command_id: recorded.metadata.commandId,
      cause: recorded.metadata.cause ? JSON.stringify(recorded.metadata.cause) : null,
      recorded_at: recorded.metadata.recordedAt,
      effective_at: recorded.metadata.effectiveAt,
    };
  });
}

/** A history row's values in `COLUMNS` order, for COPY. */
const copyValues = (row: NewPlanHistoryRow): CopyValue[] => COLUMNS.map((column) => row[column]);

/**
 * Every plan event with its actor, cause, and recorded and effective dates, one row each.
 * It answers the history of a plan or a measure, and is what time travel folds: the plan
 * at a revision or on a date is these rows, up to that point, run through the domain's evolve.
 */
export const planHistoryProjection: Projection = {
  name: 'plan-history',
  tables: ['rm_plan_history'],
  // Kept up to date row by row, they cost more than the rows themselves; a rebuild builds them once.
  deferredIndexes: ['rm_plan_history_element', 'rm_plan_history_effective'],
  async apply(trx, events) {
    const rows = historyRows(events);
    // Multi-row inserts of at most 4000 rows: PostgreSQL takes at most 65535 parameters a statement.
    for (let i = 0; i < rows.length; i += 4000) {
      await trx
        .insertInto('rm_plan_history')
        .values(rows.slice(i, i + 4000))
        .execute();
    }
  },
  // Every batch of the rebuild is written as it comes, by COPY.
  startRebuild(): RebuildSession {
    let rows: CopyValue[][] = [];
    return {
      writeEvery: 1,
      add(events) {
        for (const row of historyRows(events)) rows.push(copyValues(row));
      },
      take() {
        const taken = rows;
        rows = [];
        return ({ insertRows }) => insertRows('rm_plan_history', COLUMNS, taken);
      },
    };
  },
};
