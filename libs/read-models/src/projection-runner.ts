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
import { lockCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoints/checkpoints.js';
import type { Projection } from './projection.js';

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

/**
 * Keeps each projection's rows up to date from the event store: one subscription per
 * projection from its own checkpoint; each batch applied with its checkpoint in one transaction.
 */
export class ProjectionRunner {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly db: Kysely<any>,
    private readonly store: EventStore,
    readonly projections: readonly Projection[],
    private readonly onError: (projection: string, error: unknown) => void = () => undefined,
  ) {}

  async start(options: { pollIntervalMs?: number } = {}): Promise<void> {
    for (const projection of this.projections) {
      if (this.subscriptions.has(projection.name)) continue;
      const checkpoint = await readCheckpoint(this.db, projection.name);
      const subscription = this.store.subscribe((batch) => this.applyBatch(projection, batch), {
        after: checkpoint,
        pollIntervalMs: options.pollIntervalMs ?? 200,
        onError: (error) => this.onError(projection.name, error),
      });
      this.subscriptions.set(projection.name, subscription);
    }
  }

  async stop(): Promise<void> {
    const running = [...this.subscriptions.values()];
    this.subscriptions.clear();
    await Promise.all(running.map((s) => s.stop()));
  }

  /** Resolves when every running projection has applied everything up to `position`. */
  async caughtUpTo(position: Position, timeoutMs = 10_000): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((s) => s.caughtUpTo(position, timeoutMs)));
  }

  /**
   * Applies a batch once: under the checkpoint's row lock, only events after it, so a
   * redelivered batch or a second process running the same projection changes nothing.
   */
  async applyBatch(projection: Projection, batch: readonly RecordedEvent[]): Promise<void> {
    if (batch.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      const checkpoint = await lockCheckpoint(trx, projection.name);
      const fresh = batch.filter((e) => comparePositions(e.position, checkpoint) > 0);
      if (fresh.length === 0) return;
      await projection.apply(trx, fresh);
      await saveCheckpoint(trx, projection.name, fresh[fresh.length - 1]!.position);
    });
  }

  /**
   * Empties the projections' tables and applies every event from position 0. Running
   * subscriptions are stopped for the rebuild and started again afterwards. The events are
   * read once and each batch is applied to every projection being rebuilt (each in its own
   * transaction with its checkpoint, as the subscriptions do).
   */
  async rebuild(
    names: readonly string[] = this.projections.map((p) => p.name),
    onProgress: (progress: RebuildProgress) => void = () => undefined,
    batchSize = 2000,
  ): Promise<void> {
    const wasRunning = this.subscriptions.size > 0;
    await this.stop();
    const rebuilding = this.projections.filter((p) => names.includes(p.name));
    for (const projection of rebuilding) {
      await this.db.transaction().execute(async (trx) => {
        await lockCheckpoint(trx, projection.name);
        for (const table of projection.tables) await sql`delete from ${sql.table(table)}`.execute(trx);
        await saveCheckpoint(trx, projection.name, START);
      });
    }
    let after = START;
    let applied = 0;
    let next = this.store.readAll({ after, maxCount: batchSize });
    for (;;) {
      const batch = await next;
      if (batch.length === 0) break;
      after = batch[batch.length - 1]!.position;
      // Read the next batch while this one is applied.
      next = this.store.readAll({ after, maxCount: batchSize });
      next.catch(() => undefined); // awaited next round; not unhandled if applying fails first
      applied += batch.length;
      for (const projection of rebuilding) {
        await this.applyBatch(projection, batch);
        onProgress({ projection: projection.name, applied });
      }
    }
    if (wasRunning) await this.start();
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
