import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import { createTestDatabase, readEverything, registerOrganisation, type TestDatabase } from '@app/testing';
import { sql, type Kysely } from 'kysely';
import { readModelMigrations } from './migrations/index.js';
import { organisationsProjection } from './organisations/organisations.projection.js';
import type { ReadModelDatabase } from './read-model-database.js';
import { rebuildsInProgress } from './rebuild-progress.js';
import { REBUILD_SCHEMA, dropRebuildSchemas, liveSchema, prepareRebuildSchema } from './rebuild-schema.js';

/** What /metrics reads as planverk_rebuild_progress_ratio: the rebuild's own checkpoints against the head. */
describe('rebuildsInProgress', () => {
  let database: TestDatabase;
  let db: Kysely<ReadModelDatabase>;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db as Kysely<ReadModelDatabase>;
    await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
    await migrateToLatest(database.db, 'read_model', readModelMigrations);
    store = new PostgresEventStore(database.db);
    for (let i = 0; i < 10; i++) await registerOrganisation(store, `o${i}`);
  });
  afterAll(async () => {
    await store.close();
    await database.dispose();
  });

  it('is empty with no rebuild, then follows the rebuilt checkpoint from 0 to 1, and is empty once it is done', async () => {
    expect(await rebuildsInProgress(db, store)).toEqual([]);
    await prepareRebuildSchema(db, await liveSchema(db), organisationsProjection.tables, ['organisations']);
    expect(await rebuildsInProgress(db, store)).toEqual([{ projection: 'organisations', ratio: 0 }]);

    const events = await readEverything(store);
    const halfway = events[4]!.position;
    const moveTo = (commit: bigint, prepare: bigint) =>
      sql`update ${sql.id(REBUILD_SCHEMA, 'projection_checkpoints')}
          set commit_position = ${String(commit)}, prepare_position = ${String(prepare)}`.execute(db);
    await moveTo(halfway.commit, halfway.prepare);
    const [progress] = await rebuildsInProgress(db, store);
    expect(progress!.ratio).toBeGreaterThan(0.3);
    expect(progress!.ratio).toBeLessThan(0.7);

    const head = await store.committedHeadPosition();
    await moveTo(head.commit, head.prepare);
    expect(await rebuildsInProgress(db, store)).toEqual([{ projection: 'organisations', ratio: 1 }]);

    await dropRebuildSchemas(db);
    expect(await rebuildsInProgress(db, store)).toEqual([]);
  });
});
