import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { migrateToLatest } from '@app/database';
import { PLAN_SNAPSHOT_VERSION } from '@app/domain';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import { PlanCommandRunner } from '@app/plans';
import { readModelMigrations } from '@app/read-models';
import { DatabaseStreamSnapshots } from '@app/runtime';
import { createTestDatabase, tablesOf, type TestDatabase } from '@app/testing';
import { create, envelope, now, retitle } from './plan-commands.js';

// A runner is a process: a new one has nothing in memory and starts from the stored snapshot.
describe('PlanCommandRunner with snapshots of long plan streams', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let snapshots: DatabaseStreamSnapshots;
  const firstRetitle = envelope();
  let firstOutcome: Awaited<ReturnType<PlanCommandRunner['run']>>;

  /** A plan of 1 + 2 + 120 events, written by one runner. */
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
    await migrateToLatest(database.db, 'read_model', readModelMigrations);
    store = new PostgresEventStore(database.db);
    snapshots = new DatabaseStreamSnapshots(database.db);
    const writer = new PlanCommandRunner(store, snapshots);
    await writer.run('p1', envelope(), create('p1'));
    await writer.run('p1', envelope(), {
      type: 'AddSection',
      sectionId: 's1',
      number: '1',
      title: 'Velgere',
      now,
    });
    await writer.run('p1', envelope(), {
      type: 'AddMeasure',
      measureId: 'm1',
      sectionId: 's1',
      text: 'Stand hver lørdag',
      responsible: ['FS'],
      now,
    });
    firstOutcome = await writer.run('p1', firstRetitle, retitle('Tittel 0'));
    for (let i = 1; i < 120; i++) await writer.run('p1', envelope(), retitle(`Tittel ${i}`));
  });
  afterAll(async () => {
    await store.close();
    await database.dispose();
  });

  const snapshotRow = () =>
    tablesOf(database)
      .selectFrom('stream_snapshots')
      .selectAll()
      .where('stream_id', '=', 'plan-p1')
      .executeTakeFirst();

  /** The store, counting the events its stream reads hand out. */
  const counting = () => {
    const counter = { read: 0 };
    const proxy = new Proxy(store, {
      get: (target, name, receiver) =>
        name === 'readStream'
          ? async (...args: Parameters<PostgresEventStore['readStream']>) => {
              const events = await target.readStream(...args);
              counter.read += events.length;
              return events;
            }
          : Reflect.get(target, name, receiver),
    });
    return { proxy, counter };
  };

  it('keeps a snapshot of a plan that has grown by a hundred events, and a new process decides on it', async () => {
    const row = await snapshotRow();
    expect(row).toMatchObject({ version: PLAN_SNAPSHOT_VERSION });
    expect(BigInt(row!.revision)).toBeGreaterThanOrEqual(99n);

    // A new process reads the snapshot and the events after it, not the plan's 123 events.
    const { proxy, counter } = counting();
    const fresh = new PlanCommandRunner(proxy, snapshots);
    const plain = new PlanCommandRunner(store);
    expect(await fresh.loadPlan('p1')).toStrictEqual(await plain.loadPlan('p1'));
    expect(counter.read).toBeLessThanOrEqual(123 - 99);
    const outcome = await fresh.run('p1', envelope(), retitle('Etter øyeblikksbildet'));
    expect(outcome).toMatchObject({ revision: 123n, appended: true });
    const [last] = await store.readStream('plan-p1', { fromRevision: 123n });
    expect(last!.data).toMatchObject({ from: 'Tittel 119', to: 'Etter øyeblikksbildet' });
  });

  it('answers a command retried from before the snapshot as the first time', async () => {
    const again = await new PlanCommandRunner(store, snapshots).run('p1', firstRetitle, retitle('Tittel 0'));
    expect(again).toMatchObject({ appended: false, position: firstOutcome.position });
    expect((await store.readStream('plan-p1')).filter((e) => e.type === 'PlanRetitled')).toHaveLength(121);
  });

  it('ignores a snapshot that no longer matches the stream, and one of another fold version', async () => {
    const expected = await new PlanCommandRunner(store).loadPlan('p1');
    // Stale: its last event is not the stream's (a store restored from a backup, say), and its
    // state is wrong; used, it would show the wrong title.
    const row = (await snapshotRow())!;
    const wrongState = { ...(row.state as Record<string, unknown>), title: 'Feil tittel' };
    await tablesOf(database)
      .updateTable('stream_snapshots')
      .set({ last_event_id: randomUUID(), state: JSON.stringify(wrongState) })
      .where('stream_id', '=', 'plan-p1')
      .execute();
    expect(await new PlanCommandRunner(store, snapshots).loadPlan('p1')).toStrictEqual(expected);

    await tablesOf(database)
      .updateTable('stream_snapshots')
      .set({ last_event_id: row.last_event_id, version: PLAN_SNAPSHOT_VERSION + 1 })
      .where('stream_id', '=', 'plan-p1')
      .execute();
    expect(await new PlanCommandRunner(store, snapshots).loadPlan('p1')).toStrictEqual(expected);
    // ...and the fold of the whole stream put a snapshot of this version back.
    expect(await snapshotRow()).toMatchObject({ version: PLAN_SNAPSHOT_VERSION });
    const restored = (await snapshotRow())!.state as Record<string, unknown>;
    expect(restored.title).toBe('Etter øyeblikksbildet');
  });
});
