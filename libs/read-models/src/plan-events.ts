import { isPlanEvent, type PlanEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';

/** The plan events of a batch, each as the domain event it is beside the record it came in. */
export function planEventsOf(
  batch: readonly RecordedEvent[],
): Array<{ event: PlanEvent; recorded: RecordedEvent }> {
  return batch
    .filter((recorded) => isPlanEvent(recorded))
    .map((recorded) => ({ event: recorded as unknown as PlanEvent, recorded }));
}
