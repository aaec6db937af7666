import type { Kysely } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  // The indexes a rebuild from position 0 has dropped and not yet created again, with their
  // definitions: whoever starts next creates them (docs/adr/0007).
  await db.schema
    .createTable('projection_deferred_indexes')
    .addColumn('index_name', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('projection_deferred_indexes').execute();
}
