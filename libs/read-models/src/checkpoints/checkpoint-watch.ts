import { START, comparePositions, type Position } from '@app/event-store';
import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from '../read-model-database.js';

/** How often the checkpoints are read while somebody waits for one. */
const WATCH_INTERVAL_MS = 20;

interface Waiter {
  readonly name: string;
  readonly target: Position;
  readonly resolve: () => void;
}

/**
 * Waits for a projection another process runs (an api replica's read-your-writes, a CLI
 * command's catch-up): its checkpoint is read from the database, one query for every waiter,
 * every `WATCH_INTERVAL_MS` while anybody waits and never otherwise.
 */
export class CheckpointWatch {
  private readonly waiting = new Set<Waiter>();
  private watching = false;

  constructor(private readonly db: Kysely<ReadModelDatabase>) {}

  /** Resolves once the projection's checkpoint is at `target` or beyond; rejects after `timeoutMs`. */
  reached(name: string, target: Position, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        name,
        target,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiting.delete(waiter);
        reject(new Error(`The projection ${name} did not reach the position within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.add(waiter);
      void this.watch();
    });
  }

  private async watch(): Promise<void> {
    if (this.watching) return;
    this.watching = true;
    try {
      while (this.waiting.size > 0) {
        const checkpoints = await this.read().catch(() => undefined);
        for (const waiter of checkpoints ? this.waiting : []) {
          // No row yet: the projection has applied nothing (the start).
          const at = checkpoints!.get(waiter.name) ?? START;
          if (comparePositions(at, waiter.target) >= 0) {
            this.waiting.delete(waiter);
            waiter.resolve();
          }
        }
        if (this.waiting.size > 0) await new Promise((r) => setTimeout(r, WATCH_INTERVAL_MS));
      }
    } finally {
      this.watching = false;
    }
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
