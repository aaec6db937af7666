// Rebuilds every read model from position 0 in a process of its own, so its peak RSS is the
// rebuild's alone; prints one line of JSON. Run by run.ts with DATABASE_URL set.
import { migrateToLatest, openDatabase } from '@app/database';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store-postgres';
import { ALL_PROJECTIONS, ProjectionRunner, readModelMigrations } from '@app/read-models';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const database = await openDatabase({ kind: 'postgres', url });
  await migrateToLatest(database.db, 'event_store', eventStoreMigrations);
  await migrateToLatest(database.db, 'read_model', readModelMigrations);
  const store = new PostgresEventStore(database.db);
  const runner = new ProjectionRunner(database.db, store, ALL_PROJECTIONS);
  const applied = new Map<string, number>();
  const started = performance.now();
  await runner.rebuild(undefined, (p) => applied.set(p.projection, p.applied));
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  await database.close();
  console.log(
    JSON.stringify({
      projections: ALL_PROJECTIONS.map((p) => p.name),
      events: Math.max(0, ...applied.values()),
      seconds,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
