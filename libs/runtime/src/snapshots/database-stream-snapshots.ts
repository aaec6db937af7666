import { parseJsonColumn } from '@app/database';
import type { Kysely } from 'kysely';
import { StreamSnapshots, type StreamSnapshot } from '@app/plans';
import type { ReadModelDatabase } from '@app/read-models';

/** Snapshots in the read-model database (table `stream_snapshots`), one row per stream. */
export class DatabaseStreamSnapshots extends StreamSnapshots {
  constructor(private readonly db: Kysely<ReadModelDatabase>) {
    super();
  }

  async load(streamId: string, version: number): Promise<StreamSnapshot | undefined> {
    const row = await this.db
      .selectFrom('stream_snapshots')
      .select(['revision', 'last_event_id', 'state', 'commands'])
      .where('stream_id', '=', streamId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      streamId,
      version,
      revision: BigInt(row.revision),
      lastEventId: row.last_event_id,
      state: parseJsonColumn(row.state),
      commands: parseJsonColumn(row.commands),
    };
  }

  async save(snapshot: StreamSnapshot): Promise<void> {
    const row = {
      stream_id: snapshot.streamId,
      version: snapshot.version,
      revision: String(snapshot.revision),
      last_event_id: snapshot.lastEventId,
      state: JSON.stringify(snapshot.state),
      commands: JSON.stringify(snapshot.commands),
      taken_at: new Date().toISOString(),
    };
    await this.db
      .insertInto('stream_snapshots')
      .values(row)
      .onConflict((c) =>
        c
          .column('stream_id')
          .doUpdateSet((eb) => ({
            version: eb.ref('excluded.version'),
            revision: eb.ref('excluded.revision'),
            last_event_id: eb.ref('excluded.last_event_id'),
            state: eb.ref('excluded.state'),
            commands: eb.ref('excluded.commands'),
            taken_at: eb.ref('excluded.taken_at'),
          }))
          // Another process may have kept a newer one meanwhile; a new fold version always wins.
          .where((eb) =>
            eb.or([
              eb('stream_snapshots.revision', '<', eb.ref('excluded.revision')),
              eb('stream_snapshots.version', '<>', eb.ref('excluded.version')),
            ]),
          ),
      )
      .execute();
  }
}
