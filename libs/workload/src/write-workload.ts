import { createHash } from 'node:crypto';
import type { EventStore } from '@app/event-store';
import type { AppendBatch, WorkloadPhase } from './generate-workload.js';

export interface WriteProgress {
  readonly phase: string;
  readonly events: number;
  readonly appends: number;
}

export interface WriteResult {
  readonly events: number;
  readonly appends: number;
  readonly streams: number;
  readonly seconds: number;
  /** sha256 of every append in order (see hashBatch): equal for equal workloads. */
  readonly hash: string;
}

/**
 * Canonical JSON of a value: object keys sorted, so the hash does not depend on the order
 * properties happened to be set in.
 */
function canonical(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(String(value));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Feeds one append (stream, expected revision, events with ids, data and metadata) to a hash. */
export function hashBatch(hash: ReturnType<typeof createHash>, batch: AppendBatch): void {
  hash.update(canonical({ streamId: batch.streamId, expectedRevision: batch.expectedRevision }));
  for (const event of batch.events) hash.update(canonical(event));
}

/** Counts and hashes a workload without writing it anywhere. */
export function summariseWorkload(phases: Iterable<WorkloadPhase>): {
  events: number;
  appends: number;
  streams: number;
  hash: string;
  eventTypes: Record<string, number>;
} {
  const hash = createHash('sha256');
  const streams = new Set<string>();
  const eventTypes: Record<string, number> = {};
  let events = 0;
  let appends = 0;
  for (const phase of phases) {
    for (const batch of phase.batches) {
      hashBatch(hash, batch);
      streams.add(batch.streamId);
      appends++;
      events += batch.events.length;
      for (const event of batch.events) eventTypes[event.type] = (eventTypes[event.type] ?? 0) + 1;
    }
  }
  return { events, appends, streams: streams.size, hash: hash.digest('hex'), eventTypes };
}

/**
 * Appends a workload through the EventStore port, phase by phase. Within a phase, streams are
 * written by `concurrency` writers at once; each stream's appends stay in order and carry the
 * expected revision, so a store holding anything else for these streams fails with a conflict.
 */
export async function writeWorkload(
  store: EventStore,
  phases: Iterable<WorkloadPhase>,
  options: { concurrency?: number; onProgress?: (progress: WriteProgress) => void } = {},
): Promise<WriteResult> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const hash = createHash('sha256');
  const streams = new Set<string>();
  const started = performance.now();
  let events = 0;
  let appends = 0;
  for (const phase of phases) {
    const byStream = new Map<string, AppendBatch[]>();
    for (const batch of phase.batches) {
      hashBatch(hash, batch);
      streams.add(batch.streamId);
      const list = byStream.get(batch.streamId);
      if (list) list.push(batch);
      else byStream.set(batch.streamId, [batch]);
    }
    const queue = [...byStream.values()];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < queue.length) {
        const batches = queue[next++]!;
        for (const batch of batches) {
          await store.appendToStream(batch.streamId, batch.events, {
            expectedRevision: batch.expectedRevision,
          });
          events += batch.events.length;
          appends++;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    options.onProgress?.({ phase: phase.label, events, appends });
  }
  return {
    events,
    appends,
    streams: streams.size,
    seconds: (performance.now() - started) / 1000,
    hash: hash.digest('hex'),
  };
}
