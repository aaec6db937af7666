import { eventIdFor, type EventToAppend } from '@app/event-store';
import type { AppendBatch } from '@app/workload';
import type { Revision, StoreUnderTest } from './stores.js';
import { forEachConcurrently, round } from './support.js';

export interface AppendResult {
  readonly writers: number;
  readonly events: number;
  readonly appends: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly appendsPerSecond: number;
}

export interface ContentionResult {
  readonly writers: number;
  readonly appends: number;
  readonly conflicts: number;
  readonly seconds: number;
  readonly appendsPerSecond: number;
  readonly conflictsPerSecond: number;
  /** Retries per successful append, on average, and the most one append needed. */
  readonly retriesPerAppend: number;
  readonly maxRetries: number;
}

/** The workload's appends under a stream prefix, grouped by stream in order. */
function byStream(batches: readonly AppendBatch[], prefix: string): AppendBatch[][] {
  const streams = new Map<string, AppendBatch[]>();
  for (const batch of batches) {
    const streamId = `${prefix}${batch.streamId}`;
    const list = streams.get(streamId) ?? [];
    list.push({
      ...batch,
      streamId,
      events: batch.events.map((e) => ({ ...e, id: eventIdFor(`${prefix}${e.id}`, 0) })),
    });
    streams.set(streamId, list);
  }
  return [...streams.values()];
}

/**
 * The generated appends (one plan stream's events per append, with exact expected revisions),
 * written by `writers` concurrent writers over distinct streams.
 */
export async function appendBatches(
  store: StoreUnderTest,
  batches: readonly AppendBatch[],
  writers: number,
  prefix: string,
): Promise<AppendResult> {
  const streams = byStream(batches, prefix);
  let events = 0;
  let appends = 0;
  const started = performance.now();
  await forEachConcurrently(streams, writers, async (streamBatches) => {
    for (const batch of streamBatches) {
      await store.append(batch.streamId, batch.events, batch.expectedRevision as Revision);
      events += batch.events.length;
      appends++;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    writers,
    events,
    appends,
    seconds: round(seconds, 3),
    eventsPerSecond: Math.round(events / seconds),
    appendsPerSecond: Math.round(appends / seconds),
  };
}

/** One event per append (what a command writes), `writers` writers each on streams of its own. */
export async function appendSingles(
  store: StoreUnderTest,
  template: readonly EventToAppend[],
  writers: number,
  appendsPerWriter: number,
  prefix: string,
): Promise<AppendResult> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      let revision: Revision = 'no_stream';
      for (let i = 0; i < appendsPerWriter; i++) {
        // A new stream every 50 appends, as commands spread over many plans.
        const streamId = `${prefix}w${w}-s${Math.floor(i / 50)}`;
        if (i % 50 === 0) revision = 'no_stream';
        const base = template[(w * appendsPerWriter + i) % template.length]!;
        const event = { ...base, id: eventIdFor(`${prefix}${w}-${i}`, 0) };
        revision = await store.append(streamId, [event], revision);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const appends = writers * appendsPerWriter;
  return {
    writers,
    events: appends,
    appends,
    seconds: round(seconds, 3),
    eventsPerSecond: Math.round(appends / seconds),
    appendsPerSecond: Math.round(appends / seconds),
  };
}

/**
 * Contention on one hot stream: `writers` writers append one event each at the revision they
 * last saw; on a conflict they read what is new and retry, until `total` appends succeeded.
 */
export async function hotStream(
  store: StoreUnderTest,
  template: readonly EventToAppend[],
  writers: number,
  total: number,
  streamId: string,
): Promise<ContentionResult> {
  let appends = 0;
  let conflicts = 0;
  let maxRetries = 0;
  let sequence = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      let known: Revision = await store.headAfter(streamId, 'no_stream');
      while (appends < total) {
        const n = sequence++;
        const event = { ...template[n % template.length]!, id: eventIdFor(`${streamId}-${n}`, 0) };
        let retries = 0;
        for (;;) {
          const result = await store.tryAppend(streamId, [event], known);
          if (result !== 'conflict') {
            known = result;
            break;
          }
          conflicts++;
          retries++;
          known = await store.headAfter(streamId, known);
        }
        appends++;
        maxRetries = Math.max(maxRetries, retries);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    writers,
    appends,
    conflicts,
    seconds: round(seconds, 3),
    appendsPerSecond: Math.round(appends / seconds),
    conflictsPerSecond: Math.round(conflicts / seconds),
    retriesPerAppend: round(conflicts / appends, 2),
    maxRetries,
  };
}
