import { comparePositions, type EventStore, type Position } from '@app/event-store';
import type { ProjectionRunner } from './projection-runner.js';

/**
 * Whether a write is in the read models when its command answers: `up_to_date`; `held_back`, a
 * transaction still running elsewhere on the database server keeps it from every reader
 * (`EventStore.heldBackReads`), so waiting longer would not help; or `behind`, the projections
 * did not get to it within the bound.
 */
export type WriteVisibility = 'up_to_date' | 'held_back' | 'behind';

/** How long a command waits for its write to be in the read models before it answers anyway. */
export const VISIBILITY_BOUND_MS = 5_000;
/** How long reads must have been held back before a command stops waiting for them. */
export const HELD_BACK_AFTER_MS = 250;

/**
 * Waits until the projections running here have applied `position` (read-your-writes), at most
 * `boundMs`; from `heldBackAfterMs` on, answers `held_back` as soon as the write is not readable
 * because reads have been held back that long, instead of blocking until the bound.
 */
export async function waitUntilVisible(
  runner: ProjectionRunner,
  store: EventStore,
  position: Position,
  { boundMs = VISIBILITY_BOUND_MS, heldBackAfterMs = HELD_BACK_AFTER_MS } = {},
): Promise<WriteVisibility> {
  let settled = false;
  const caughtUp = runner.caughtUpTo(position, boundMs).then(
    () => 'up_to_date' as const,
    () => 'behind' as const,
  );
  const heldBack = (async (): Promise<WriteVisibility | undefined> => {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, heldBackAfterMs));
      if (settled) return undefined;
      const held = await store.heldBackReads().catch(() => undefined);
      if (settled) return undefined;
      if (held && held.ageMs >= heldBackAfterMs) {
        const readable = await store.headPosition().catch(() => undefined);
        if (readable && comparePositions(readable, position) < 0) return 'held_back';
      }
    }
  })();
  try {
    return await Promise.race([caughtUp, heldBack.then((outcome) => outcome ?? caughtUp)]);
  } finally {
    settled = true;
  }
}
