import { describe, expect, it } from '@jest/globals';
import { dueDate, isOverdue } from './overdue.js';
import { parseTiming } from './parse-timing.js';

describe('dueDate', () => {
  it('is the last day of the window', () => {
    expect(dueDate(parseTiming('Vår 2026'))).toBe('2026-06-30');
    expect(dueDate(parseTiming('Planlegge høst 2026, gjennomføre tidlig 2027'))).toBe('2027-04-30');
  });

  it.each(['Kontinuerlig', 'Årlig', 'Umiddelbart etter ÅM', 'Snarest', ''])('is undefined for %j', (raw) => {
    expect(dueDate(parseTiming(raw, { periodFrom: 2024, periodTo: 2027 }))).toBeUndefined();
  });
});

describe('isOverdue', () => {
  const spring = parseTiming('Vår 2026');

  it('is overdue the day after the window ends', () => {
    expect(isOverdue(spring, 'not_started', '2026-06-30')).toBe(false);
    expect(isOverdue(spring, 'not_started', '2026-07-01')).toBe(true);
  });

  it.each(['not_started', 'in_progress', 'postponed'])('counts a %s measure as late', (status) => {
    expect(isOverdue(spring, status, '2026-09-01')).toBe(true);
  });

  it.each(['done', 'dropped'])('never counts a %s measure as late', (status) => {
    expect(isOverdue(spring, status, '2030-01-01')).toBe(false);
  });

  it('reads a full timestamp by its date', () => {
    expect(isOverdue(spring, 'in_progress', '2026-06-30T23:59:59.999Z')).toBe(false);
    expect(isOverdue(spring, 'in_progress', '2026-07-01T00:00:00.000Z')).toBe(true);
  });

  it.each(['Kontinuerlig', 'Årlig', 'Umiddelbart etter ÅM', 'I forkant av valget 2027', 'Snarest'])(
    'is never overdue without a due window: %j',
    (raw) => {
      // Bounded by a period long past, a continuous measure is still not "late".
      expect(
        isOverdue(parseTiming(raw, { periodFrom: 2020, periodTo: 2023 }), 'not_started', '2030-01-01'),
      ).toBe(false);
    },
  );
});
