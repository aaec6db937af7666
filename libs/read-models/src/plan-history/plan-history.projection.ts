import type { CopyValue } from '@app/database';
import type { RecordedEvent } from '@app/event-store';
import type { Projection, RebuildSession } from '../projection.js';
import { planEventsOf } from '../plan-events.js';
import { elementOf } from './element-of.js';

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
] as const;

/** The history rows of a batch, values in `COLUMNS` order. */
function historyRows(events: readonly RecordedEvent[]): CopyValue[][] {
  return planEventsOf(events).map(({ event, recorded }) => {
    const element = elementOf(event);
    return [
      event.data.planId,
      String(recorded.revision),
      recorded.id,
      event.type,
      element.kind,
      element.id,
      JSON.stringify(event.data),
      recorded.metadata.actor,
      recorded.metadata.commandId,
      recorded.metadata.cause ? JSON.stringify(recorded.metadata.cause) : null,
      recorded.metadata.recordedAt,
      recorded.metadata.effectiveAt,
    ];
  });
}

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
    const rows = historyRows(events).map((row) => Object.fromEntries(COLUMNS.map((c, i) => [c, row[i]])));
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
        for (const row of historyRows(events)) rows.push(row);
      },
      take() {
        const taken = rows;
        rows = [];
        return ({ insertRows }) => insertRows('rm_plan_history', COLUMNS, taken);
      },
    };
  },
};
