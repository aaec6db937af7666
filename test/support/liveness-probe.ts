import request from 'supertest';

/**
 * Asks a server's liveness probe (and any other cheap route) again and again while something
 * else runs, and keeps how long each answer took: a blocked event loop shows as slow answers.
 */
export class LivenessProbe {
  private readonly latencies = new Map<string, number[]>();
  private running = true;
  private readonly loops: Array<Promise<void>>;

  constructor(baseUrl: string, paths: readonly string[] = ['/health/live'], pauseMs = 20) {
    this.loops = paths.map((path) => this.loop(baseUrl, path, pauseMs));
  }

  private async loop(baseUrl: string, path: string, pauseMs: number): Promise<void> {
    const kept: number[] = [];
    this.latencies.set(path, kept);
    while (this.running) {
      const started = performance.now();
      const response = await request(baseUrl).get(path).timeout(30_000);
      if (response.status !== 200) throw new Error(`${path} answered ${response.status} during the probe`);
      kept.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  /** Stops probing; the answers' times per path, in the order they came. */
  async stop(): Promise<Map<string, number[]>> {
    this.running = false;
    await Promise.all(this.loops);
    return this.latencies;
  }
}

/** The value below which `share` (0.5: the median, 0.9: the 90th percentile) of the times fall. */
export function percentile(times: readonly number[], share: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

/** Median, 90th percentile and slowest, rounded to whole ms, for a failure message or the log. */
export function summary(times: readonly number[]): { n: number; median: number; p90: number; max: number } {
  return {
    n: times.length,
    median: Math.round(percentile(times, 0.5)),
    p90: Math.round(percentile(times, 0.9)),
    max: Math.round(Math.max(...times)),
  };
}
