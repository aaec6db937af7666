import type { Role } from '@app/domain';
import type { Insertable, Selectable, Updateable } from 'kysely';

/** rm_role_grants: one row per grant, kept after revocation ("who held which role when"). */
export interface RoleGrantsTable {
  /** The RoleGranted event. */
  grant_event_id: string;
  user_id: string;
  /** The organisation, or `*` for the whole system. */
  organisation_id: string;
  role: Role;
  granted_at: string;
  granted_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export type RoleGrantRow = Selectable<RoleGrantsTable>;
export type NewRoleGrantRow = Insertable<RoleGrantsTable>;
export type RoleGrantUpdate = Updateable<RoleGrantsTable>;
