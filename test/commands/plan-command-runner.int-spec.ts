import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import { ExpectedRevisionConflict, type EventStore } from '@app/event-store';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { PlanCommandRunner, type CommandEnvelope } from '@app/plans';
import { create, envelope, retitle } from './plan-commands.js';

// Two runners on one store stand for two processes (the api and the CLI): each keeps its own
// folded plans, and neither may decide on a state the other has moved past.
describe('PlanCommandRunner with folded plans kept between commands', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let api: PlanCommandRunner;
  let cli: PlanCommandRunner;

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
    store = new PostgresEventStore(database.db);
    api = new PlanCommandRunner(store);
    cli = new PlanCommandRunner(store);
  });
  afterAll(async () => {
    await store.close();
    await database.dispose();
  });

  it("sees the other process's changes before deciding", async () => {
    await api.run('p1', envelope(), create('p1'));
    await api.run('p1', envelope(), retitle('Første tittel'));
    await cli.run('p1', envelope(), retitle('Andre tittel'));

    const outcome = await api.run('p1', envelope(), retitle('Tredje tittel'));
    expect(outcome).toMatchObject({ revision: 3n, appended: true });
    const retitled = (await store.readStream('plan-p1')).filter((e) => e.type === 'PlanRetitled');
    expect(retitled.map((e) => e.data)).toEqual([
      expect.objectContaining({ from: 'Arbeidsprogram', to: 'Første tittel' }),
      expect.objectContaining({ from: 'Første tittel', to: 'Andre tittel' }),
      expect.objectContaining({ from: 'Andre tittel', to: 'Tredje tittel' }),
    ]);
    const plan = await api.loadPlan('p1');
    expect(plan.status !== 'none' && plan.title).toBe('Tredje tittel');
  });

  it('answers a retried command as the first time, also in the other process', async () => {
    await api.run('p2', envelope(), create('p2'));
    const retry = envelope();
    const first = await api.run('p2', retry, retitle('Ny tittel'));
    await api.run('p2', envelope(), retitle('Enda nyere tittel'));

    for (const runner of [api, cli]) {
      const again = await runner.run('p2', retry, retitle('Ny tittel'));
      expect(again).toMatchObject({ appended: false, position: first.position });
    }
    expect(await store.readStream('plan-p2')).toHaveLength(3);
  });

  /** Two runners (processes) whose appends wait until both have decided: a forced race. */
  function racingRunners(): [PlanCommandRunner, PlanCommandRunner] {
    let arrived = 0;
    let bothDecided!: () => void;
    const gate = new Promise<void>((resolve) => (bothDecided = resolve));
    const gated = (): EventStore =>
      new Proxy(store, {
        get: (target, name, receiver) =>
          name === 'appendToStream'
            ? async (...args: Parameters<EventStore['appendToStream']>) => {
                if (++arrived === 2) bothDecided();
                if (arrived <= 2) await gate;
                return target.appendToStream(...args);
              }
            : Reflect.get(target, name, receiver),
      });
    return [new PlanCommandRunner(gated()), new PlanCommandRunner(gated())];
  }

  it('tells a client that named the revision it saw that the plan changed since', async () => {
    await api.run('p3', envelope(), create('p3'));
    const [one, two] = racingRunners();
    const seen = (): CommandEnvelope => ({ ...envelope(), expectedRevision: 0n });
    const results = await Promise.allSettled([
      one.run('p3', seen(), retitle('Fra api')),
      two.run('p3', seen(), retitle('Fra cli')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(ExpectedRevisionConflict);
    expect((await store.readStream('plan-p3')).filter((e) => e.type === 'PlanRetitled')).toHaveLength(1);
  });

  it('decides again on the newer plan when a command without a revision loses a race', async () => {
    await api.run('p4', envelope(), create('p4'));
    const [one, two] = racingRunners();
    const results = await Promise.allSettled([
      one.run('p4', envelope(), retitle('Fra api')),
      two.run('p4', envelope(), retitle('Fra cli')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const titles = (await store.readStream('plan-p4')).filter((e) => e.type === 'PlanRetitled');
    // The second was decided on the first: its "from" is the title the first one set.
    expect(titles.map((e) => [e.data.from, e.data.to])).toEqual([
      ['Arbeidsprogram', expect.any(String)],
      [titles[0]!.data.to, expect.any(String)],
    ]);
  });

  it('keeps deciding correctly for more plans than it keeps folded', async () => {
    const runner = new PlanCommandRunner(store);
    const ids = Array.from({ length: 300 }, (_, i) => `many-${i}`);
    for (const id of ids) await runner.run(id, envelope(), create(id));
    for (const id of ids) await runner.run(id, envelope(), retitle(`Tittel ${id}`));
    const first = await runner.loadPlan(ids[0]!);
    const last = await runner.loadPlan(ids[299]!);
    expect(first.status !== 'none' && first.title).toBe('Tittel many-0');
    expect(last.status !== 'none' && last.title).toBe('Tittel many-299');
  });
});
