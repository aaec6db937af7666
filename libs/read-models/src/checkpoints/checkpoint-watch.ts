import { PositionWaiters, START, type Position } from '@app/event-store';
import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from '../read-model-database.js';

/** How often the checkpoints are read while somebody waits for one. */
const WATCH_INTERVAL_MS = 20;

/**
 * Waits for a projection another process runs (an api replica's read-your-writes, a CLI
 * command's catch-up): its checkpoint is read from the database, one query for every waiter,
 * every `WATCH_INTERVAL_MS` while anybody waits and never otherwise.
 */
export class CheckpointWatch {
  private readonly waiters = new Map<string, PositionWaiters>();
  private watching = false;

  constructor(private readonly db: Kysely<ReadModelDatabase>) {}

  /** Resolves once the projection's checkpoint is at `target` or beyond; rejects after `timeoutMs`. */
  reached(name: string, target: Position, timeoutMs: number): Promise<void> {
    let waiters = this.waiters.get(name);
    if (!waiters) this.waiters.set(name, (waiters = new PositionWaiters()));
    // No checkpoint row yet: the projection has applied nothing (the start).
    const waiting = waiters.wait(START, target, timeoutMs);
    void this.watch();
    return waiting;
  }

  private async watch(): Promise<void> {
    if (this.watching) return;
    this.watching = true;
    try {
      while (this.anybodyWaits()) {
        const checkpoints = await this.read().catch(() => new Map<string, Position>());
        for (const [name, position] of checkpoints) this.waiters.get(name)?.reached(position);
        if (this.anybodyWaits()) await new Promise((r) => setTimeout(r, WATCH_INTERVAL_MS));
      }
    } finally {
      this.watching = false;
    }
  }

  private anybodyWaits(): boolean {
    return [...this.waiters.values()].some((w) => w.size > 0);
  }

  private async read(): Promise<Map<string, Position>> {
    const rows = await this.db
      .selectFrom('projection_checkpoints')
      .select([
        'name',
        sql<string>`commit_position::text`.as('commit'),
        sql<string>`prepare_position::text`.as('prepare'),
      ])
      .execute();
    return new Map(rows.map((r) => [r.name, { commit: BigInt(r.commit), prepare: BigInt(r.prepare) }]));
  }
}
