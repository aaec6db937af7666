import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@app/database';
import { EventStore } from '@app/event-store';
import { ProjectionRunner, rebuildsInProgress, type ReadModelDatabase } from '@app/read-models';
import { DATABASE } from '@app/runtime';
import type { Kysely } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds: from a read-your-writes answer in milliseconds to a command held back at its bound. */
const COMMAND_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The process's Prometheus metrics (prom-client), one registry per app: what it served
 * (commands: rate, outcome and latency), and, read when scraped, how far each projection lags,
 * which ones this process runs, how long reads have been held back by a running transaction,
 * and how far a rebuild has come. Every process of a deployment serves its own at GET /metrics.
 */
@Injectable()
export class PlanverkMetrics {
  readonly registry = new Registry();
  private readonly commandSeconds: Histogram<'route' | 'status'>;
  private readonly commandsTotal: Counter<'route' | 'status'>;

  constructor(projections: ProjectionRunner, store: EventStore, @Inject(DATABASE) database: Database) {
    const db = database.db as Kysely<ReadModelDatabase>;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'planverk_' });
    this.commandsTotal = new Counter({
      name: 'planverk_commands_total',
      help: 'Commands (write requests) answered, by route pattern and HTTP status',
      labelNames: ['route', 'status'],
      registers,
    });
    this.commandSeconds = new Histogram({
      name: 'planverk_command_duration_seconds',
      help: 'Time to answer a command (write request), including the wait for its read models',
      labelNames: ['route', 'status'],
      buckets: COMMAND_SECONDS,
      registers,
    });
    new Gauge({
      name: 'planverk_projection_lag_events',
      help: 'Events stored but not yet applied by each projection (counted up to 10,000)',
      labelNames: ['projection'],
      registers,
      async collect() {
        for (const status of await projections.status()) this.set({ projection: status.name }, status.lag);
      },
    });
    new Gauge({
      name: 'planverk_projection_running',
      help: 'Whether this process runs the projection now (holds its lease): 1 or 0',
      labelNames: ['projection'],
      registers,
      collect() {
        const running = new Set(projections.running());
        for (const { name } of projections.projections)
          this.set({ projection: name }, running.has(name) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'planverk_reads_held_back_seconds',
      help: 'How long committed events have waited for a transaction still running on the database server (0: none)',
      registers,
      async collect() {
        const heldBack = await store.heldBackReads();
        this.set(heldBack ? heldBack.ageMs / 1000 : 0);
      },
    });
    new Gauge({
      name: 'planverk_rebuild_progress_ratio',
      help: 'How far the rebuild running on the database (planverk projections rebuild) has come, per projection: 0 to 1 (absent: none runs)',
      labelNames: ['projection'],
      registers,
      async collect() {
        this.reset();
        for (const { projection, ratio } of await rebuildsInProgress(db, store))
          this.set({ projection }, ratio);
      },
    });
    new Gauge({
      name: 'planverk_reads_held_back_events',
      help: 'Committed events readers cannot see yet because of a running transaction (counted up to 10,000)',
      registers,
      async collect() {
        this.set((await store.heldBackReads())?.events ?? 0);
      },
    });
  }

  /** A command answered: its route pattern (`/plans/:id/measures`), HTTP status and duration. */
  commandAnswered(route: string, status: number, seconds: number): void {
    const labels = { route, status: String(status) };
    this.commandsTotal.inc(labels);
    this.commandSeconds.observe(labels, seconds);
  }
}
