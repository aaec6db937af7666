import { reservePostgresConnection, type ReservedConnection } from '@app/database';
import { sql, type Kysely } from 'kysely';

/**
 * Which process runs which projection, across every process on one database: a lease per
 * projection, a PostgreSQL advisory lock held by one session of the holder (docs/adr/0018).
 * When the holder dies its session ends and PostgreSQL lets the lock go; another process takes
 * it on its next look (`LEASE_LOOK_MS`). The leases only keep the work from being done twice:
 * that no event is applied twice rests on the checkpoint, locked in every batch transaction.
 */
export interface ProjectionLeases {
  /** Takes the lease if nobody holds it; true when this process holds it now. */
  tryTake(name: string): Promise<boolean>;
  /**
   * The leases this process still holds. Throws when the session holding them is gone (then
   * none are held any more).
   */
  held(): Promise<ReadonlySet<string>>;
  close(): Promise<void>;
}

/** How often a process looks for leases nobody holds, and checks the ones it holds. */
export const LEASE_LOOK_MS = 1_000;

/** The first of the two advisory-lock keys: "plan" in ASCII, so Planverk's locks are told apart. */
const LEASE_CLASS = 0x706c616e;

/** The second key: a projection's name as a 32-bit FNV-1a hash (signed, as PostgreSQL's int4). */
export function leaseKey(name: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * The leases on PostgreSQL: one connection of the pool reserved for them, opened on first use
 * and again after it broke. On PGlite (one process per data directory) every lease is granted.
 */
export async function openProjectionLeases<DB>(
  db: Kysely<DB>,
  names: readonly string[],
): Promise<ProjectionLeases> {
  const probe = await reservePostgresConnection(db);
  if (!probe) return new SingleProcessLeases();
  return new AdvisoryLockLeases(db, names, probe);
}

class SingleProcessLeases implements ProjectionLeases {
  private readonly taken = new Set<string>();
  async tryTake(name: string) {
    this.taken.add(name);
    return true;
  }
  async held() {
    return new Set(this.taken);
  }
  async close() {
    this.taken.clear();
  }
}

class AdvisoryLockLeases<DB> implements ProjectionLeases {
  private readonly byKey = new Map<number, string>();
  private connection: ReservedConnection<DB> | undefined;
  /** Statements on the one connection, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Kysely<DB>,
    names: readonly string[],
    first: ReservedConnection<DB>,
  ) {
    for (const name of names) this.byKey.set(leaseKey(name), name);
    this.connection = first;
  }

  tryTake(name: string): Promise<boolean> {
    return this.run(async (db) => {
      const { rows } = await sql<{ taken: boolean }>`
        select pg_try_advisory_lock(${LEASE_CLASS}::int, ${leaseKey(name)}::int) as taken`.execute(db);
      return rows[0]!.taken;
    });
  }

  held() {
    return this.run(async (db) => {
      const { rows } = await sql<{ key: string }>`
        select objid::bigint::text as key from pg_locks
        where locktype = 'advisory' and classid = ${LEASE_CLASS}::bigint::oid and objsubid = 2
          and pid = pg_backend_pid() and granted`.execute(db);
      const held = new Set<string>();
      for (const row of rows) {
        const name = this.byKey.get(Number(row.key) | 0); // oid (unsigned) to int4
        if (name) held.add(name);
      }
      return held;
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    // Ending the session lets every lock it holds go at once.
    this.connection?.release(true);
    this.connection = undefined;
  }

  /**
   * Runs `work` on the lease connection after what is already queued. A failure of the
   * connection ends it (and with it every lease it held): the next call opens a new one.
   */
  private run<T>(work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.connection ??= await reservePostgresConnection(this.db);
      const connection = this.connection!;
      try {
        return await work(connection.db);
      } catch (error) {
        this.connection = undefined;
        connection.release(true);
        throw error;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
