import { sql, type Kysely } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
/**
 * Streams found by the start of their id in byte order, whatever the database's collation
 * (readStreamsWithPrefix: every plan's visibility stream). One row per stream, changed only
 * when a stream is created: appends update the revision in place and leave this index alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index event_streams_by_prefix on event_streams (stream_id collate "C")`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index event_streams_by_prefix`.execute(db);
}
