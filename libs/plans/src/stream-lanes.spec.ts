import { describe, expect, it } from '@jest/globals';
import { StreamLanes } from './stream-lanes.js';

/** A command that runs until its `finish` is called, recording when it starts and ends. */
function command(log: string[], name: string) {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const run = async () => {
    log.push(`${name} starts`);
    try {
      return await done;
    } finally {
      log.push(`${name} ends`);
    }
  };
  return { run, finish: () => finish(name), fail: () => fail(new Error(`${name} refused`)) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('StreamLanes: one command at a time on each stream', () => {
  it('runs commands on one stream in the order they came, each after the one before', async () => {
    const lanes = new StreamLanes();
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => command(log, name));
    const results = [a!, b!, c!].map((cmd) => lanes.run('plan-p1', cmd.run));
    await settle();
    expect(log).toEqual(['a starts']);
    a!.finish();
    await settle();
    expect(log).toEqual(['a starts', 'a ends', 'b starts']);
    b!.finish();
    c!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
    expect(lanes.busy).toBe(0);
  });

  it('runs commands on different streams at the same time', async () => {
    const lanes = new StreamLanes();
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((name) => command(log, name));
    const results = [lanes.run('plan-p1', a!.run), lanes.run('plan-p2', b!.run)];
    await settle();
    expect(log).toEqual(['a starts', 'b starts']);
    b!.finish();
    a!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b']);
  });

  it('goes on with the next command after one is refused, and tells only its caller', async () => {
    const lanes = new StreamLanes();
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((name) => command(log, name));
    const first = lanes.run('plan-p1', a!.run);
    const second = lanes.run('plan-p1', b!.run);
    a!.fail();
    await expect(first).rejects.toThrow('a refused');
    b!.finish();
    await expect(second).resolves.toBe('b');
  });
});
