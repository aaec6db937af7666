import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import { ALL_PROJECTIONS, ProjectionRunner, listPlans, readModelMigrations } from '@app/read-models';
import { demoSeedsDir } from '@app/runtime';
import { createTestDatabase, readEverything, type TestDatabase } from '@app/testing';
import { generateWorkload, type WorkloadPhase } from './generate-workload.js';
import { parseScale } from './scale.js';
import { loadTextCorpus, type TextCorpus } from './text-corpus.js';
import { summariseWorkload, writeWorkload } from './write-workload.js';

const tiny = parseScale('tiny');

/** The first phases only (organisations and the first year), so the test writes a few thousand events. */
function* firstPhases(phases: Iterable<WorkloadPhase>, count: number): Generator<WorkloadPhase> {
  let n = 0;
  for (const phase of phases) {
    if (n++ >= count) return;
    yield phase;
  }
}

describe('workload generator', () => {
  let corpus: TextCorpus;
  let database: TestDatabase;
  beforeAll(async () => {
    corpus = loadTextCorpus(demoSeedsDir());
    database = await createTestDatabase();
    await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
    await migrateToLatest(database.db, 'read_model', readModelMigrations);
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('draws its texts from the seed documents', () => {
    expect(corpus.measureTexts.length).toBeGreaterThan(100);
    expect(corpus.goalTexts.length).toBeGreaterThan(20);
    expect(corpus.sectionTitles.length).toBeGreaterThan(20);
  });

  it('gives the same events for the same seed, and other events for another seed', () => {
    const a = summariseWorkload(generateWorkload({ seed: 7, scale: tiny, corpus }));
    const b = summariseWorkload(generateWorkload({ seed: 7, scale: tiny, corpus }));
    const c = summariseWorkload(generateWorkload({ seed: 8, scale: tiny, corpus }));
    expect(b.hash).toBe(a.hash);
    expect(c.hash).not.toBe(a.hash);
    // 1 national, 1 county, 1 local branch; a plan each for three periods.
    expect(a.streams).toBe(3 + 9);
    expect(a.events).toBeGreaterThan(5_000);
    for (const type of [
      'PlanCreated',
      'PlanAdopted',
      'PlanSuperseded',
      'MeasureReworded',
      'MeasureRetimed',
    ]) {
      expect(a.eventTypes[type]).toBeGreaterThan(0);
    }
    for (const type of ['MeasureReassigned', 'MeasureStruck', 'MeasureStatusChanged', 'ProgressNoted']) {
      expect(a.eventTypes[type]).toBeGreaterThan(0);
    }
  });

  it('writes through the port with expected revisions, and the projections read what it wrote', async () => {
    const store = new PostgresEventStore(database.db);
    const phases = () => firstPhases(generateWorkload({ seed: 7, scale: tiny, corpus }), 3);
    const expected = summariseWorkload(phases());
    const written = await writeWorkload(store, phases(), { concurrency: 3 });
    expect(written.hash).toBe(expected.hash);
    expect(written.events).toBe(expected.events);

    // What the store holds is what was generated, stream by stream.
    expect(await readEverything(store)).toHaveLength(expected.events);

    // Writing it again appends nothing: the event ids are derived from the command ids.
    await writeWorkload(store, phases());
    expect(await readEverything(store)).toHaveLength(expected.events);

    const runner = new ProjectionRunner(database.db, store, ALL_PROJECTIONS);
    await runner.rebuild();
    const plans = await listPlans(database.db);
    expect(plans.map((p) => p.id).sort()).toEqual([
      'partiet-2016-2019',
      'partiet-ostfold-2016-2019',
      'partiet-ostfold-lag-001-2016-2019',
    ]);
    expect(plans.every((p) => p.status === 'adopted' && p.adoptedRevision === 1)).toBe(true);
    await store.close();
  });
});
