import type { CopyValue } from '@app/database';
import type { RecordedEvent } from '@app/event-store';
import type { Transaction } from 'kysely';
import type { ReadModelDatabase, ReadModelTable } from './read-model-database.js';

/**
 * A read model fed by events. `apply` runs inside the transaction that also moves the
 * projection's checkpoint, so rows and checkpoint commit together (exactly once).
 * It must be deterministic: a rebuild from position 0 gives byte-identical rows.
 */
export interface Projection {
  readonly name: string;
  /** The tables it owns, emptied by a rebuild. */
  readonly tables: readonly ReadModelTable[];
  /**
   * Secondary indexes of its tables that a rebuild from position 0 drops before writing and
   * creates again at the end (docs/adr/0007). Not primary keys or unique constraints.
   */
  readonly deferredIndexes?: readonly string[];
  /**
   * False: a command's answer does not wait for this projection (read-your-writes). Only for a
   * read model whose readers check that it has caught up and read around it when not (plan-now).
   */
  readonly awaitedByWrites?: boolean;
  /**
   * While commands keep coming, gather them for this many milliseconds between batches, and
   * for twice as long as the last batch took if longer (see SubscribeOptions.gather): for a read
   * model whose every batch rewrites large rows, and whose readers read around it while it is
   * behind (plan-now). It then takes a third of the process's time at most, however busy. Nobody
   * waits for it meanwhile unless they ask (caughtUpTo with `every`), which ends the gathering.
   */
  readonly gatherMs?: number;
  apply(trx: Transaction<ReadModelDatabase>, events: readonly RecordedEvent[]): Promise<void>;
  /**
   * Whether `apply` does anything with the event. A batch with nothing for the projection only
   * moves its checkpoint (one statement, no transaction): most commands concern one read model.
   * Without it, every batch is applied.
   */
  handles?(event: RecordedEvent): boolean;
  /**
   * A faster way to write the rows during a rebuild from position 0 (empty tables, events from
   * the first on). Without it, the rebuild calls `apply` with batches of events.
   */
  startRebuild?(): RebuildSession;
}

/**
 * A projection being rebuilt from position 0: takes the events in order into memory and writes
 * what it holds when the runner asks, in the transaction that moves its checkpoint to the last
 * event taken. Its rows must come out as `apply` would have left them.
 */
export interface RebuildSession {
  /** The runner writes once this many events have been taken since the last write (and at the end). */
  readonly writeEvery: number;
  /** Takes the next events, in order. */
  add(events: readonly RecordedEvent[]): void;
  /**
   * Hands over what was taken since the last write, and starts afresh: `add` may go on while
   * the returned work writes it (so it must not share mutable state with later `add`s). `last`
   * is true for the write that ends the rebuild. Work that takes time before it can write (a
   * promise of the writing) is done before the write's transaction begins: an open write
   * transaction holds back every reader of the event store on the server (docs/adr/0003).
   */
  take(last?: boolean): RebuildWrite | Promise<RebuildWrite>;
  /**
   * True when the last write holds rows of its own even with no event taken since the write
   * before (rows made once from everything taken, such as plan-now's lineage suggestions).
   */
  readonly writesAtTheEnd?: boolean;
}

/** What a rebuild session writes, in the transaction that moves its checkpoint. */
export type RebuildWrite = (target: RebuildTarget) => Promise<void>;

/** Where a rebuild session writes: the batch transaction, and bulk inserts into it. */
export interface RebuildTarget {
  readonly trx: Transaction<ReadModelDatabase>;
  /** Inserts the rows (values in `columns` order; JSON as text) in the transaction, by COPY where it can. */
  insertRows(
    table: ReadModelTable,
    columns: readonly string[],
    rows: readonly (readonly CopyValue[])[],
  ): Promise<void>;
}
