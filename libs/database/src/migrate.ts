import { Migrator, type Kysely, type Migration } from 'kysely';

/**
 * Applies one set of migrations. Each owner (the event store, the read models) keeps its own
 * set and its own bookkeeping table, so the event store can live elsewhere (EventStoreDB)
 * while the read models stay in PostgreSQL. Migrations are a static record, not a folder read
 * at run time, so they work the same from sources, from dist and in tests.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  owner: string,
  migrations: Record<string, Migration>,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: `${owner}_migrations`,
    migrationLockTableName: `${owner}_migrations_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration "${failed}" of ${owner} failed`, { cause: error });
  }
}
