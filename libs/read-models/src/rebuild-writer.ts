import { reservePostgresConnection, type CopyValue, type ReservedConnection } from '@app/database';
import { START, comparePositions, formatPosition, type Position, type RecordedEvent } from '@app/event-store';
import { sql, type Kysely, type Transaction } from 'kysely';
import { lockCheckpoint, saveCheckpoint } from './checkpoints/checkpoints.js';
import type { Projection, RebuildSession, RebuildTarget } from './projection.js';
import type { ReadModelDatabase, ReadModelTable } from './read-model-database.js';
import { useRebuildSchema } from './rebuild-schema.js';

/** A projection without `startRebuild`: its `apply` with each batch the rebuild reads. */
class ApplyInBatches implements RebuildSession {
  readonly writeEvery = 1;
  private events: RecordedEvent[] = [];

  constructor(private readonly projection: Projection) {}

  add(events: readonly RecordedEvent[]): void {
    for (const event of events) this.events.push(event);
  }

  take(): (target: RebuildTarget) => Promise<void> {
    const events = this.events;
    this.events = [];
    return ({ trx }) => this.projection.apply(trx, events);
  }
}

/**
 * One projection's side of a rebuild from position 0: feeds its session and writes what the
 * session holds every `writeEvery` events, with the checkpoint, in one transaction into the
 * rebuild's own tables beside the live ones (`REBUILD_SCHEMA`) (on a
 * connection of its own for a projection with a rebuild session, which may COPY). One write
 * commits at a time, and one more may wait for it, while the next events are folded.
 */
export class RebuildWriter {
  /** The checkpoint this rebuild last committed. */
  private written: Position = START;
  private held = 0;
  private heldUpTo: Position = START;
  /** The last write queued (each starts when the one before it has committed). */
  private writing: Promise<void>;
  /** The write queued before the last one: `add` waits for it, so at most two are under way. */
  private before: Promise<void> = Promise.resolve();

  private constructor(
    readonly projection: Projection,
    private readonly session: RebuildSession,
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly reserved: ReservedConnection<ReadModelDatabase> | undefined,
    tablesReady: Promise<void>,
  ) {
    // Events are taken (and folded) while the rebuild's tables are still being created; the
    // first write waits for them.
    this.writing = tablesReady;
    this.writing.catch(() => undefined); // awaited by the first write or by finish
  }

  /** A writer for `projection`, whose first write waits until `tablesReady` (the rebuild schema) resolves. */
  static async open(
    db: Kysely<ReadModelDatabase>,
    projection: Projection,
    tablesReady: Promise<void> = Promise.resolve(),
  ): Promise<RebuildWriter> {
    if (!projection.startRebuild)
      return new RebuildWriter(projection, new ApplyInBatches(projection), db, undefined, tablesReady);
    // A connection of its own, for COPY inside its transactions.
    const reserved = await reservePostgresConnection(db);
    return new RebuildWriter(
      projection,
      projection.startRebuild(),
      reserved?.db ?? db,
      reserved,
      tablesReady,
    );
  }

  get name(): string {
    return this.projection.name;
  }

  /** Takes the next batch (which ends at `upTo`); writes when enough is held. */
  async add(batch: readonly RecordedEvent[], upTo: Position): Promise<void> {
    this.session.add(batch);
    this.held += batch.length;
    this.heldUpTo = upTo;
    if (this.held >= this.session.writeEvery) await this.write();
  }

  /** Writes what is still held and waits until it is committed. */
  async finish(): Promise<void> {
    if (this.held > 0 || this.session.writesAtTheEnd) await this.write(true);
    await this.writing;
  }

  async close(): Promise<void> {
    const failed = await this.writing.then(
      () => false,
      () => true,
    );
    // A connection whose write failed may be broken (the server went away): not back to the pool.
    this.reserved?.release(failed);
  }

  private async write(last = false): Promise<void> {
    // At most two writes under way (the next events are folded while one commits and the other
    // waits, and the first ones while the tables are created); a failure ends the rebuild here.
    await this.before;
    const work = this.session.take(last);
    const upTo = this.heldUpTo;
    this.held = 0;
    // Each write after the one before it has committed: checkpoints move in order.
    this.before = this.writing;
    // What the session still prepares (lineage scoring) goes on meanwhile, outside any transaction.
    this.writing = this.writing.then(async () => this.commit(await work, upTo));
    this.writing.catch(() => undefined); // awaited by a later write or by finish
  }

  private async commit(work: (target: RebuildTarget) => Promise<void>, upTo: Position): Promise<void> {
    const name = this.projection.name;
    await this.db.transaction().execute(async (trx) => {
      await useRebuildSchema(trx);
      const checkpoint = await lockCheckpoint(trx, name);
      // The session holds rows in memory: only right while nobody else writes the rebuilt tables.
      if (comparePositions(checkpoint, this.written) !== 0) {
        throw new Error(
          `The rebuilt tables of projection ${name} were moved to ${formatPosition(checkpoint)} by another rebuild; rebuild again`,
        );
      }
      // Asynchronous commit (docs/adr/0007): a crash may lose the last few commits, each with
      // its checkpoint, never rows without their checkpoint; the next start goes on from the
      // checkpoint that was kept, as after any crash mid-rebuild.
      await sql`set local synchronous_commit = off`.execute(trx);
      await work(rebuildTarget(trx, this.reserved));
      await saveCheckpoint(trx, name, upTo);
    });
    this.written = upTo;
  }
}

/**
 * Where a rebuild session writes in `trx`: by COPY on `reserved`, the connection `trx` runs on
 * (PostgreSQL), else by multi-row inserts (PGlite).
 */
export function rebuildTarget(
  trx: Transaction<ReadModelDatabase>,
  reserved: Pick<ReservedConnection<ReadModelDatabase>, 'copyRows'> | undefined,
): RebuildTarget {
  return {
    trx,
    insertRows: reserved
      ? (table, columns, rows) => reserved.copyRows(table, columns, rows)
      : (table, columns, rows) => insertRows(trx, table, columns, rows),
  };
}

/**
 * Multi-row inserts (PGlite, which has no COPY FROM STDIN here): the statement kysely builds
 * for rows of these columns (names quoted, values as parameters), written with `sql` because
 * the table is only known at run time.
 */
async function insertRows(
  trx: Kysely<ReadModelDatabase>,
  table: ReadModelTable,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  // PostgreSQL takes at most 65535 parameters per statement.
  const chunk = Math.floor(60_000 / columns.length);
  for (let i = 0; i < rows.length; i += chunk) {
    const values = rows
      .slice(i, i + chunk)
      .map(
        (row) =>
          sql`(${sql.join(row.map((value) => (typeof value === 'bigint' ? String(value) : (value ?? null))))})`,
      );
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(values)}`.execute(
      trx,
    );
  }
}
