import { isPlanEvent, type PlanEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';

type PlanEventsOf = ReadonlyArray<{ readonly event: PlanEvent; readonly recorded: RecordedEvent }>;

/**
 * The last answers, by batch: a rebuild hands the same batch of 10,000 events to every
 * projection, and three of them ask for its plan events (checking each event's type and
 * wrapping it three times over cost ~5 % of a rebuild's time, much of it in the garbage collector).
 * A batch is never changed once read, so its answer stays right; the map lets go of it with the batch.
 */
const answered = new WeakMap<readonly RecordedEvent[], PlanEventsOf>();

/** The plan events of a batch, each as the domain event it is beside the record it came in. */
export function planEventsOf(batch: readonly RecordedEvent[]): PlanEventsOf {
  let planEvents = answered.get(batch);
  if (!planEvents) {
    const found: Array<PlanEventsOf[number]> = [];
    for (const recorded of batch) {
      if (isPlanEvent(recorded)) found.push({ event: recorded as unknown as PlanEvent, recorded });
    }
    answered.set(batch, found);
    planEvents = found;
  }
  return planEvents;
}
