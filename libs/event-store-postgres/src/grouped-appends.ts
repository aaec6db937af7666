import type { AppendResult, EventToAppend } from '@app/event-store';
import { sql, type Kysely } from 'kysely';
import type { EventStoreDatabase } from './event-store-database.js';

/** An append of a few events: what one statement can do for it. */
export interface SmallAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  /**
   * The stream's revision expected; 'no_stream' for a first append (the stream's row is
   * created); undefined for 'any' or 'stream_exists' (the stream's row is moved on if it exists).
   */
  readonly expected: bigint | 'no_stream' | undefined;
}

/**
 * What a statement did for an append: stored (the result), or not (undefined: the stream's row
 * did not match, or the statement failed), which the caller then finds out on its own.
 */
export type SmallAppendOutcome = AppendResult | undefined;

/**
 * Statements under way at once. More than one, so that an append waiting on a stream's row
 * (another process appending to it, a lock held elsewhere) does not hold up every other
 * stream's append behind it; few, so that appends coming meanwhile still share statements.
 */
const STATEMENTS_AT_ONCE = 2;

/** Events in one grouped statement at most (8 parameters each; PostgreSQL allows 65,535). */
export const EVENTS_PER_GROUP = 1_000;

/**
 * Group commit: appends to different streams that come while a statement is under way are
 * written together by the next one, one statement and one commit for all of them, each
 * stream's expected revision checked in it on its own.
 *
 * With a dozen people reporting at once, every append was a statement, a commit and a socket
 * write of its own, and the api and PostgreSQL spent their time on those rather than on the
 * events. Now an append is written at once while fewer than STATEMENTS_AT_ONCE statements are
 * under way, as before, and the ones that come while they are share the next statement: the
 * busier, the larger the groups.
 *
 * A stream is in a group once (a row updated twice by one statement is not allowed). A stream
 * whose row did not match gets undefined, and the caller tells a conflict from a new stream
 * as before; a statement that fails gives every append in it undefined, so each goes its own
 * way and its own error (a retried command's event ids, a stream created meanwhile) reaches
 * its own caller.
 */
export class GroupedAppends {
  private readonly queue: Array<{
    readonly append: SmallAppend;
    readonly settle: (outcome: SmallAppendOutcome) => void;
  }> = [];
  /** Statements under way. */
  private writing = 0;

  constructor(private readonly db: Kysely<EventStoreDatabase>) {}

  append(append: SmallAppend): Promise<SmallAppendOutcome> {
    return new Promise((settle) => {
      this.queue.push({ append, settle });
      if (this.writing < STATEMENTS_AT_ONCE) void this.writeQueued();
    });
  }

  private async writeQueued(): Promise<void> {
    this.writing++;
    try {
      while (this.queue.length > 0) {
        const group = this.nextGroup();
        const outcomes = await appendInOneStatement(
          this.db,
          group.map((g) => g.append),
        ).catch(() => group.map(() => undefined));
        group.forEach((g, i) => g.settle(outcomes[i]));
      }
    } finally {
      this.writing--;
    }
  }

  /** The longest run from the front of the queue with each stream once and within EVENTS_PER_GROUP. */
  private nextGroup(): Array<(typeof this.queue)[number]> {
    const group: Array<(typeof this.queue)[number]> = [];
    const streams = new Set<string>();
    let events = 0;
    for (const queued of this.queue) {
      const { streamId, events: appended } = queued.append;
      if (streams.has(streamId)) break;
      if (group.length > 0 && events + appended.length > EVENTS_PER_GROUP) break;
      group.push(queued);
      streams.add(streamId);
      events += appended.length;
    }
    this.queue.splice(0, group.length);
    return group;
  }
}

/**
 * One statement, its own transaction: for each append, move its stream's row on by its events
 * (if the revision is the one expected; or create it) and insert its events after it. An append
 * whose stream row did not match inserts nothing and gets undefined; a stream created meanwhile
 * fails the statement (a unique violation).
 */
export async function appendInOneStatement(
  db: Kysely<EventStoreDatabase>,
  appends: readonly SmallAppend[],
): Promise<SmallAppendOutcome[]> {
  const streams = appends.map(({ streamId, events, expected }, g) => {
    const moved =
      expected === 'no_stream'
        ? sql`insert into event_streams (stream_id, revision)
            values (${streamId}, ${String(events.length - 1)}::bigint) returning ${g}::int as g, revision`
        : sql`update event_streams set revision = revision + ${String(events.length)}::bigint
            where stream_id = ${streamId}
            ${expected !== undefined ? sql`and revision = ${String(expected)}::bigint` : sql``}
            returning ${g}::int as g, revision`;
    return sql`${sql.ref(`s${g}`)} as (${moved})`;
  });
  const moved = sql.join(
    appends.map((_a, g) => sql`select g, revision from ${sql.ref(`s${g}`)}`),
    sql` union all `,
  );
  const values = sql.join(
    appends.flatMap(({ streamId, events }, g) =>
      events.map(
        (event, i) =>
          sql`(${g}::int, ${streamId}::text, ${i}::int, ${events.length}::int, ${event.id}::uuid, ${event.type}::text, ${JSON.stringify(event.data)}::jsonb, ${JSON.stringify(event.metadata)}::jsonb)`,
      ),
    ),
  );
  const { rows } = await sql<{ stream_id: string; position: string; tx: string; revision: string }>`
    with ${sql.join(streams)}, moved as (${moved})
    insert into events (stream_id, revision, event_id, type, data, metadata)
    select v.stream_id, moved.revision - v.n + 1 + v.i, v.event_id, v.type, v.data, v.metadata
    from moved join (values ${values}) as v (g, stream_id, i, n, event_id, type, data, metadata) on v.g = moved.g
    order by v.g, v.i
    returning stream_id, position::text as position, transaction_id::text as tx, revision::text as revision`.execute(
    db,
  );
  // Each stream is in the statement once: its last event's row is its result.
  const tails = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const tail = tails.get(row.stream_id);
    if (!tail || BigInt(row.revision) > BigInt(tail.revision)) tails.set(row.stream_id, row);
  }
  return appends.map(({ streamId }) => {
    const tail = tails.get(streamId);
    return tail
      ? {
          nextExpectedRevision: BigInt(tail.revision),
          position: { commit: BigInt(tail.tx), prepare: BigInt(tail.position) },
          appended: true,
        }
      : undefined;
  });
}
