import { parseJsonColumn } from '@app/database';
import { isOrganisationEvent, type OrganisationEvent } from '@app/domain';
import type { Projection } from '../projection.js';

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
};
