import { Inject, Injectable } from '@nestjs/common';
import type { PlanverkConfig } from '@app/config';
import type { Database } from '@app/database';
import { EventStore, type HeldBackReads } from '@app/event-store';
import { ProjectionRunner, type ProjectionStatus } from '@app/read-models';
import { CONFIG, DATABASE } from '@app/runtime';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { sql } from 'kysely';

/** How long a check may take before its part counts as down. */
export const CHECK_TIMEOUT_MS = 3_000;
/** Reading the projections' lag counts up to 10,000 events per projection: it may take longer. */
const PROJECTIONS_TIMEOUT_MS = 10_000;
/** A projection this many events behind is `degraded` (reads are stale; the api still serves). */
export const LAG_DEGRADED_AT = 1_000;

/**
 * Reads held back this long make /health `degraded`: commands answer before their change is
 * visible. Writes held back for a moment are normal (a concurrent transaction, a large import
 * still committing); five seconds is what a command used to wait before answering anyway.
 */
export const HELD_BACK_DEGRADED_AT_MS = 5_000;

/**
 * The api's own health indicators for @nestjs/terminus: the database and the event store answer
 * (each within `CHECK_TIMEOUT_MS`), and how far each projection lags behind the event store.
 * A failure is reported as `down` with a short message of ours, never the driver's error (the
 * health routes are public; the error may name hosts and ports).
 */
@Injectable()
export class HealthIndicators {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(DATABASE) private readonly database: Database,
    private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    @Inject(CONFIG) private readonly config: PlanverkConfig,
  ) {}

  /** `database`: a `select 1` on the read models' (and, with the postgres store, the events') database. */
  databaseReachable() {
    return this.health
      .check('database')
      .attempt(() => notReachable(sql`select 1`.execute(this.database.db).then(() => undefined)))
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  /** `eventStore`: the store tells its head position. */
  eventStoreReachable() {
    return this.health
      .check('eventStore')
      .attempt(() => notReachable(this.store.headPosition().then(() => undefined)))
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  /** Each projection's checkpoint, the store's head and the lag between them; undefined if unreadable. */
  async readProjections(): Promise<ProjectionStatus[] | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), PROJECTIONS_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.projections.status(), timeout]);
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whether reads are held back by a running transaction now (`EventStore.heldBackReads`); `unreadable` when that cannot be read. */
  async readHeldBack(): Promise<HeldBackReads | undefined | 'unreadable'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'unreadable'>((resolve) => {
      timer = setTimeout(() => resolve('unreadable'), CHECK_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.store.heldBackReads(), timeout]);
    } catch {
      return 'unreadable';
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * `heldBack`: `up` while no committed event waits for a running transaction (or only briefly),
   * `degraded` once one has waited `HELD_BACK_DEGRADED_AT_MS`, with how long and the backends'
   * pids; `down` when it cannot be read.
   */
  heldBack(reading: HeldBackReads | undefined | 'unreadable'): HealthIndicatorResult {
    const session = this.health.check('heldBack');
    if (reading === 'unreadable') return session.down({ message: 'not readable' });
    if (!reading) return session.up({ ageMs: 0 });
    const data = {
      ageMs: reading.ageMs,
      events: reading.events,
      pids: reading.transactions.map((t) => t.pid).filter((pid) => pid !== null),
    };
    return reading.ageMs >= HELD_BACK_DEGRADED_AT_MS ? session.degraded(data) : session.up(data);
  }

  /**
   * `projection:<name>` for each projection: `up` with its lag, `degraded` from `LAG_DEGRADED_AT`
   * events behind, `down` when the lag cannot be read.
   */
  projectionLag(statuses: ProjectionStatus[] | undefined): HealthIndicatorResult {
    const results = this.projections.projections.map((projection) => {
      const session = this.health.check(`projection:${projection.name}`);
      const status = statuses?.find((s) => s.name === projection.name);
      if (!status) return session.down({ message: 'lag not readable' });
      const data = { lag: status.lag };
      return status.lag >= LAG_DEGRADED_AT ? session.degraded(data) : session.up(data);
    });
    return Object.assign({}, ...results) as HealthIndicatorResult;
  }

  /** The configured kinds, named in /health beside the checks. */
  kinds(): { database: string; eventStore: string } {
    return { database: this.config.database.kind, eventStore: this.config.eventStore.kind };
  }
}

async function notReachable(work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch {
    throw new Error('not reachable');
  }
}
