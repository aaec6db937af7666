import { afterEach, describe, expect, it } from '@jest/globals';
import { START, type Position } from './position.js';
import type { RecordedEvent } from './recorded-event.js';
import { SubscriptionSet } from './subscription-set.js';

const event = (prepare: bigint): RecordedEvent => ({
  id: `e${prepare}`,
  streamId: 'plan-p1',
  revision: prepare - 1n,
  position: { commit: 1n, prepare },
  type: 'PlanRetitled',
  data: {},
  metadata: {
    actor: 'user:kari',
    commandId: 'c',
    correlationId: 'c',
    effectiveAt: '2026-01-01',
    recordedAt: '',
  },
});

/** A store whose reads return what has been "committed" when the read is answered, on demand. */
function fakeStore() {
  const committed: RecordedEvent[] = [];
  const pending: Array<() => void> = [];
  const reads: Position[] = [];
  const readAll = (after: Position, maxCount: number) =>
    new Promise<RecordedEvent[]>((resolve) => {
      reads.push(after);
      const snapshot = committed.filter((e) => e.position.prepare > after.prepare).slice(0, maxCount);
      pending.push(() => resolve(snapshot));
    });
  const answer = () => pending.splice(0).forEach((respond) => respond());
  return { committed, reads, readAll, answer };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SubscriptionSet', () => {
  let set: SubscriptionSet | undefined;
  afterEach(async () => {
    await set?.stopAll();
  });

  it('reads once for subscriptions that ask for the same events at the same time', async () => {
    const store = fakeStore();
    store.committed.push(event(1n));
    set = new SubscriptionSet(store.readAll);
    const seen: string[] = [];
    for (const name of ['current-plan', 'plan-history', 'access']) {
      set.subscribe(async (events) => void seen.push(...events.map((e) => `${name}:${e.id}`)), {
        after: START,
        pollIntervalMs: 60_000,
      });
    }
    await settle();
    expect(store.reads).toHaveLength(1);
    store.answer();
    await settle();
    expect(seen.sort()).toEqual(['access:e1', 'current-plan:e1', 'plan-history:e1']);
  });

  it('does not lose a nudge that comes while a read is under way', async () => {
    const store = fakeStore();
    set = new SubscriptionSet(store.readAll);
    // Polls only once a minute: only a nudge can make it read again in time.
    const subscription = set.subscribe(async () => undefined, { after: START, pollIntervalMs: 60_000 });
    await settle();
    expect(store.reads).toHaveLength(1);
    // An append commits and nudges while that first read is still out; the read predates it.
    store.committed.push(event(1n));
    set.nudge();
    store.answer();
    const caughtUp = subscription.caughtUpTo(event(1n).position, 2_000);
    await settle();
    store.answer();
    await expect(caughtUp).resolves.toBeUndefined();
  });
});
