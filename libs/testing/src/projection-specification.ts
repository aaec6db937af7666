import { expect } from '@jest/globals';
import { migrateToLatest, reservePostgresConnection, type ReservedConnection } from '@app/database';
import type { DomainEvent, PlanEvent } from '@app/domain';
import { eventIdFor, type EventMetadata, type RecordedEvent } from '@app/event-store';
import type {
  Projection,
  ReadModelDatabase,
  ReadModelTable,
  RebuildSession,
  RebuildTarget,
} from '@app/read-models';
import { sql, type Kysely, type Transaction } from 'kysely';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * An event of a projection spec: a domain event, with the stream it is in (`inStream`) and any
 * metadata that matters to the rule (`withMetadata`); the rest is filled in (see `recordedOf`).
 */
export type SpecEvent = DomainEvent & {
  readonly streamId?: string;
  readonly metadata?: Partial<EventMetadata>;
};

/** The events in one stream, so their revisions count 0, 1, 2... in that stream (as a plan's do). */
export const inStream = <E extends SpecEvent>(streamId: string, ...events: readonly E[]): E[] =>
  events.map((event) => ({ ...event, streamId }));

/** The events with this metadata (an actor, an effective date, a cause...). */
export const withMetadata = <E extends SpecEvent>(
  metadata: Partial<EventMetadata>,
  ...events: readonly E[]
): E[] => events.map((event) => ({ ...event, metadata: { ...event.metadata, ...metadata } }));

/** A bare domain event's stream: give plans, meetings and users streams of their own with `inStream`. */
const DEFAULT_STREAM = 'spec';

/**
 * The events as the store would hand them to the projection, in order: each stream's revisions
 * from 0, positions one after the other, and metadata a command would give them (one command
 * per event; recorded a minute apart from 2026-01-01T12:00Z, effective that day) unless the
 * spec says otherwise.
 */
export function recordedOf(events: readonly SpecEvent[]): RecordedEvent[] {
  const revisions = new Map<string, bigint>();
  return events.map((event, n) => {
    const streamId = event.streamId ?? DEFAULT_STREAM;
    const revision = revisions.get(streamId) ?? 0n;
    revisions.set(streamId, revision + 1n);
    const commandId = `spec-command-${n + 1}`;
    const recordedAt = new Date(Date.UTC(2026, 0, 1, 12, n)).toISOString();
    return {
      id: eventIdFor(commandId, 0),
      streamId,
      revision,
      position: { commit: BigInt(n + 1), prepare: 0n },
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: {
        actor: 'user:spec',
        commandId,
        correlationId: commandId,
        effectiveAt: recordedAt.slice(0, 10),
        recordedAt,
        ...event.metadata,
      },
    };
  });
}

type Row = Record<string, unknown>;
type Rows = Record<string, Row[]>;

/**
 * One way events reach a projection. The rows must come out the same every way: how the runner
 * cuts the events into batches is not the projection's business, and a rebuild from position 0
 * must give what applying the events as they came gave (Projection, RebuildSession).
 */
interface Delivery {
  readonly name: string;
  run(trx: Transaction<ReadModelDatabase>, given: RecordedEvent[], when: RecordedEvent[]): Promise<void>;
}

/**
 * given(events).when(events).then(table, rows), after emmett's PostgreSQLProjectionSpec (and
 * like the deciders' deciderSpecification): a projection test reads as the rule it checks.
 *
 * Every `then` runs the events through the projection's own `apply` on a real database (the
 * test database: PostgreSQL on DATABASE_URL, else PGlite), in a transaction that is rolled
 * back afterwards, so the scenarios of a file share one database and never see each other. It
 * delivers them several ways and expects the rows of each:
 * - the given events in one batch and the `when` events in the next (as the runner applies a
 *   command's events), or all in one when there is no `when`;
 * - one event a batch;
 * - with a rebuild session (`startRebuild`): all events taken, then written at once; and taken
 *   one at a time, each written before the next is taken (rows written, then changed); the
 *   last write is the one that ends the rebuild (`take(true)`).
 * Each must also leave exactly the rows of the first (every column of every table the
 * projection owns), so a spec checks that batches and rebuilds agree with event-by-event
 * application as a side effect of checking its rule.
 *
 * ```ts
 * const spec = projectionSpecification(organisationsProjection);
 * beforeAll(() => spec.open());
 * afterAll(() => spec.dispose());
 * it('keeps a declared body', () =>
 *   spec.given(registered('o1')).when(bodyDeclared('o1', 'FS')).then('rm_organisations', [{ ... }]));
 * ```
 */
