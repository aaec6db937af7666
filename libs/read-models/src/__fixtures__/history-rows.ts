import type { PlanEvent } from '@app/domain';
import { elementOf } from '../plan-history/element-of.js';
import type { HistoryRow } from '../plan-history/history-row.js';

type DataOf<T extends PlanEvent['type']> = Omit<Extract<PlanEvent, { type: T }>['data'], 'planId'>;

export interface RowMeta {
  readonly at?: string;
  readonly cause?: Record<string, unknown>;
  readonly actor?: string;
}

/**
 * Hand-written history rows of one plan, as the plan-history projection stores them,
 * so read-side functions can be tested on a plan folded the way `timelineAt` folds it.
 */
export class PlanHistoryBuilder {
  readonly rows: HistoryRow[] = [];
  private at = '2024-01-01';

  constructor(readonly planId: string) {}

  /** Later events take effect on this date unless they name their own. */
  on(date: string): this {
    this.at = date;
    return this;
  }

  add<T extends PlanEvent['type']>(type: T, data: DataOf<T>, meta: RowMeta = {}): this {
    const event = { type, data: { planId: this.planId, ...data } } as PlanEvent;
    const element = elementOf(event);
    const n = this.rows.length;
    this.rows.push({
      streamRevision: n,
      eventId: `${this.planId}-${n}`,
      eventType: type,
      elementKind: element.kind,
      elementId: element.id,
      data: event.data as unknown as Record<string, unknown>,
      actor: meta.actor ?? 'test',
      commandId: `cmd-${n}`,
      cause: meta.cause ?? null,
      recordedAt: `${meta.at ?? this.at}T12:00:00.000Z`,
      effectiveAt: meta.at ?? this.at,
    });
    return this;
  }

  /** The rows so far: a snapshot to fold as the plan at this point. */
  snapshot(): HistoryRow[] {
    return [...this.rows];
  }
}

export function createdPlan(planId: string, title = `Arbeidsplan ${planId}`): PlanHistoryBuilder {
  return new PlanHistoryBuilder(planId).add('PlanCreated', {
    organisationId: 'oslo-sv',
    title,
    period: { from: 2024, to: 2027 },
    bodies: [
      { code: 'FS', name: 'Fylkesstyret' },
      { code: 'LL', name: 'Lokallag' },
      { code: 'BSG', name: 'Bystyregruppa' },
    ],
  });
}
