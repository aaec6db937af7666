import type { Subscription, SubscribeOptions, SubscriptionHandler } from './event-store.port.js';
import { Pause, PositionWaiters } from './position-waiters.js';
import { comparePositions, type Position } from './position.js';
import type { RecordedEvent } from './recorded-event.js';

type ReadAll = (after: Position, maxCount: number) => Promise<RecordedEvent[]>;

/** How soon a subscription reads again while somebody waits for it to reach a position. */
const WAITED_FOR_POLL_MS = 10;
/**
 * How long an append's nudge may wait before the subscription reads, when nobody waits for a
 * position: commands no longer wait for the read models (docs/adr/0024), so under a stream of
 * them this gathers the appends of a few milliseconds into one batch (one transaction per
 * projection) instead of one each. A read that waits for a write ends the wait at once.
 */
const NUDGED_READ_WITHIN_MS = 10;

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
  private readonly pause = new Pause();
  /** Nudged since the last read began: what it returned may predate the append that nudged. */
  private nudged = false;
  /** The last batch was one the handler worked on, and `options.gather` asks to gather after such. */
  private gathering = false;
  private readonly waiters = new PositionWaiters();
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
    if (this.waiters.size > 0 || !this.running) this.pause.end();
    else if (!this.gathering) this.pause.endWithin(NUDGED_READ_WITHIN_MS);
  }

  caughtUpTo(target: Position, timeoutMs = 10_000): Promise<void> {
    if (comparePositions(this.position, target) >= 0) return Promise.resolve();
    const waiting = this.waiters.wait(this.position, target, timeoutMs);
    this.nudge();
    return waiting;
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
        batch = await this.readAndHand(batchSize);
        this.gathering = this.options.gather?.busy(batch) ?? false;
      } catch (error) {
        this.options.onError?.(error);
        await this.sleep(Math.max(idleMs, 1000));
        continue;
      }
      if (batch.length < batchSize) await this.sleep(this.pauseAfterBatch(idleMs));
    }
    // Stopped while gathering: hand over what was gathered, so a process that stops (a restart,
    // a deploy) leaves its read model where it would have been a moment later, not behind.
    if (this.gathering) await this.handOverGathered(batchSize);
  }

  private async handOverGathered(batchSize: number): Promise<void> {
    try {
      // Until a batch that does not fill: nothing more was gathered.
      let batch: RecordedEvent[];
      do batch = await this.readAndHand(batchSize);
      while (batch.length === batchSize);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** Reads the next batch after the checkpoint and hands it to the handler, then moves on past it. */
  private async readAndHand(batchSize: number): Promise<RecordedEvent[]> {
    const batch = await this.readAll(this.position, batchSize);
    if (batch.length > 0) {
      const upTo = batch[batch.length - 1]!.position;
      await this.handler(batch, upTo);
      this.position = upTo;
      this.waiters.reached(upTo);
    }
    return batch;
  }

  /**
   * How long to wait before reading again after a batch that did not fill. While somebody waits
   * for a position this subscription has not reached: at once if nudged meanwhile (a nudge that
   * came while reading is not lost), else soon, since its event may be committed but held back
   * behind another transaction (a projection's own batch, say) and no append will nudge once that
   * one ends. Nobody waiting: after a batch to gather on (`options.gather`), its time; else
   * within `NUDGED_READ_WITHIN_MS` if nudged, else the poll interval.
   */
  private pauseAfterBatch(idleMs: number): number {
    if (this.waiters.size > 0) return this.nudged ? 0 : Math.min(idleMs, WAITED_FOR_POLL_MS);
    if (this.gathering) return this.options.gather!.ms();
    return this.nudged ? Math.min(idleMs, NUDGED_READ_WITHIN_MS) : idleMs;
  }

  private sleep(ms: number): Promise<void> {
    return this.running ? this.pause.sleep(ms) : Promise.resolve();
  }
}
