/** The first and last day Planverk accepts anywhere: no party plan is older, none runs longer. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2200-12-31';

/** What a date must be, for messages: "<field> must be <ISO_DATE_RULE>". */
export const ISO_DATE_RULE = `a real date as YYYY-MM-DD, from ${EARLIEST_DATE} to ${LATEST_DATE}`;

/** The same rule in Norwegian, for what officers and board members read: "<felt> må være <ISO_DATE_RULE_NB>". */
export const ISO_DATE_RULE_NB = `en ekte dato skrevet ÅÅÅÅ-MM-DD, fra ${EARLIEST_DATE} til ${LATEST_DATE}`;

/**
 * A real calendar date written YYYY-MM-DD, from EARLIEST_DATE to LATEST_DATE: the one rule for
 * every date a client sends (effective dates, asOf, adoption, meeting, target and measurement
 * dates, report periods). "2026-02-30" matches the pattern, and Date would roll it over to
 * 2 March, so the date is also written back and compared; "0000-01-01" is a real date in the
 * proleptic calendar, but no plan's.
 */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  if (value < EARLIEST_DATE || value > LATEST_DATE) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The one message for a date that breaks the rule: the field, the rule, and (a little of) what came. */
export function notAnIsoDate(field: string, value: unknown): string {
  const shown =
    typeof value === 'string' ? `"${value.slice(0, 40)}${value.length > 40 ? '…' : ''}"` : typeof value;
  return `${field} must be ${ISO_DATE_RULE}, got ${shown}`;
}
