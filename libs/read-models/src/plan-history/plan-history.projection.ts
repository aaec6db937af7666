import type { Projection } from '../projection.js';
import { planEventsOf } from '../plan-events.js';
import { elementOf } from './element-of.js';

/**
 * Every plan event with its actor, cause, and recorded and effective dates, one row each.
 * It answers the history of a plan or a measure, and is what time travel folds: the plan
 * at a revision or on a date is these rows, up to that point, run through the domain's evolve.
 */
export const planHistoryProjection: Projection = {
  name: 'plan-history',
  tables: ['rm_plan_history'],
  async apply(trx, events) {
    const rows = planEventsOf(events).map(({ event, recorded }) => {
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
    // Multi-row inserts of at most 4000 rows: PostgreSQL takes at most 65535 parameters a statement.
    for (let i = 0; i < rows.length; i += 4000) {
      await trx
        .insertInto('rm_plan_history')
        .values(rows.slice(i, i + 4000))
        .execute();
    }
  },
};
