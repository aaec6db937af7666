/**
 * For a long loop that must stay on the main thread (it needs the database between steps, or
 * its state is too large to copy): `if (slices.due()) await slices.pause()` in the loop lets
 * other requests (and the liveness probe) in every `budgetMs`, so one request's loop never
 * holds the event loop for longer than that.
 */
export class TimeSlices {
  private started = performance.now();

  constructor(private readonly budgetMs = 20) {}

  /** Whether this slice's time is up. */
  due(): boolean {
    return performance.now() - this.started >= this.budgetMs;
  }

  /** Give way to whatever waits on the event loop (I/O included), then start a new slice. */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}
