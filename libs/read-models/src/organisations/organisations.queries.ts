import { parseJsonColumn } from '@app/database';
import type { Body, OrganisationLevel } from '@app/domain';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../read-model-database.js';

export interface OrganisationView {
  readonly id: string;
  readonly name: string;
  readonly level: OrganisationLevel;
  readonly parentId: string | null;
  readonly bodies: Body[];
  readonly children: string[];
}

export async function listOrganisations(db: Kysely<ReadModelDatabase>): Promise<OrganisationView[]> {
  const rows = await db.selectFrom('rm_organisations').selectAll().orderBy('organisation_id').execute();
  return rows.map((row) => ({
    id: row.organisation_id,
    name: row.name,
    level: row.level,
    parentId: row.parent_id,
    bodies: parseJsonColumn<Body[]>(row.bodies),
    children: rows.filter((c) => c.parent_id === row.organisation_id).map((c) => c.organisation_id),
  }));
}

export async function findOrganisation(
  db: Kysely<ReadModelDatabase>,
  id: string,
): Promise<OrganisationView | undefined> {
  return (await listOrganisations(db)).find((o) => o.id === id);
}
