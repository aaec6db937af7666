import { isPlanVisibilityEvent, isUserEvent, type UserEvent } from '@app/domain';
import type { Transaction } from 'kysely';
import type { Projection } from '../projection.js';
import type { ReadModelDatabase } from '../read-model-database.js';

/** A new password or "sign out everywhere" ends every token the user still had. */
async function endTokens(trx: Transaction<ReadModelDatabase>, userId: string, at: string): Promise<void> {
  await trx
    .updateTable('rm_api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Users, their token hashes, every role grant with when it was revoked, and plan visibility:
 * for listings and audits. Nothing decides who a request comes from or what it may see from
 * these tables (a rebuild empties them): that is read from the event store.
 */
export const accessProjection: Projection = {
  name: 'access',
  tables: ['rm_users', 'rm_api_tokens', 'rm_role_grants', 'rm_plan_visibility'],
  handles: (event) => isPlanVisibilityEvent(event) || isUserEvent(event),
  async apply(trx, events) {
    for (const recorded of events) {
      const at = recorded.metadata.recordedAt;
      const by = recorded.metadata.actor;
      if (isPlanVisibilityEvent(recorded)) {
        const { data } = recorded;
        await trx
          .insertInto('rm_plan_visibility')
          .values({ plan_id: data.planId, organisation_id: data.organisationId, visibility: data.visibility })
          .onConflict((oc) => oc.column('plan_id').doUpdateSet({ visibility: data.visibility }))
          .execute();
        continue;
      }
      if (!isUserEvent(recorded)) continue;
      const event = recorded as unknown as UserEvent;
      switch (event.type) {
        case 'UserRegistered':
          await trx
            .insertInto('rm_users')
            .values({
              user_id: event.data.userId,
              username: event.data.username,
              password_hash: null,
              external_issuer: event.data.externalIdentity?.issuer ?? null,
              external_subject: event.data.externalIdentity?.subject ?? null,
              registered_at: at,
            })
            .execute();
          break;
        case 'PasswordSet':
          await trx
            .updateTable('rm_users')
            .set({ password_hash: event.data.passwordHash })
            .where('user_id', '=', event.data.userId)
            .execute();
          await endTokens(trx, event.data.userId, at);
          break;
        case 'SignedOutEverywhere':
          await endTokens(trx, event.data.userId, at);
          break;
        case 'SessionStarted':
        case 'SessionEnded':
          // Sessions are checked against the user's stream, never against a table.
          break;
        case 'ApiTokenIssued':
          await trx
            .insertInto('rm_api_tokens')
            .values({
              token_id: event.data.tokenId,
              user_id: event.data.userId,
              token_hash: event.data.tokenHash,
              label: event.data.label,
              expires_at: event.data.expiresAt ?? null,
              issued_at: at,
              revoked_at: null,
            })
            .execute();
          break;
        case 'ApiTokenRevoked':
          await trx
            .updateTable('rm_api_tokens')
            .set({ revoked_at: at })
            .where('token_id', '=', event.data.tokenId)
            .where('user_id', '=', event.data.userId)
            .execute();
          break;
        case 'RoleGranted':
          await trx
            .insertInto('rm_role_grants')
            .values({
              grant_event_id: recorded.id,
              user_id: event.data.userId,
              organisation_id: event.data.organisationId,
              role: event.data.role,
              granted_at: at,
              granted_by: by,
              revoked_at: null,
              revoked_by: null,
            })
            .execute();
          break;
        case 'RoleRevoked':
          await trx
            .updateTable('rm_role_grants')
            .set({ revoked_at: at, revoked_by: by })
            .where('user_id', '=', event.data.userId)
            .where('organisation_id', '=', event.data.organisationId)
            .where('role', '=', event.data.role)
            .where('revoked_at', 'is', null)
            .execute();
          break;
        default: {
          const unhandled: never = event;
          return unhandled;
        }
      }
    }
  },
};
