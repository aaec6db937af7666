import type { Timing } from './timing.types.js';

/** Statuses that end a measure's follow-up: nothing is late once it is done or dropped. */
const CLOSED = new Set(['done', 'dropped']);

/**
 * When a measure is due: the last day of its window. Recurring, relative and unparsed
 * timings have no single due date (continuous measures report per period instead).
 */
export function dueDate(timing: Timing): string | undefined {
  return timing.kind === 'window' ? timing.to : undefined;
}

/**
 * Late: the due window has ended before `today` and the measure is neither done nor
 * dropped. A postponed measure still counts: its plan said it would be done by then.
 * @param today an ISO date; a full ISO timestamp is read by its date
 */
export function isOverdue(timing: Timing, status: string, today: string): boolean {
  const due = dueDate(timing);
  return due !== undefined && !CLOSED.has(status) && today.slice(0, 10) > due;
}
