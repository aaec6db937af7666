import { comparePositions, type EventStore, type Position } from '@app/event-store';
import type { ProjectionRunner } from './projection-runner.js';

/**
 * Whether a write is in the read models when a read (or a replay's answer) waits for it:
 * `up_to_date`; `held_back`, a transaction still running elsewhere in the event store's database keeps
 * it from every reader (`EventStore.heldBackReads`), so waiting longer would not help; or
 * `behind`, the projections did not get to it within the bound.
 */
export type WriteVisibility = 'up_to_date' | 'held_back' | 'behind';

/** How long a read waits for a write to be in the read models before it answers anyway. */
export const VISIBILITY_BOUND_MS = 5_000;
/** How long reads must have been held back before `waitUntilVisible` stops waiting for them. */
export const HELD_BACK_AFTER_MS = 250;

/** Whether `position` is stored but not yet readable, behind a transaction running elsewhere. */
export async function isHeldBack(store: EventStore, position: Position): Promise<boolean> {
  const readable = await store.headPosition().catch(() => undefined);
  return readable !== undefined && comparePositions(readable, position) < 0;
}

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
      if (held && held.ageMs >= heldBackAfterMs && (await isHeldBack(store, position))) return 'held_back';
    }
  })();
  try {
    return await Promise.race([caughtUp, heldBack.then((outcome) => outcome ?? caughtUp)]);
  } finally {
    settled = true;
  }
}
