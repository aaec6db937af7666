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
   * Waits until this process holds the lease (a rebuild): while it waits, the holder sees it
   * wanted (`look`) and gives it up. Rejects after `timeoutMs`.
   */
  take(name: string, timeoutMs: number): Promise<void>;
  release(name: string): Promise<void>;
  /**
   * The leases this process still holds, and which of them another process waits for. Throws
   * when the session holding them is gone (then none are held any more).
   */
  look(): Promise<{ readonly held: ReadonlySet<string>; readonly wanted: ReadonlySet<string> }>;
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
  private readonly held = new Set<string>();
  async tryTake(name: string) {
    this.held.add(name);
    return true;
  }
  async take(name: string) {
    this.held.add(name);
  }
  async release(name: string) {
    this.held.delete(name);
  }
  async look() {
    return { held: new Set(this.held), wanted: new Set<string>() };
  }
  async close() {
    this.held.clear();
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

  async take(name: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // A waiting pg_advisory_lock is what the holder sees as "wanted"; it is asked in slices of
    // a second (the pool's statement timeout would end a longer wait) until it is granted.
    for (;;) {
      const taken = await this.run(async (db) => {
        await sql`set statement_timeout = 1000`.execute(db);
        try {
          await sql`select pg_advisory_lock(${LEASE_CLASS}::int, ${leaseKey(name)}::int)`.execute(db);
          return true;
        } catch (error) {
          if ((error as { code?: string }).code === '57014') return false; // statement timeout
          throw error;
        } finally {
          await sql`reset statement_timeout`.execute(db);
        }
      });
      if (taken) return;
      if (Date.now() > deadline) {
        throw new Error(
          `The projection ${name} was not given up by the process running it within ${timeoutMs / 1000} s`,
        );
      }
    }
  }

  release(name: string): Promise<void> {
    return this.run(async (db) => {
      await sql`select pg_advisory_unlock(${LEASE_CLASS}::int, ${leaseKey(name)}::int)`.execute(db);
    });
  }

  look() {
    return this.run(async (db) => {
      const { rows } = await sql<{ key: string; mine: boolean; granted: boolean }>`
        select objid::bigint::text as key, pid = pg_backend_pid() as mine, granted
        from pg_locks
        where locktype = 'advisory' and classid = ${LEASE_CLASS}::bigint::oid and objsubid = 2
          and database = (select oid from pg_database where datname = current_database())`.execute(db);
      const held = new Set<string>();
      const waiting = new Set<string>();
      for (const row of rows) {
        const name = this.byKey.get(Number(row.key) | 0); // oid (unsigned) to int4
        if (!name) continue;
        if (row.mine && row.granted) held.add(name);
        if (!row.granted) waiting.add(name);
      }
      return { held, wanted: new Set([...held].filter((name) => waiting.has(name))) };
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
        if ((error as { code?: string }).code !== '57014') {
          this.connection = undefined;
          connection.release(true);
        }
        throw error;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
