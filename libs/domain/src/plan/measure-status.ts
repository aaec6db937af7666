/** Follow-up status of a measure (gjennomført / pågår / utsatt / utgår). */
export const MEASURE_STATUSES = ['not_started', 'in_progress', 'done', 'postponed', 'dropped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export function isMeasureStatus(value: unknown): value is MeasureStatus {
  return typeof value === 'string' && (MEASURE_STATUSES as readonly string[]).includes(value);
}
