import {
  START,
  comparePositions,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@app/event-store';

/**
 * Every event after `after` up to the newest one stored now, in global order. Tests run two at a
 * time against one PostgreSQL server, whose snapshots cover the whole cluster: a transaction of
 * another test holds readers back for a moment (docs/adr/0003), so an empty read before the
 * newest stored event means wait, not the end. `pageSize`: the events asked for per read.
 */
export async function readEverything(
  store: EventStore,
  after: Position = START,
  pageSize = 1000,
): Promise<RecordedEvent[]> {
  const target = await store.committedHeadPosition();
  const deadline = Date.now() + 30_000;
  const all: RecordedEvent[] = [];
  let position = after;
  while (comparePositions(position, target) < 0) {
    const batch = await store.readAll({ after: position, maxCount: pageSize });
    if (batch.length === 0) {
      if (Date.now() > deadline) throw new Error('Reads held back for 30 s by a transaction still running');
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    all.push(...batch);
    position = batch[batch.length - 1]!.position;
  }
  return all;
}
