import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { RateLimitCounts } from './rate-limit-counts.js';

describe('RateLimitCounts: throttler’s rules, at the same cost for every hit', () => {
  let counts: RateLimitCounts;
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-07T12:00:00Z') });
    counts = new RateLimitCounts();
  });
  afterEach(() => {
    counts.onApplicationShutdown();
    jest.useRealTimers();
  });
  const hit = () => counts.increment('writes 10.0.0.1', 60_000, 3, 60_000, 'writes');

  it('counts the hits of the last ttl, and blocks the client for blockDuration once over the limit', async () => {
    expect((await hit()).totalHits).toBe(1);
    jest.advanceTimersByTime(30_000);
    await hit();
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 60 });
    // Blocked: further hits do not count, and the block runs its course.
    jest.advanceTimersByTime(59_000);
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    jest.advanceTimersByTime(1_000);
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('forgets a hit once its ttl has passed', async () => {
    await hit();
    jest.advanceTimersByTime(40_000);
    await hit();
    jest.advanceTimersByTime(20_000);
    // The first hit has expired: two in the window, this one included.
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
  });

  it('keeps clients and limits apart', async () => {
    await hit();
    await hit();
    expect((await counts.increment('writes 10.0.0.2', 60_000, 3, 60_000, 'writes')).totalHits).toBe(1);
    expect((await counts.increment('writes 10.0.0.1', 60_000, 3, 60_000, 'sign-in')).totalHits).toBe(1);
  });
});
