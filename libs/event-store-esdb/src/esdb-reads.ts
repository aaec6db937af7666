import { EventStoreUnavailable } from '@app/event-store';
import type { StreamingRead } from '@eventstore/db-client';
import type { EsdbRecordedEvent } from './esdb-mapping.js';

/**
 * Iterates a streaming read, giving up when the server sends nothing for `idleTimeoutMs`: the
 * client reads with no deadline at all (it passes `deadline: Infinity` for every read), so one
 * hung node would otherwise stall every projection and the health check with it. When the
 * consumer stops early or gives up, the gRPC call is cancelled: destroying the client's read
 * stream alone leaves the call open on the server.
 */
export async function* consume<T>(read: StreamingRead<T>, idleTimeoutMs: number): AsyncGenerator<T> {
  const iterator = read[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const next = await withIdleTimeout(iterator.next(), idleTimeoutMs);
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!finished) await read.cancel().catch(() => undefined);
  }
}

function withIdleTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new EventStoreUnavailable(new Error(`EventStoreDB sent nothing for ${ms} ms`))),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function recordedEvents(
  read: StreamingRead<{ event?: EsdbRecordedEvent | undefined }>,
  idleTimeoutMs: number,
): Promise<EsdbRecordedEvent[]> {
  const events: EsdbRecordedEvent[] = [];
  for await (const resolved of consume(read, idleTimeoutMs)) if (resolved.event) events.push(resolved.event);
  return events;
}
