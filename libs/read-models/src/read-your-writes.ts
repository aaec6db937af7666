import { START, comparePositions, type EventStore, type Position } from '@app/event-store';
import type { ProjectionRunner } from './projection-runner.js';
import { isHeldBack, VISIBILITY_BOUND_MS, type WriteVisibility } from './write-visibility.js';

/**
 * How long after a read gave up waiting for a held-back write (a transaction left open elsewhere
 * on the server) reads that are still held back go ahead at once: otherwise every read would wait
 * out the bound while the transaction lasts. /health says what holds reads back.
 */
const GAVE_UP_REMEMBERED_MS = 30_000;
/** How long reads must have been held back for a read in that window to go ahead at once. */
const STILL_HELD_MS = 1_000;

/**
 * Read-your-writes on the read side (issue 17, docs/adr/0024): a command answers as soon as its
 * events are stored, with their position, and a read waits until the read models show every write
 * this process has made (`EventStore.newestWrittenHere`) and any position the reader names (a
 * write answered by another replica). A command no longer pays for the projections; a read pays
 * only when it would otherwise miss a write.
 */
export class ReadYourWrites {
  /** When a read last gave up waiting because reads were held back. */
  private gaveUpAt: number | undefined;

  constructor(
    private readonly projections: ProjectionRunner,
    private readonly store: EventStore,
  ) {}

  /**
   * Waits until the read models show every write made here and `named`, at most
   * `VISIBILITY_BOUND_MS`: `up_to_date`, or why not (`held_back`: a transaction elsewhere holds
   * reads back; `behind`: the projections did not get there), and the read then shows what the
   * read models have. A transaction in progress elsewhere holds reads back for moments all the
   * time on a busy server, so a read does not give up at the first sign of one: it would miss the
   * very write it was made for.
   */
  async beforeRead(named?: Position): Promise<WriteVisibility> {
    const own = this.store.newestWrittenHere;
    const target = !named ? own : !own || comparePositions(named, own) > 0 ? named : own;
    if (!target || this.projections.hasApplied(target)) return 'up_to_date';
    // Soon after a read gave up, reads held back for a while now are most likely held back by the
    // same transaction: they do not wait out the bound again while it lasts.
    if (this.gaveUpAt !== undefined && Date.now() - this.gaveUpAt < GAVE_UP_REMEMBERED_MS) {
      const held = await this.store.heldBackReads().catch(() => undefined);
      if (!held) this.gaveUpAt = undefined;
      else if (held.ageMs >= STILL_HELD_MS && (await isHeldBack(this.store, target))) return 'held_back';
    }
    try {
      await this.projections.caughtUpTo(target, VISIBILITY_BOUND_MS);
      return 'up_to_date';
    } catch {
      if (!(await isHeldBack(this.store, target))) return 'behind';
      this.gaveUpAt = Date.now();
      return 'held_back';
    }
  }

  /**
   * A lookup in the read models before a command (does the parent organisation exist?): when it
   * finds nothing, it looks again once the read models show this process's writes, since what it
   * looks for may have been written a moment ago. Commands do not wait otherwise.
   */
  async found<T>(lookup: () => Promise<T | undefined>): Promise<T | undefined> {
    const first = await lookup();
    if (first !== undefined) return first;
    if (this.projections.hasApplied(this.store.newestWrittenHere ?? START)) return undefined;
    await this.beforeRead();
    return lookup();
  }
}