export function projectionSpecification(projection: Projection) {
  let database: TestDatabase | undefined;
  let reserved: ReservedConnection<ReadModelDatabase> | undefined;
  let loaded: typeof import('@app/read-models') | undefined;
  const readModels = () => {
    if (!loaded) throw new Error('projectionSpecification: call open() first (in beforeAll)');
    return loaded;
  };

  const deliveries: Delivery[] = [
    {
      name: 'given and when as two batches',
      run: async (trx, given, when) => {
        for (const batch of [given, when]) await applyBatch(projection, trx, batch);
      },
    },
    {
      name: 'one event a batch',
      run: async (trx, given, when) => {
        for (const event of [...given, ...when]) await applyBatch(projection, trx, [event]);
      },
    },
  ];
  if (projection.startRebuild) {
    const startRebuild = projection.startRebuild.bind(projection);
    // Written as a rebuild writes: by COPY on the transaction's own connection (multi-row inserts on PGlite).
    const target = (trx: Transaction<ReadModelDatabase>): RebuildTarget =>
      readModels().rebuildTarget(trx, reserved);
    deliveries.push(
      {
        name: 'a rebuild session writing once',
        run: async (trx, given, when) => {
          const session: RebuildSession = startRebuild();
          for (const batch of [given, when]) if (batch.length > 0) session.add(batch);
          await (
            await session.take(true)
          )(target(trx));
        },
      },
      {
        name: 'a rebuild session writing after every event',
        run: async (trx, given, when) => {
          const session: RebuildSession = startRebuild();
          const events = [...given, ...when];
          for (const [i, event] of events.entries()) {
            session.add([event]);
            await (
              await session.take(i === events.length - 1)
            )(target(trx));
          }
          // The write that ends a rebuild, as the runner makes it even with nothing taken since.
          if (events.length === 0 && session.writesAtTheEnd) await (await session.take(true))(target(trx));
        },
      },
    );
  }

  /** The connection the scenarios run on: one of its own on PostgreSQL, so COPY joins the transaction. */
  const db = (): Kysely<ReadModelDatabase> => {
    if (!database) throw new Error('projectionSpecification: call open() first (in beforeAll)');
    return reserved?.db ?? (database.db as Kysely<ReadModelDatabase>);
  };

  /** Runs `check` after each delivery of the events, each in a transaction rolled back afterwards. */
  async function everyWay(
    given: RecordedEvent[],
    when: RecordedEvent[],
    check: (trx: Transaction<ReadModelDatabase>) => Promise<void>,
  ): Promise<void> {
    let first: { name: string; rows: Rows } | undefined;
    for (const delivery of deliveries) {
      const trx = await db().startTransaction().execute();
      try {
        await delivery.run(trx, given, when);
        const rows = await rowsOf(trx, projection.tables);
        await saying(`Delivered as ${delivery.name}`, () => check(trx));
        if (first) {
          await saying(`Delivered as ${delivery.name}, every row as ${first.name} left them`, async () =>
            expect(rows).toEqual(first!.rows),
          );
        } else first = { name: delivery.name, rows };
      } finally {
        await trx.rollback().execute();
      }
    }
  }

  function outcome(given: readonly SpecEvent[], when: readonly SpecEvent[]) {
    const recorded = recordedOf([...given, ...when]);
    const givenRecorded = recorded.slice(0, given.length);
    const whenRecorded = recorded.slice(given.length);
    return {
      /**
       * The table holds exactly these rows, in any order; of each, only the columns the expected
       * row names are compared (JSON columns as values, int8 as text).
       */
      then(table: ReadModelTable, expected: readonly Row[]): Promise<void> {
        return everyWay(givenRecorded, whenRecorded, async (trx) => {
          expectRows((await rowsOf(trx, [table]))[table]!, expected.map(normalise));
        });
      },
      /** These tables (by default every table of the projection) hold no rows. */
      thenNoRows(...tables: ReadModelTable[]): Promise<void> {
        return everyWay(givenRecorded, whenRecorded, async (trx) => {
          const rows = await rowsOf(trx, tables.length > 0 ? tables : projection.tables);
          expect(rows).toEqual(Object.fromEntries(Object.keys(rows).map((table) => [table, []])));
        });
      },
      /** A query of the read model answers `expected` (compared with toEqual). */
      thenQuery<T>(query: (db: Kysely<ReadModelDatabase>) => Promise<T>, expected: T): Promise<void> {
        return everyWay(givenRecorded, whenRecorded, async (trx) => {
          expect(await query(trx)).toEqual(expected);
        });
      },
    };
  }

  return {
    /** A fresh test database with the read models' tables (in beforeAll). */
    async open(): Promise<void> {
      database = await createTestDatabase();
      // Loaded here, not imported at the top: the unit tier loads @app/testing (deciderSpecification)
      // and has no use for the read models.
      loaded = await import('@app/read-models');
      await migrateToLatest(database.db, 'read_model', loaded.readModelMigrations);
      reserved = await reservePostgresConnection(database.db as Kysely<ReadModelDatabase>);
    },
    /** Drops the test database (in afterAll). */
    async dispose(): Promise<void> {
      reserved?.release();
      reserved = undefined;
      await database?.dispose();
      database = undefined;
    },
    /** The history before the events of the rule (nothing: `given()`). */
    given(...given: ReadonlyArray<SpecEvent | readonly SpecEvent[]>) {
      const givenEvents = given.flat();
      return {
        ...outcome(givenEvents, []),
        /** The events the rule is about, applied after the given ones (in a batch of their own). */
        when: (...when: ReadonlyArray<SpecEvent | readonly SpecEvent[]>) => outcome(givenEvents, when.flat()),
      };
    },
  };
}

