import { SYSTEM_SCOPE, type Role } from '@app/domain';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../read-model-database.js';
import type { RoleGrantRow } from './role-grants.table.js';
import type { UserRow } from './users.table.js';

export interface UserRecord {
  readonly userId: string;
  readonly username: string;
  readonly passwordHash: string | null;
}

export interface RoleHolder {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly grantedAt: string;
  readonly grantedBy: string;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
}

export async function findUserByExternalIdentity(
  db: Kysely<ReadModelDatabase>,
  issuer: string,
  subject: string,
): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('rm_users')
    .select(['user_id', 'username', 'password_hash'])
    .where('external_issuer', '=', issuer)
    .where('external_subject', '=', subject)
    .executeTakeFirst();
  return row ? { userId: row.user_id, username: row.username, passwordHash: row.password_hash } : undefined;
}

/**
 * The user a token with this hash was issued to (whether it is still good is not asked here: a
 * token's owner never changes, and the owner's stream says whether it is). Only for tokens
 * from before a token named its user.
 */
export async function findTokenOwner(
  db: Kysely<ReadModelDatabase>,
  tokenHash: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('rm_api_tokens')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row?.user_id;
}

/** Role grants held at some moment between `from` and `to` (ISO timestamps, `to` exclusive), with their holder. */
function grantsHeldBetween(db: Kysely<ReadModelDatabase>, from: string, to: string) {
  return db
    .selectFrom('rm_role_grants as g')
    .innerJoin('rm_users as u', 'u.user_id', 'g.user_id')
    .select([
      'g.grant_event_id',
      'g.user_id',
      'u.username',
      'g.organisation_id',
      'g.role',
      'g.granted_at',
      'g.granted_by',
      'g.revoked_at',
      'g.revoked_by',
    ])
    .where('g.granted_at', '<', to)
    .where((eb) => eb.or([eb('g.revoked_at', 'is', null), eb('g.revoked_at', '>=', from)]));
}

/** A row of `grantsHeldBetween`, as its holder. */
const holderOf = (
  r: Pick<RoleGrantRow, 'user_id' | 'role' | 'granted_at' | 'granted_by' | 'revoked_at' | 'revoked_by'> &
    Pick<UserRow, 'username'>,
): RoleHolder => ({
  userId: r.user_id,
  username: r.username,
  role: r.role,
  grantedAt: r.granted_at,
  grantedBy: r.granted_by,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
});

/**
 * Who held a role in the organisation at some moment between `from` and `to` (ISO timestamps,
 * `to` exclusive): "who could change this plan on 2026-03-14" is from that day's midnight to the next.
 */
export async function roleHoldersBetween(
  db: Kysely<ReadModelDatabase>,
  organisationId: string,
  from: string,
  to: string,
): Promise<RoleHolder[]> {
  const rows = await grantsHeldBetween(db, from, to)
    .where('g.organisation_id', '=', organisationId)
    .orderBy('u.username')
    .orderBy('g.role')
    .orderBy('g.granted_at')
    .execute();
  return rows.map(holderOf);
}

export interface PlanChanger extends RoleHolder {
  /** The organisation of the grant: the plan's, or `*` for a system administrator. */
  readonly organisationId: string;
  /** The RoleGranted event. */
  readonly grantEventId: string;
}

/** The roles that may change a plan in some way (a viewer only reads). */
export const CHANGING_ROLES: readonly Role[] = ['secretary', 'meeting_officer', 'plan_editor', 'admin'];

/**
 * Who held a role that could change a plan of the organisation at some moment between `from`
 * and `to` (ISO timestamps, `to` exclusive): its secretaries, meeting officers, plan editors and
 * admins, and the system administrators (scope `*`), who may change every plan.
 */
export async function planChangersBetween(
  db: Kysely<ReadModelDatabase>,
  organisationId: string,
  from: string,
  to: string,
): Promise<PlanChanger[]> {
  const rows = await grantsHeldBetween(db, from, to)
    .where((eb) =>
      eb.or([
        eb.and([eb('g.organisation_id', '=', organisationId), eb('g.role', 'in', [...CHANGING_ROLES])]),
        eb.and([eb('g.organisation_id', '=', SYSTEM_SCOPE), eb('g.role', '=', 'admin')]),
      ]),
    )
    .orderBy('u.username')
    .orderBy('g.organisation_id')
    .orderBy('g.role')
    .orderBy('g.granted_at')
    .execute();
  return rows.map((r) => ({
    ...holderOf(r),
    organisationId: r.organisation_id,
    grantEventId: r.grant_event_id,
  }));
}

/** The plan a plan continues (its predecessor), as the plan read model has it. */
export async function planPredecessor(
  db: Kysely<ReadModelDatabase>,
  planId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('rm_plans')
    .select(['predecessor_plan_id'])
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return row?.predecessor_plan_id ?? undefined;
}
