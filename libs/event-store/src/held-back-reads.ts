/**
 * Events committed but not yet readable: a store that reads only below the oldest transaction
 * still running (docs/adr/0003) shows them once that transaction ends. Any transaction on the
 * database server that has written something (in any database) holds them back while it is open.
 */
export interface HeldBackReads {
  /** When the oldest event that readers cannot see yet was recorded (by the database's clock). */
  readonly since: Date;
  /** How long that is now, in milliseconds. */
  readonly ageMs: number;
  /** How many committed events readers cannot see yet (counted up to `HELD_BACK_COUNT_LIMIT`). */
  readonly events: number;
  /** The running transactions older than that event, oldest first: what holds it back. */
  readonly transactions: readonly HoldingTransaction[];
}

/** A transaction still running on the database server that holds readers back. */
export interface HoldingTransaction {
  /** Its transaction id (xid8). */
  readonly xid: string;
  /** Its backend's process id (`pg_stat_activity.pid`; `pg_terminate_backend(pid)` ends it); null for a prepared transaction. */
  readonly pid: number | null;
  /** The database it runs in; null when the database role may not see it. */
  readonly database: string | null;
  /** When it began; null when the database role may not see it. */
  readonly startedAt: Date | null;
  /** Its backend's state (`idle in transaction`...), or `prepared` (two-phase commit, `gid` names it). */
  readonly state: string | null;
  readonly applicationName: string | null;
  /** A prepared transaction's global id (`ROLLBACK PREPARED 'gid'` ends it). */
  readonly gid?: string;
}

export const HELD_BACK_COUNT_LIMIT = 10_000;
