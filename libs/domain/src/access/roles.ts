/**
 * Roles are held per organisation. A role in a parent organisation gives no rights in a child:
 * each organisation grants its own. `admin` in the system scope (`*`) administers the whole
 * instance (registers top-level organisations, grants the first roles).
 */
/**
 * `member`: a member of the organisation, who files amendments to its meetings before the
 * deadline and withdraws their own (and reads its internal plans, as every role does).
 */
export const ROLES = ['viewer', 'member', 'secretary', 'meeting_officer', 'plan_editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The scope of the instance's own administrators: not an organisation, above all of them. */
export const SYSTEM_SCOPE = '*';

/** Every role may read; admin may do everything in its organisation; the others only their own work. */
export function roleSatisfies(held: Role, required: Role): boolean {
  if (held === required) return true;
  if (held === 'admin') return true;
  return required === 'viewer';
}

export interface RoleGrant {
  readonly organisationId: string;
  readonly role: Role;
}

/**
 * Whether grants give `required` in `organisationId`: a grant in that organisation, or a
 * system administrator. Never through a parent organisation.
 */
export function grantsAllow(grants: readonly RoleGrant[], required: Role, organisationId: string): boolean {
  return grants.some(
    (g) =>
      (g.organisationId === organisationId && roleSatisfies(g.role, required)) ||
      (g.organisationId === SYSTEM_SCOPE && g.role === 'admin'),
  );
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
