import type { Subscription, SubscribeOptions, SubscriptionHandler } from './event-store.port.js';
import { PollingSubscription } from './polling-subscription.js';
import type { Position } from './position.js';
import type { RecordedEvent } from './recorded-event.js';

/**
 * The subscriptions an adapter has open: each tails `readAll`; an append made through the same
 * adapter wakes them at once instead of at their next poll, and closing the adapter stops them.
 */
export class SubscriptionSet {
  private readonly open = new Set<PollingSubscription>();
  private readonly reading = new Map<string, Promise<RecordedEvent[]>>();

  constructor(private readonly readAll: (after: Position, maxCount: number) => Promise<RecordedEvent[]>) {}

  subscribe(handler: SubscriptionHandler, options: SubscribeOptions): Subscription {
    const subscription = new PollingSubscription(this.readShared, handler, options);
    this.open.add(subscription);
    return {
      get checkpoint() {
        return subscription.checkpoint;
      },
      caughtUpTo: (position, timeoutMs) => subscription.caughtUpTo(position, timeoutMs),
      stop: async () => {
        this.open.delete(subscription);
        await subscription.stop();
      },
    };
  }

  /**
   * One read for the subscriptions that ask for the same events at the same time: the
   * projections of a process wake together after an append and are mostly at the same position.
   * The events are shared, so handlers must not change them.
   */
  private readonly readShared = (after: Position, maxCount: number): Promise<RecordedEvent[]> => {
    const key = `${after.commit}:${after.prepare}:${maxCount}`;
    const running = this.reading.get(key);
    if (running) return running;
    const read = this.readAll(after, maxCount).finally(() => this.reading.delete(key));
    this.reading.set(key, read);
    return read;
  };

  /** After a local append: read now rather than at the next poll. */
  nudge(): void {
    for (const subscription of this.open) subscription.nudge();
  }

  async stopAll(): Promise<void> {
    const all = [...this.open];
    this.open.clear();
    await Promise.all(all.map((s) => s.stop()));
  }
}
