import type { PlanTimeline } from '../plan-view/plan-timeline.js';

/**
 * The timelines plan-now wrote last, parsed, so that the next batch on a plan goes on from
 * memory instead of reading back and parsing its stored timeline (a whole plan's JSON, some
 * 200 kB for a plan followed up for years: with commands coming steadily, most of a batch's
 * time went to reading, parsing and writing it).
 *
 * Trusted only when the row still holds the same JSON: its stored digest (`jsonDigest`) must be
 * the digest kept here. So a batch that rolled back, another process that projected since, or another
 * database in the same process (tests) all read the row again. Bounded by the JSON's length:
 * the least recently written go first.
 */
export class KeptTimelines {
  private readonly kept = new Map<
    string,
    { readonly digest: string; readonly timeline: PlanTimeline; readonly size: number }
  >();
  private size = 0;

  constructor(private readonly maxJsonLength: number) {}

  /** The timeline whose JSON has `digest`, if kept. */
  get(planId: string, digest: string | null): PlanTimeline | undefined {
    const entry = this.kept.get(planId);
    return entry && digest !== null && entry.digest === digest ? entry.timeline : undefined;
  }

  set(planId: string, digest: string, timeline: PlanTimeline, jsonLength: number): void {
    this.delete(planId);
    if (jsonLength > this.maxJsonLength) return;
    this.kept.set(planId, { digest, timeline, size: jsonLength });
    this.size += jsonLength;
    for (const [oldest] of this.kept) {
      if (this.size <= this.maxJsonLength) break;
      this.delete(oldest);
    }
  }

  delete(planId: string): void {
    const entry = this.kept.get(planId);
    if (!entry) return;
    this.kept.delete(planId);
    this.size -= entry.size;
  }
}
