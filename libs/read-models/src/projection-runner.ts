import {
  START,
  comparePositions,
  formatPosition,
  type EventStore,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '@app/event-store';
import { sql, type Kysely } from 'kysely';
import {
  advanceCheckpoint,
  lockCheckpoint,
  readCheckpoint,
  saveCheckpoint,
} from './checkpoints/checkpoints.js';
import { CheckpointWatch } from './checkpoints/checkpoint-watch.js';
import { dropDeferredIndexes, restoreDeferredIndexes } from './deferred-indexes.js';
import { LEASE_LOOK_MS, openProjectionLeases, type ProjectionLeases } from './leases/projection-leases.js';
import type { Projection } from './projection.js';
import { RebuildWriter } from './rebuild-writer.js';
import type { ReadModelDatabase } from './read-model-database.js';

export interface ProjectionStatus {
  readonly name: string;
  readonly checkpoint: string;
  readonly head: string;
  /** Events stored but not yet applied (counted up to `LAG_COUNT_LIMIT`). */
  readonly lag: number;
}

export interface RebuildProgress {
  readonly projection: string;
  readonly applied: number;
}

const LAG_COUNT_LIMIT = 10_000;
/** How long a rebuild held back by a running transaction waits before reading again, and at most. */
const HELD_BACK_RETRY_MS = 50;
const HELD_BACK_LIMIT_MS = 120_000;

/**
 * Keeps each projection's rows up to date from the event store: one subscription per
 * projection from its own checkpoint; each batch applied with its checkpoint in one transaction.
 * Across processes on one database each projection is run by the one holding its lease
 * (docs/adr/0018); the others look for leases nobody holds every `LEASE_LOOK_MS`.
 */
export class ProjectionRunner {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly watch: CheckpointWatch;
  private leases: ProjectionLeases | undefined;
  private looking: NodeJS.Timeout | undefined;
  private lookingNow: Promise<void> | undefined;
  private pollIntervalMs = 200;

  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly store: EventStore,
    readonly projections: readonly Projection[],
    private readonly onError: (projection: string, error: unknown) => void = () => undefined,
  ) {
    this.watch = new CheckpointWatch(db);
  }

  /** Runs every projection whose lease this process gets, now and whenever one comes free. */
  async start(options: { pollIntervalMs?: number } = {}): Promise<void> {
    if (this.looking) return;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.leases ??= await openProjectionLeases(
      this.db,
      this.projections.map((p) => p.name),
    );
    this.looking = setInterval(() => void this.lookForLeases(), LEASE_LOOK_MS);
    this.looking.unref();
    await this.lookForLeases();
  }

  async stop(): Promise<void> {
    clearInterval(this.looking);
    this.looking = undefined;
    await this.lookingNow;
    const running = [...this.subscriptions.values()];
    this.subscriptions.clear();
    await Promise.all(running.map((s) => s.stop()));
    // Ending the lease session lets the others take over at once.
    await this.leases?.close();
    this.leases = undefined;
  }

  /** The projections this process runs now (holds the lease of). */
  running(): string[] {
    return [...this.subscriptions.keys()];
  }

  /**
   * Resolves when every projection has applied everything up to `position`: those this
   * process runs as their subscription hands the events over, the others (run by another
   * process) as their checkpoint in the database shows.
   */
  async caughtUpTo(position: Position, timeoutMs = 10_000): Promise<void> {
    await Promise.all(
      this.projections.map((projection) => {
        const subscription = this.subscriptions.get(projection.name);
        return subscription
          ? subscription.caughtUpTo(position, timeoutMs)
          : this.watch.reached(projection.name, position, timeoutMs);
      }),
    );
  }

  /**
   * Stops what this process lost or another process waits for (a rebuild), and starts what it
   * can take. One look at a time.
   */
  private lookForLeases(): Promise<void> {
    this.lookingNow ??= this.look().finally(() => (this.lookingNow = undefined));
    return this.lookingNow;
  }

  private async look(): Promise<void> {
    const leases = this.leases;
    if (!leases) return;
    try {
      const { held, wanted } = await leases.look().catch(() => ({
        held: new Set<string>(),
        wanted: new Set<string>(),
      }));
      for (const [name, subscription] of [...this.subscriptions]) {
        if (held.has(name) && !wanted.has(name)) continue;
        this.subscriptions.delete(name);
        await subscription.stop();
        if (held.has(name)) await leases.release(name);
      }
      if (!this.looking) return;
      for (const projection of this.projections) {
        if (this.subscriptions.has(projection.name) || wanted.has(projection.name)) continue;
        if (!held.has(projection.name) && !(await leases.tryTake(projection.name))) continue;
        const checkpoint = await readCheckpoint(this.db, projection.name);
        const subscription = this.store.subscribe((batch, upTo) => this.applyBatch(projection, batch, upTo), {
          after: checkpoint,
          pollIntervalMs: this.pollIntervalMs,
          onError: (error) => this.onError(projection.name, error),
        });
        this.subscriptions.set(projection.name, subscription);
      }
    } catch (error) {
      this.onError('leases', error);
    }
  }

  /**
   * Runs `work` holding the leases of `names`, waiting (up to `timeoutMs`) for the processes
   * running them to give them up; this process's own runners of them are stopped first and
   * started again afterwards. What a rebuild runs under.
   */
  async holdingLeases<T>(names: readonly string[], work: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
    const wasRunning = this.looking !== undefined;
    await this.stop();
    const leases = await openProjectionLeases(this.db, names);
    try {
      for (const name of names) await leases.take(name, timeoutMs);
      return await work();
    } finally {
      await leases.close();
      if (wasRunning) await this.start({ pollIntervalMs: this.pollIntervalMs });
    }
  }

  /**
   * Applies a batch once: under the checkpoint's row lock, only events after it, so a
   * redelivered batch or a second process running the same projection changes nothing. The
   * checkpoint moves to `upTo` (the batch's last position unless the store passed over events
   * nobody is shown), so those are not read again.
   */
  async applyBatch(
    projection: Projection,
    batch: readonly RecordedEvent[],
    upTo: Position | undefined = batch[batch.length - 1]?.position,
  ): Promise<void> {
    if (upTo === undefined) return;
    const handles = projection.handles;
    if (batch.length === 0 || (handles && !batch.some((event) => handles(event)))) {
      await advanceCheckpoint(this.db, projection.name, upTo);
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      const checkpoint = await lockCheckpoint(trx, projection.name);
      const fresh = batch.filter((e) => comparePositions(e.position, checkpoint) > 0);
      if (fresh.length > 0) await projection.apply(trx, fresh);
      if (comparePositions(upTo, checkpoint) > 0) await saveCheckpoint(trx, projection.name, upTo);
    });
  }

  /**
   * Empties the projections' tables and applies every event from position 0. Running
   * subscriptions are stopped for the rebuild and started again afterwards. The events are read
   * once, the next batch while the current one is written; each projection takes them into a
   * rebuild session (`startRebuild`, or batches of events for `apply`) and writes what it holds
   * every `writeEvery` events, with its checkpoint, in a transaction of its own on a connection
   * of its own, while the events go on being read and folded. A rebuild killed at any point
   * leaves every projection consistent with its checkpoint; the next start goes on from there.
   * Secondary indexes named by the projections are dropped first and created at the end, and
   * commits are asynchronous (docs/adr/0007).
   */
  async rebuild(
    names: readonly string[] = this.projections.map((p) => p.name),
    onProgress: (progress: RebuildProgress) => void = () => undefined,
    batchSize = 10_000,
  ): Promise<void> {
    await this.holdingLeases(names, () => this.rebuildHoldingLeases(names, onProgress, batchSize));
  }

  private async rebuildHoldingLeases(
    names: readonly string[],
    onProgress: (progress: RebuildProgress) => void,
    batchSize: number,
  ): Promise<void> {
    const rebuilding = this.projections.filter((p) => names.includes(p.name));
    let succeeded = false;
    // The first events are read while the tables are emptied.
    let next = this.store.readAll({ after: START, maxCount: batchSize });
    next.catch(() => undefined); // awaited below; not unhandled if emptying fails first
    try {
      for (const projection of rebuilding) {
        await this.db.transaction().execute(async (trx) => {
          await lockCheckpoint(trx, projection.name);
          await dropDeferredIndexes(trx, projection.deferredIndexes ?? []);
          await sql`truncate ${sql.join(projection.tables.map((t) => sql.table(t)))}`.execute(trx);
          await saveCheckpoint(trx, projection.name, START);
        });
      }
      const writers = await Promise.all(rebuilding.map((p) => RebuildWriter.open(this.db, p)));
      // Everything stored when the rebuild starts: a transaction running elsewhere on the server
      // (even in another database) holds the reads back, and an empty read is not the end then.
      const target = await this.store.committedHeadPosition();
      try {
        let applied = 0;
        let last = START;
        let heldBackSince: number | undefined;
        for (;;) {
          const batch = await next;
          if (batch.length === 0) {
            if (comparePositions(last, target) >= 0) break;
            heldBackSince ??= Date.now();
            if (Date.now() - heldBackSince > HELD_BACK_LIMIT_MS) {
              throw new Error(
                `The rebuild has been held back for ${HELD_BACK_LIMIT_MS / 1000} s by a transaction still running on the database server; end it and rebuild again`,
              );
            }
            await new Promise((resolve) => setTimeout(resolve, HELD_BACK_RETRY_MS));
            next = this.store.readAll({ after: last, maxCount: batchSize });
            continue;
          }
          heldBackSince = undefined;
          const after = batch[batch.length - 1]!.position;
          last = after;
          // Read the next batch while this one is folded and written.
          next = this.store.readAll({ after, maxCount: batchSize });
          next.catch(() => undefined); // awaited next round; not unhandled if writing fails first
          applied += batch.length;
          for (const writer of writers) {
            await writer.add(batch, after);
            onProgress({ projection: writer.name, applied });
          }
        }
        // Each projection's last write, then its indexes, side by side with the others'.
        await Promise.all(
          writers.map(async (writer) => {
            await writer.finish();
            await restoreDeferredIndexes(this.db, writer.projection.deferredIndexes ?? []);
          }),
        );
      } finally {
        await Promise.all(writers.map((w) => w.close()));
      }
      succeeded = true;
    } finally {
      // Also when the rebuild failed: the read models must not go on without their indexes.
      const restored = restoreDeferredIndexes(this.db);
      if (succeeded) await restored;
      else await restored.catch(() => undefined);
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    return Promise.all(
      this.projections.map(async (projection) => {
        const checkpoint = await readCheckpoint(this.db, projection.name);
        const behind =
          comparePositions(checkpoint, head) >= 0
            ? 0
            : (await this.store.readAll({ after: checkpoint, maxCount: LAG_COUNT_LIMIT })).length;
        return {
          name: projection.name,
          checkpoint: formatPosition(checkpoint),
          head: formatPosition(head),
          lag: behind,
        };
      }),
    );
  }
}
