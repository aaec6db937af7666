import { parseJsonColumn, type CopyValue } from '@app/database';
import { isOrganisationEvent, type Body, type OrganisationEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { Projection, RebuildSession, RebuildTarget } from '../projection.js';
import type { OrganisationRow, OrganisationsTable } from './organisations.table.js';

/** Organisations with their parent and bodies (rm_organisations). */
export const organisationsProjection: Projection = {
  name: 'organisations',
  tables: ['rm_organisations'],
  handles: isOrganisationEvent,
  async apply(trx, events) {
    for (const recorded of events) {
      if (!isOrganisationEvent(recorded)) continue;
      const event = recorded as unknown as OrganisationEvent;
      switch (event.type) {
        case 'OrganisationRegistered':
          await trx
            .insertInto('rm_organisations')
            .values({
              organisation_id: event.data.organisationId,
              name: event.data.name,
              level: event.data.level,
              parent_id: event.data.parentId ?? null,
              bodies: JSON.stringify([]),
            })
            .execute();
          break;
        case 'OrganisationBodyDeclared': {
          const row = await trx
            .selectFrom('rm_organisations')
            .select('bodies')
            .where('organisation_id', '=', event.data.organisationId)
            .executeTakeFirstOrThrow();
          const bodies = parseJsonColumn<unknown[]>(row.bodies);
          await trx
            .updateTable('rm_organisations')
            .set({ bodies: JSON.stringify([...bodies, { code: event.data.code, name: event.data.name }]) })
            .where('organisation_id', '=', event.data.organisationId)
            .execute();
          break;
        }
        default: {
          const unhandled: never = event;
          return unhandled;
        }
      }
    }
  },
  startRebuild: () => new OrganisationsRebuild(),
};

/** Every column, in the order a rebuild copies them. */
const COLUMNS = [
  'organisation_id',
  'name',
  'level',
  'parent_id',
  'bodies',
] as const satisfies readonly (keyof OrganisationsTable)[];

/** A row as the rebuild holds it: `bodies` parsed. */
type HeldOrganisation = Omit<OrganisationRow, 'bodies'> & { bodies: Body[] };

/**
 * A rebuild from the empty table: every organisation in memory, written once at the end (new
 * rows by COPY) instead of a statement or two per event (a few thousand round trips for a
 * party's organisations and their bodies). The rows are what `apply` leaves: a body declared
 * for an organisation not registered, or one registered twice, fails the rebuild as it fails
 * `apply`.
 */
class OrganisationsRebuild implements RebuildSession {
  readonly writeEvery = Number.MAX_SAFE_INTEGER;
  private readonly rows = new Map<string, HeldOrganisation>();
  /** Written by an earlier `take` (rebuilds near the head take more than once). */
  private readonly written = new Set<string>();
  private readonly touched = new Set<string>();

  add(events: readonly RecordedEvent[]): void {
    for (const recorded of events) {
      if (!isOrganisationEvent(recorded)) continue;
      const event = recorded as unknown as OrganisationEvent;
      const id = event.data.organisationId;
      switch (event.type) {
        case 'OrganisationRegistered':
          if (this.rows.has(id)) {
            throw new Error(
              `duplicate key value violates unique constraint "rm_organisations_pkey": organisation_id ${id} already exists`,
            );
          }
          this.rows.set(id, {
            organisation_id: id,
            name: event.data.name,
            level: event.data.level,
            parent_id: event.data.parentId ?? null,
            bodies: [],
          });
          break;
        case 'OrganisationBodyDeclared': {
          const row = this.rows.get(id);
          if (!row) throw new Error(`No organisation ${id} to declare body ${event.data.code} in`);
          row.bodies.push({ code: event.data.code, name: event.data.name });
          break;
        }
        default: {
          const unhandled: never = event;
          return unhandled;
        }
      }
      this.touched.add(id);
    }
  }

  take(): (target: RebuildTarget) => Promise<void> {
    // Made now: later events go on changing the rows in memory while these are written.
    const rowOf = (id: string) => {
      const row = this.rows.get(id)!;
      return { ...row, bodies: JSON.stringify(row.bodies) };
    };
    const inserts = [...this.touched].filter((id) => !this.written.has(id)).map(rowOf);
    const updates = [...this.touched].filter((id) => this.written.has(id)).map(rowOf);
    for (const id of this.touched) this.written.add(id);
    this.touched.clear();
    return async ({ trx, insertRows }) => {
      await insertRows(
        'rm_organisations',
        COLUMNS,
        inserts.map((row) => COLUMNS.map((column): CopyValue => row[column])),
      );
      for (const { organisation_id, ...changed } of updates) {
        await trx
          .updateTable('rm_organisations')
          .set(changed)
          .where('organisation_id', '=', organisation_id)
          .execute();
      }
    };
  }
}
