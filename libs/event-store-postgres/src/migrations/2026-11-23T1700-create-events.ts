import { sql, type Kysely } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table event_streams (
      stream_id text primary key,
      revision bigint not null
    )`.execute(db);
  await sql`
    create table events (
      position bigint generated always as identity primary key,
      transaction_id xid8 not null default pg_current_xact_id(),
      stream_id text not null,
      revision bigint not null,
      event_id uuid not null,
      type text not null,
      data jsonb not null,
      metadata jsonb not null,
      recorded_at timestamptz not null default now(),
      constraint events_stream_revision_key unique (stream_id, revision),
      constraint events_event_id_key unique (event_id)
    )`.execute(db);
  // The global order a tailing reader follows (docs/adr/0003).
  await sql`create index events_global_order on events (transaction_id, position)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table events`.execute(db);
  await sql`drop table event_streams`.execute(db);
}
