import {
  START,
  comparePositions,
  formatPosition,
  type EventStore,
  type Position,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '@app/event-store';
import type { Kysely, Transaction } from 'kysely';
import {
  advanceCheckpoint,
  lockCheckpoint,
  readCheckpoint,
  saveCheckpoint,
} from './checkpoints/checkpoints.js';
import { CheckpointWatch } from './checkpoints/checkpoint-watch.js';
import { restoreDeferredIndexes } from './deferred-indexes.js';
import { LEASE_LOOK_MS, openProjectionLeases, type ProjectionLeases } from './leases/projection-leases.js';
import type { Projection } from './projection.js';
import {
  createRebuiltIndexes,
  dropRebuildSchemas,
  liveSchema,
  prepareRebuildSchema,
  swapInRebuiltTables,
  takeRebuildLock,
  useRebuildSchema,
} from './rebuild-schema.js';
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
/** How many times a rebuild near the head may find the live projections ahead of it before it gives up. */
const SWAP_ATTEMPTS = 50;
/** A gathering projection gathers for this many times as long as its last batch took (Projection.gatherMs). */
const GATHER_PER_APPLY = 2;

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
  /** How long each projection's last batch took to apply. */
  private readonly lastApplyMs = new Map<string, number>();

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
   * process) as their checkpoint in the database shows. Projections whose readers read around
   * them when behind (`awaitedByWrites: false`) only with `every`.
   */
  async caughtUpTo(position: Position, timeoutMs = 10_000, { every = false } = {}): Promise<void> {
    await Promise.all(
      this.awaited(every).map((projection) => {
        const subscription = this.subscriptions.get(projection.name);
        return subscription
          ? subscription.caughtUpTo(position, timeoutMs)
          : this.watch.reached(projection.name, position, timeoutMs);
      }),
    );
  }

  /**
   * Whether every projection a write waits for has applied `position`, as far as this process
   * knows without asking the database: false when one is run by another process.
   */
  hasApplied(position: Position): boolean {
    return this.awaited().every((projection) => {
      const subscription = this.subscriptions.get(projection.name);
      return subscription !== undefined && comparePositions(subscription.checkpoint, position) >= 0;
    });
  }

  /** The projections a wait for the read models waits for: all with `every`, else those `awaitedByWrites`. */
  private awaited(every = false): readonly Projection[] {
    return every ? this.projections : this.projections.filter((p) => p.awaitedByWrites !== false);
  }

  /** Stops what this process lost (its lease session ended), and starts what it can take. One look at a time. */
  private lookForLeases(): Promise<void> {
    this.lookingNow ??= this.look().finally(() => (this.lookingNow = undefined));
    return this.lookingNow;
  }

  private async look(): Promise<void> {
    const leases = this.leases;
    if (!leases) return;
    try {
      const held = await leases.held().catch(() => new Set<string>());
      for (const [name, subscription] of [...this.subscriptions]) {
        if (held.has(name)) continue;
        this.subscriptions.delete(name);
        await subscription.stop();
      }
      if (!this.looking) return;
      for (const projection of this.projections) {
        if (this.subscriptions.has(projection.name)) continue;
        if (!held.has(projection.name) && !(await leases.tryTake(projection.name))) continue;
        const checkpoint = await readCheckpoint(this.db, projection.name);
        const subscription = this.store.subscribe((batch, upTo) => this.applyBatch(projection, batch, upTo), {
          after: checkpoint,
          pollIntervalMs: this.pollIntervalMs,
          onError: (error) => this.onError(projection.name, error),
          ...(projection.gatherMs ? { gather: this.gatherFor(projection, projection.gatherMs) } : {}),
        });
        this.subscriptions.set(projection.name, subscription);
      }
    } catch (error) {
      this.onError('leases', error);
    }
  }

  /** How a gathering projection's subscription gathers (Projection.gatherMs). */
  private gatherFor(projection: Projection, gatherMs: number): NonNullable<SubscribeOptions['gather']> {
    return {
      ms: () => Math.max(gatherMs, GATHER_PER_APPLY * (this.lastApplyMs.get(projection.name) ?? 0)),
      busy: (batch) => worksOn(projection, batch),
    };
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
    if (!worksOn(projection, batch)) {
      await advanceCheckpoint(this.db, projection.name, upTo);
      return;
    }
    const started = performance.now();
    await this.db.transaction().execute(async (trx) => {
      const checkpoint = await lockCheckpoint(trx, projection.name);
      const fresh = batch.filter((e) => comparePositions(e.position, checkpoint) > 0);
      if (fresh.length > 0) await projection.apply(trx, fresh);
      if (comparePositions(upTo, checkpoint) > 0) await saveCheckpoint(trx, projection.name, upTo);
    });
    this.lastApplyMs.set(projection.name, performance.now() - started);
  }

  /**
   * Builds the projections' tables again from position 0 without taking the live ones away
   * (docs/adr/0020): every event is applied into empty copies of their tables in a schema of
   * their own (`REBUILD_SCHEMA`), which are then caught up to the head and swapped in, with
   * the checkpoints, in one transaction. Readers see the live rows, kept up to date by the
   * running subscriptions, until that swap, and the rebuilt rows after it; never an empty or
   * partial table. A rebuild that fails or is killed leaves the live tables as they were. One
   * rebuild at a time per database (an advisory lock); a second one is refused.
   *
   * The events are read once, the next batch while the current one is written; each projection
   * takes them into a rebuild session (`startRebuild`, or batches of events for `apply`) and
   * writes what it holds every `writeEvery` events, with its checkpoint, in a transaction of
   * its own on a connection of its own, while the events go on being read and folded (the first
   * ones while the rebuild's tables are created). A projection's secondary indexes are created
   * once its rows are written, and commits are asynchronous (docs/adr/0007).
   */
  async rebuild(
    names: readonly string[] = this.projections.map((p) => p.name),
    onProgress: (progress: RebuildProgress) => void = () => undefined,
    batchSize = 10_000,
  ): Promise<void> {
    const rebuilding = this.projections.filter((p) => names.includes(p.name));
    const tables = rebuilding.flatMap((p) => p.tables);
    const lock = await takeRebuildLock(this.db);
    try {
      // An index a rebuild of an earlier version dropped and never created again, first:
      // the rebuilt tables get the live tables' indexes.
      await restoreDeferredIndexes(this.db);
      const live = await liveSchema(this.db);
      // The first events are read and folded while the rebuild's tables are created.
      const first = this.store.readAll({ after: START, maxCount: batchSize });
      first.catch(() => undefined); // awaited below; not unhandled if preparing fails first
      const tablesReady = prepareRebuildSchema(
        this.db,
        live,
        tables,
        rebuilding.map((p) => p.name),
      );
      tablesReady.catch(() => undefined); // awaited by the first writes and below
      try {
        let last = await this.rebuildFromStart(rebuilding, first, onProgress, batchSize, {
          live,
          tablesReady,
        });
        await tablesReady;
        // Catch up, then swap. Each round reads what came since outside any transaction (PGlite
        // is one connection), then applies it in one; once a round reaches every live checkpoint
        // of these projections (locked by then, so their running subscriptions wait and then
        // find their events applied), the same transaction swaps the tables in.
        let seenLive: readonly Position[] | undefined;
        for (let missed = 0; ;) {
          const batch = await this.store.readAll({ after: last, maxCount: batchSize });
          const upTo = batch[batch.length - 1]?.position ?? last;
          const nearHead = batch.length < batchSize;
          const swapped = await this.db.transaction().execute(async (trx) => {
            const liveAt: Position[] = [];
            if (nearHead) for (const p of rebuilding) liveAt.push(await lockCheckpoint(trx, p.name));
            await useRebuildSchema(trx);
            if (batch.length > 0) await applyToRebuilt(trx, rebuilding, batch);
            if (!nearHead) return false;
            const previous = seenLive;
            seenLive = liveAt;
            for (const [i, projection] of rebuilding.entries()) {
              if (comparePositions(liveAt[i]!, upTo) <= 0) continue;
              // A live checkpoint past the last event, as it already was before this round's
              // read found nothing more: it passed over positions without events for anyone
              // (EventStoreDB's own), and the rebuilt one may pass over them too.
              const passedOver =
                batch.length === 0 && previous && comparePositions(previous[i]!, liveAt[i]!) === 0;
              if (!passedOver) return false;
              await saveCheckpoint(trx, projection.name, liveAt[i]!);
            }
            await swapInRebuiltTables(trx, live, tables, names);
            return true;
          });
          last = upTo;
          if (swapped) break;
          if (nearHead && ++missed > SWAP_ATTEMPTS) {
            throw new Error(
              `The rebuild did not catch up with the running projections in ${SWAP_ATTEMPTS} attempts; the live read models are as they were`,
            );
          }
        }
      } finally {
        await dropRebuildSchemas(this.db);
      }
    } finally {
      await lock.release();
    }
  }

  /**
   * Every event up to the head as the rebuild begins, into the rebuild's tables (once
   * `tablesReady`), by the projections' rebuild sessions, and each projection's secondary
   * indexes once its rows are in; returns the position of the last event.
   */
  private async rebuildFromStart(
    rebuilding: readonly Projection[],
    first: Promise<RecordedEvent[]>,
    onProgress: (progress: RebuildProgress) => void,
    batchSize: number,
    schema: { live: string; tablesReady: Promise<void> },
  ): Promise<Position> {
    let next = first;
    const writers = await Promise.all(
      rebuilding.map((p) => RebuildWriter.open(this.db, p, schema.tablesReady)),
    );
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
      // Each projection's last write, side by side with the others', and its secondary indexes
      // as soon as its rows are in (plan-history's are built while plan-now writes its last).
      await Promise.all(
        writers.map(async (writer) => {
          await writer.finish();
          await createRebuiltIndexes(this.db, schema.live, writer.projection.tables);
        }),
      );
      return last;
    } finally {
      await Promise.all(writers.map((w) => w.close()));
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

/**
 * Applies a batch to the rebuild's tables in `trx` (whose `search_path` names them first) and
 * moves the rebuild's checkpoints to its last event.
 */
async function applyToRebuilt(
  trx: Transaction<ReadModelDatabase>,
  projections: readonly Projection[],
  batch: readonly RecordedEvent[],
): Promise<void> {
  const last = batch[batch.length - 1]!.position;
  for (const projection of projections) {
    const handles = projection.handles;
    const events = handles ? batch.filter((event) => handles(event)) : batch;
    if (events.length > 0) await projection.apply(trx, events);
    await saveCheckpoint(trx, projection.name, last);
  }
}

/** Whether a batch has anything for the projection to apply (else only its checkpoint moves). */
function worksOn(projection: Projection, batch: readonly RecordedEvent[]): boolean {
  const handles = projection.handles;
  return batch.length > 0 && (!handles || batch.some((event) => handles(event)));
}
