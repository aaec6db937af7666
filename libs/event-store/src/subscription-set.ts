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

  constructor(private readonly readAll: (after: Position, maxCount: number) => Promise<RecordedEvent[]>) {}

  subscribe(handler: SubscriptionHandler, options: SubscribeOptions): Subscription {
    const subscription = new PollingSubscription(this.readAll, handler, options);
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
