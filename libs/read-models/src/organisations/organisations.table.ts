import type { JsonColumn } from '@app/database';
import type { Body, OrganisationLevel } from '@app/domain';
import type { Insertable, Selectable, Updateable } from 'kysely';

/** rm_organisations: organisations with their parent and bodies. */
export interface OrganisationsTable {
  organisation_id: string;
  name: string;
  level: OrganisationLevel;
  parent_id: string | null;
  bodies: JsonColumn<Body[]>;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type NewOrganisationRow = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
