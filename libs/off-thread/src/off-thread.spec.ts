import { afterEach, describe, expect, it } from '@jest/globals';
import { FAIL_PLAINLY, FAIL_WITH_ISSUES, FixtureProblem, HOARD, SPIN, SUM } from './__fixtures__/tasks.js';
import { OffThreadBusy, OffThreadLimitExceeded, OffThreadTaskError } from './off-thread-errors.js';
import { OffThread } from './off-thread.js';

describe('OffThread', () => {
  let pool: OffThread | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('runs a function of a module on a worker thread and hands back its result', async () => {
    pool = new OffThread({ maxThreads: 1 });
    const result = await pool.run(SUM, { numbers: [1, 2, 3] });
    expect(result).toEqual({ sum: 6, seen: new Map([['count', 3]]) });
  });

  it('gives back the error a task threw as the caller’s own class, with its fields', async () => {
    pool = new OffThread({ maxThreads: 1 });
    const error = await pool.run(FAIL_WITH_ISSUES, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixtureProblem);
    expect((error as FixtureProblem).issues).toEqual([{ line: 3, message: 'wrong' }]);
    const plain = await pool.run(FAIL_PLAINLY, undefined).catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(OffThreadTaskError);
    expect((plain as Error).message).toBe('TypeError: a bug');
  });

  it('keeps the event loop free while a task holds its thread', async () => {
    pool = new OffThread({ maxThreads: 1 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await pool.run(SPIN, { ms: 1_000 });
    clearInterval(timer);
    // A task on this thread would have let no timer fire at all.
    expect(ticks).toBeGreaterThan(20);
  });

  it('refuses a task when every thread is busy and the queue is full', async () => {
    pool = new OffThread({ maxThreads: 1, maxQueue: 1 });
    const running = pool.run(SPIN, { ms: 1_500 });
    const queued = pool.run(SPIN, { ms: 10 });
    await expect(pool.run(SPIN, { ms: 10 })).rejects.toBeInstanceOf(OffThreadBusy);
    await Promise.all([running, queued]);
  });

  it('stops a task over its time, and goes on with the next', async () => {
    pool = new OffThread({ maxThreads: 1, taskTimeoutMs: 2_000 });
    const slow = await pool.run(SPIN, { ms: 60_000 }).catch((e: unknown) => e);
    expect(slow).toEqual(new OffThreadLimitExceeded('time'));
    await expect(pool.run(SUM, { numbers: [4] })).resolves.toMatchObject({ sum: 4 });
  });

  it('stops a task over its heap, and goes on with the next', async () => {
    pool = new OffThread({ maxThreads: 1, maxHeapMb: 32 });
    const greedy = await pool.run(HOARD, undefined).catch((e: unknown) => e);
    expect(greedy).toEqual(new OffThreadLimitExceeded('memory'));
    await expect(pool.run(SUM, { numbers: [4] })).resolves.toMatchObject({ sum: 4 });
  });
});
