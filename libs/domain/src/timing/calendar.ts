/** Tiny ISO-date helpers: the domain may not import a date library. */

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** YYYY-MM-DD; month is 1-12. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function lastDayOf(year: number, month: number): string {
  return isoDate(year, month, daysInMonth(year, month));
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The ISO date one day earlier ("før 1. mars" ends on the last day of February). */
export function dayBefore(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (d > 1) return isoDate(y, m, d - 1);
  if (m > 1) return lastDayOf(y, m - 1);
  return isoDate(y - 1, 12, 31);
}
