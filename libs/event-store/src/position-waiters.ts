import { comparePositions, type Position } from './position.js';

/**
 * Callers waiting for a subscription (or a checkpoint) to reach a position (`caughtUpTo`): each is resolved once
 * the subscription has handed over everything up to its position, or rejected after its timeout.
 */
export class PositionWaiters {
  private readonly waiting = new Set<{ readonly target: Position; readonly resolve: () => void }>();

  /** Resolves when `reached` has been called with `target` or beyond (at once if `current` is there). */
  wait(current: Position, target: Position, timeoutMs: number): Promise<void> {
    if (comparePositions(current, target) >= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        target,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiting.delete(waiter);
        reject(new Error(`Subscription did not reach the position within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.add(waiter);
    });
  }

  /** How many callers wait now. */
  get size(): number {
    return this.waiting.size;
  }

  /** The subscription has handed over everything up to `position`. */
  reached(position: Position): void {
    for (const waiter of this.waiting) {
      if (comparePositions(position, waiter.target) >= 0) {
        this.waiting.delete(waiter);
        waiter.resolve();
      }
    }
  }
}

/** A pause between reads that a nudge or a stop can end early. */
export class Pause {
  private wake: (() => void) | undefined;
  private wakeWithin: ((ms: number) => void) | undefined;

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const endsAt = Date.now() + ms;
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        this.wakeWithin = undefined;
        resolve();
      };
      let timer = setTimeout(done, ms);
      this.wake = done;
      this.wakeWithin = (within: number) => {
        if (Date.now() + within >= endsAt) return;
        clearTimeout(timer);
        timer = setTimeout(done, within);
      };
    });
  }

  /** Ends the current pause, if one is running. */
  end(): void {
    this.wake?.();
  }

  /** Ends the current pause within `ms` at the latest, if one is running. */
  endWithin(ms: number): void {
    this.wakeWithin?.(ms);
  }
}