export type ProjectionSpecification = ReturnType<typeof projectionSpecification>;

/** As the runner applies a batch: not at all when the projection handles none of its events. */
async function applyBatch(
  projection: Projection,
  trx: Transaction<ReadModelDatabase>,
  batch: readonly RecordedEvent[],
): Promise<void> {
  const handles = projection.handles;
  if (batch.length === 0 || (handles && !batch.some((event) => handles(event)))) return;
  await projection.apply(trx, batch);
}

/** Every row of the tables, sorted, so two deliveries compare regardless of row order. */
async function rowsOf(trx: Transaction<ReadModelDatabase>, tables: readonly ReadModelTable[]): Promise<Rows> {
  const out: Rows = {};
  for (const table of tables) {
    const { rows } = await sql<Row>`select * from ${sql.table(table)}`.execute(trx);
    out[table] = sortRows(rows.map(normalise));
  }
  return out;
}

/** Values as both drivers give them, and as a spec writes them: JSON text parsed, numbers of int8 as text. */
function normalise(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [column, normaliseValue(value)]));
}

function normaliseValue(value: unknown): unknown {
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

const pick = (row: Row, columns: readonly string[]): Row =>
  Object.fromEntries(columns.map((column) => [column, row[column]]));

const matches = (actual: Row, expected: Row): boolean => {
  try {
    expect(pick(actual, Object.keys(expected))).toEqual(expected);
    return true;
  } catch {
    return false;
  }
};

/**
 * Each expected row matches a row of its own among `actual` on the columns it names, and no
 * row is left over. On failure the diff shows each expected row beside the row it matched (or
 * the next one left, on the expected row's columns), and every row left over in full.
 */
function expectRows(actual: readonly Row[], expected: readonly Row[]): void {
  const left = [...actual];
  const found = expected.map((want) => {
    const i = left.findIndex((row) => matches(row, want));
    return i < 0 ? undefined : left.splice(i, 1)[0];
  });
  if (left.length === 0 && found.every((row) => row !== undefined)) return;
  const shown = expected.map((want, i) => {
    const row = found[i] ?? left.shift();
    return row === undefined ? undefined : pick(row, Object.keys(want));
  });
  expect([...shown, ...left]).toEqual(expected);
}

const sortRows = (rows: readonly Row[]): Row[] =>
  rows
    .map((row) => ({ row, key: JSON.stringify(row) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);

/** Runs an expectation, its failure prefixed with what was being checked. */
async function saying(what: string, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof Error) error.message = `${what}:\n${error.message}`;
    throw error;
  }
}

/**
 * Typed events of one stream: `const kari = streamEvents<UserEvent>('user-kari');
 * kari('RoleGranted', { userId: 'kari', organisationId: 'oslo', role: 'secretary' })`.
 */
export const streamEvents =
  <E extends DomainEvent>(streamId: string) =>
  <T extends E['type']>(
    type: T,
    data: Extract<E, { type: T }>['data'],
    metadata?: Partial<EventMetadata>,
  ): SpecEvent => ({
    type,
    data,
    streamId,
    ...(metadata ? { metadata } : {}),
  });

type PlanEventData<T extends PlanEvent['type']> = Omit<Extract<PlanEvent, { type: T }>['data'], 'planId'>;

/**
 * The events of one plan, in its own stream (so their revisions are the plan's):
 * `const p1 = planEvents('p1'); p1('MeasureReworded', { measureId: 'm1', from: 'Verve', to: 'Verve flere' })`.
 */
export const planEvents =
  (planId: string) =>
  <T extends PlanEvent['type']>(
    type: T,
    data: PlanEventData<T>,
    metadata?: Partial<EventMetadata>,
  ): SpecEvent => ({
    type,
    data: { ...data, planId },
    streamId: `plan-${planId}`,
    ...(metadata ? { metadata } : {}),
  });
