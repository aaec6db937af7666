import { describe, expect, it } from '@jest/globals';
import { PollingSubscription } from './polling-subscription.js';
import type { Position } from './position.js';
import { START } from './position.js';
import type { RecordedEvent } from './recorded-event.js';

const event = (prepare: bigint, type = 'MeasureStatusChanged'): RecordedEvent => ({
  id: `e${prepare}`,
  streamId: 'plan-p1',
  revision: prepare - 1n,
  position: { commit: prepare, prepare },
  type,
  data: {},
  metadata: {
    actor: 'user:kari',
    commandId: `c${prepare}`,
    correlationId: 'c',
    effectiveAt: '2026-01-01',
    recordedAt: '',
  },
});

/** An in-memory store: appends are read by the next read, and nudge the subscription as a real append does. */
function tailing(
  gather?: { ms: () => number; busy: (events: readonly RecordedEvent[]) => boolean },
  pollIntervalMs = 60_000,
) {
  const stored: RecordedEvent[] = [];
  const batches: string[][] = [];
  const subscription = new PollingSubscription(
    (after: Position) => Promise.resolve(stored.filter((e) => e.position.prepare > after.prepare)),
    (events) => {
      if (events.length > 0) batches.push(events.map((e) => e.id));
      return Promise.resolve();
    },
    { after: START, pollIntervalMs, ...(gather ? { gather } : {}) },
  );
  const append = (e: RecordedEvent) => {
    stored.push(e);
    subscription.nudge();
    return e.position;
  };
  return { subscription, batches, append };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PollingSubscription', () => {
  it('reads an append at once when nudged after a quiet spell', async () => {
    const { subscription, batches, append } = tailing();
    try {
      await subscription.caughtUpTo(append(event(1n)), 5_000);
      expect(batches).toEqual([['e1']]);
    } finally {
      await subscription.stop();
    }
  });

  describe('gathering after a batch the handler worked on (a projection whose every write is costly)', () => {
    const busy = (events: readonly RecordedEvent[]) => events.some((e) => e.type === 'MeasureStatusChanged');

    it('hands over the appends that came meanwhile as one batch, not one each', async () => {
      // Polled often: gathering waits longer than the poll interval too.
      const { subscription, batches, append } = tailing({ ms: () => 60_000, busy }, 20);
      try {
        await subscription.caughtUpTo(append(event(1n)), 5_000);
        append(event(2n));
        append(event(3n));
        const last = append(event(4n));
        await wait(100);
        // Still gathering: nobody waits, and the gathering lasts a minute here.
        expect(batches).toEqual([['e1']]);
        // Somebody waits: the gathering ends at once, with everything gathered in one batch.
        await subscription.caughtUpTo(last, 5_000);
        expect(batches).toEqual([['e1'], ['e2', 'e3', 'e4']]);
      } finally {
        await subscription.stop();
      }
    });

    it('does not gather after a batch the handler had nothing to do with', async () => {
      const { subscription, batches, append } = tailing({ ms: () => 60_000, busy });
      try {
        await subscription.caughtUpTo(append(event(1n, 'OrganisationRegistered')), 5_000);
        append(event(2n));
        // Read on the nudge, as without gathering: nobody waits for it.
        for (let i = 0; i < 500 && batches.length < 2; i++) await wait(10);
        expect(batches).toEqual([['e1'], ['e2']]);
      } finally {
        await subscription.stop();
      }
    });

    it('hands over what it gathered when stopped, so a stopping process leaves its read model current', async () => {
      const { subscription, batches, append } = tailing({ ms: () => 60_000, busy });
      await subscription.caughtUpTo(append(event(1n)), 5_000);
      append(event(2n));
      append(event(3n));
      await subscription.stop();
      expect(batches).toEqual([['e1'], ['e2', 'e3']]);
    });
  });
});
