import { isIsoDate } from '../shared/iso-date.js';

/** Meetings are held in Norway: a deadline written without an offset is Oslo time. */
const ZONE = 'Europe/Oslo';

const LOCAL = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** How far Oslo's clock is ahead of UTC at an instant, in minutes (60 in winter, 120 in summer). */
function osloOffset(utcMillis: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMillis));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((local - utcMillis) / 60_000);
}

/**
 * A deadline as people write it, as an ISO instant (UTC): "2026-03-01" is the end of that day in
 * Oslo, "2026-03-01T12:00" noon in Oslo, "2026-03-01T12:00:00+01:00" as it says. Undefined when
 * it is none of these.
 */
export function parseDeadline(written: string): string | undefined {
  const text = written.trim();
  if (INSTANT.test(text)) {
    const at = Date.parse(text);
    return Number.isNaN(at) || !isIsoDate(text.slice(0, 10)) ? undefined : new Date(at).toISOString();
  }
  const m = LOCAL.exec(text);
  if (!m || !isIsoDate(m[1]!)) return undefined;
  const [year, month, day] = m[1]!.split('-').map(Number) as [number, number, number];
  const [hour, minute, second] = m[2] ? [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)] : [23, 59, 59];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // The offset at the guess, then again at the instant it gives (a change of clocks between them).
  let utc = asIfUtc - osloOffset(asIfUtc) * 60_000;
  utc = asIfUtc - osloOffset(utc) * 60_000;
  return new Date(utc).toISOString();
}

/** "1. mars 2026 kl. 12.00", in Oslo time: how messages and pages name a deadline. */
export function describeDeadline(instant: string): string {
  const at = new Date(instant);
  const date = new Intl.DateTimeFormat('nb-NO', {
    timeZone: ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(at);
  const time = new Intl.DateTimeFormat('nb-NO', {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(':', '.');
  return `${date} kl. ${time}`;
}
