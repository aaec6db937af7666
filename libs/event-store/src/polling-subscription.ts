import type { Subscription, SubscribeOptions, SubscriptionHandler } from './event-store.port.js';
import { comparePositions, type Position } from './position.js';
import type { RecordedEvent } from './recorded-event.js';

type ReadAll = (after: Position, maxCount: number) => Promise<RecordedEvent[]>;

/**
 * A tailing subscription over `readAll`: read a batch after the checkpoint, hand it to the
 * handler, move the checkpoint, repeat; sleep when caught up. Errors never end it: they are
 * reported and it retries from its checkpoint (EVENT-STORE.md, 9: "subscriptions end").
 *
 * Both adapters use it, so ordering and exactly-once delivery rest on `readAll` alone,
 * which is what the contract suite proves for each store.
 */
export class PollingSubscription implements Subscription {
  private position: Position;
  private running = true;
  private wake: (() => void) | undefined;
  /** Nudged since the last read began: what it returned may predate the append that nudged. */
  private nudged = false;
  private readonly waiters = new Set<{ target: Position; resolve: () => void }>();
  private readonly loop: Promise<void>;

  constructor(
    private readonly readAll: ReadAll,
    private readonly handler: SubscriptionHandler,
    private readonly options: SubscribeOptions,
  ) {
    this.position = options.after;
    this.loop = this.run();
  }

  get checkpoint(): Position {
    return this.position;
  }

  /** Ask for a read now instead of at the next poll (after a local append, for example). */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  caughtUpTo(target: Position, timeoutMs = 10_000): Promise<void> {
    if (comparePositions(this.position, target) >= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        target,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Subscription did not reach the position within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
      this.nudge();
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const idleMs = this.options.pollIntervalMs ?? 250;
    while (this.running) {
      let batch: RecordedEvent[];
      this.nudged = false;
      try {
        batch = await this.readAll(this.position, batchSize);
        if (batch.length > 0) {
          const upTo = batch[batch.length - 1]!.position;
          await this.handler(batch, upTo);
          this.position = upTo;
          this.releaseWaiters();
        }
      } catch (error) {
        this.options.onError?.(error);
        await this.sleep(Math.max(idleMs, 1000));
        continue;
      }
      // A nudge that came while reading is not lost: read again at once instead of sleeping.
      if (batch.length < batchSize && !this.nudged) await this.sleep(idleMs);
    }
  }

  private releaseWaiters(): void {
    for (const waiter of this.waiters) {
      if (comparePositions(this.position, waiter.target) >= 0) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}
