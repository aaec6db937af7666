import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { PlanVisibilityChanged, UserEvent } from '@app/domain';
import { planEvents, projectionSpecification, streamEvents, withMetadata } from '@app/testing';
import { accessProjection } from './access.projection.js';

const kari = streamEvents<UserEvent>('user-kari');
const ola = streamEvents<UserEvent>('user-ola');
const visibility = streamEvents<PlanVisibilityChanged>('plan-visibility-p1');

const at = (recordedAt: string, actor = 'user:admin') => ({ recordedAt, actor });
const registered = withMetadata(
  at('2026-02-01T10:00:00.000Z'),
  kari('UserRegistered', { userId: 'kari', username: 'kari' }),
);
const tokenIssued = (tokenId: string) =>
  kari('ApiTokenIssued', { userId: 'kari', tokenId, tokenHash: `hash-${tokenId}`, label: tokenId });

describe('the access projection (rm_users, rm_api_tokens, rm_role_grants, rm_plan_visibility)', () => {
  const spec = projectionSpecification(accessProjection);
  beforeAll(() => spec.open());
  afterAll(() => spec.dispose());

  it('keeps a registered user, without a password until one is set', () =>
    spec.given(registered).then('rm_users', [
      {
        user_id: 'kari',
        username: 'kari',
        password_hash: null,
        external_issuer: null,
        external_subject: null,
        registered_at: '2026-02-01T10:00:00.000Z',
      },
    ]));

  it('keeps the external identity a user signs in with', () =>
    spec
      .given(
        ola('UserRegistered', {
          userId: 'ola',
          username: 'ola',
          externalIdentity: { issuer: 'https://id.example.org', subject: 'abc' },
        }),
      )
      .then('rm_users', [
        { user_id: 'ola', external_issuer: 'https://id.example.org', external_subject: 'abc' },
      ]));

  it('keeps the hash of a new password', () =>
    spec
      .given(registered)
      .when(kari('PasswordSet', { userId: 'kari', passwordHash: '$argon2id$ny' }))
      .then('rm_users', [{ user_id: 'kari', password_hash: '$argon2id$ny' }]));

  it('keeps an issued token, open until it is revoked', () =>
    spec
      .given(registered)
      .when(
        withMetadata(
          at('2026-02-02T08:00:00.000Z'),
          kari('ApiTokenIssued', {
            userId: 'kari',
            tokenId: 't1',
            tokenHash: 'hash-t1',
            label: 'skript',
            expiresAt: '2027-02-02T08:00:00.000Z',
          }),
        ),
      )
      .then('rm_api_tokens', [
        {
          token_id: 't1',
          user_id: 'kari',
          token_hash: 'hash-t1',
          label: 'skript',
          expires_at: '2027-02-02T08:00:00.000Z',
          issued_at: '2026-02-02T08:00:00.000Z',
          revoked_at: null,
        },
      ]));

  it('ends a revoked token when it was revoked, and no other', () =>
    spec
      .given(registered, tokenIssued('t1'), tokenIssued('t2'))
      .when(
        withMetadata(
          at('2026-03-01T00:00:00.000Z'),
          kari('ApiTokenRevoked', { userId: 'kari', tokenId: 't1' }),
        ),
      )
      .then('rm_api_tokens', [
        { token_id: 't1', revoked_at: '2026-03-01T00:00:00.000Z' },
        { token_id: 't2', revoked_at: null },
      ]));

  it("does not end a token by a revocation under another user's id", () =>
    spec
      .given(registered, tokenIssued('t1'))
      .when(ola('ApiTokenRevoked', { userId: 'ola', tokenId: 't1' }))
      .then('rm_api_tokens', [{ token_id: 't1', revoked_at: null }]));

  it.each([
    ['a new password', kari('PasswordSet', { userId: 'kari', passwordHash: '$argon2id$ny' })],
    ['signing out everywhere', kari('SignedOutEverywhere', { userId: 'kari' })],
  ])('ends every token still open by %s, and keeps when the others ended', (_, event) =>
    spec
      .given(
        registered,
        tokenIssued('t1'),
        withMetadata(
          at('2026-03-01T00:00:00.000Z'),
          kari('ApiTokenRevoked', { userId: 'kari', tokenId: 't1' }),
        ),
        tokenIssued('t2'),
      )
      .when(withMetadata(at('2026-04-01T00:00:00.000Z'), event))
      .then('rm_api_tokens', [
        { token_id: 't1', revoked_at: '2026-03-01T00:00:00.000Z' },
        { token_id: 't2', revoked_at: '2026-04-01T00:00:00.000Z' },
      ]),
  );

  it('keeps nothing of sessions (they are checked against the user stream)', () =>
    spec
      .given(registered)
      .when(
        kari('SessionStarted', {
          userId: 'kari',
          sessionId: 's1',
          keyHash: 'k',
          expiresAt: '2026-02-02T10:00:00.000Z',
        }),
        kari('SessionEnded', { userId: 'kari', sessionId: 's1' }),
      )
      .thenNoRows('rm_api_tokens', 'rm_role_grants', 'rm_plan_visibility'));

  it('keeps a grant with who granted it and when', () =>
    spec
      .given(registered)
      .when(
        withMetadata(
          at('2026-02-03T12:00:00.000Z', 'user:leder'),
          kari('RoleGranted', { userId: 'kari', organisationId: 'oslo', role: 'secretary' }),
        ),
      )
      .then('rm_role_grants', [
        {
          user_id: 'kari',
          organisation_id: 'oslo',
          role: 'secretary',
          granted_at: '2026-02-03T12:00:00.000Z',
          granted_by: 'user:leder',
          revoked_at: null,
          revoked_by: null,
        },
      ]));

  it('keeps a revoked grant, with who revoked it and when, and a grant of the same role again as a new row', () =>
    spec
      .given(
        registered,
        withMetadata(
          at('2026-02-03T12:00:00.000Z', 'user:leder'),
          kari('RoleGranted', { userId: 'kari', organisationId: 'oslo', role: 'secretary' }),
        ),
        withMetadata(
          at('2026-05-01T12:00:00.000Z', 'user:ny-leder'),
          kari('RoleRevoked', { userId: 'kari', organisationId: 'oslo', role: 'secretary' }),
        ),
      )
      .when(
        withMetadata(
          at('2026-06-01T12:00:00.000Z', 'user:ny-leder'),
          kari('RoleGranted', { userId: 'kari', organisationId: 'oslo', role: 'secretary' }),
        ),
      )
      .then('rm_role_grants', [
        {
          role: 'secretary',
          granted_at: '2026-02-03T12:00:00.000Z',
          revoked_at: '2026-05-01T12:00:00.000Z',
          revoked_by: 'user:ny-leder',
        },
        { role: 'secretary', granted_at: '2026-06-01T12:00:00.000Z', revoked_at: null, revoked_by: null },
      ]));

  it('revokes only the grant of that role in that organisation', () =>
    spec
      .given(
        registered,
        kari('RoleGranted', { userId: 'kari', organisationId: 'oslo', role: 'secretary' }),
        kari('RoleGranted', { userId: 'kari', organisationId: 'oslo', role: 'plan_editor' }),
        kari('RoleGranted', { userId: 'kari', organisationId: 'bergen', role: 'secretary' }),
      )
      .when(
        withMetadata(
          at('2026-05-01T12:00:00.000Z'),
          kari('RoleRevoked', { userId: 'kari', organisationId: 'oslo', role: 'secretary' }),
        ),
      )
      .then('rm_role_grants', [
        { organisation_id: 'oslo', role: 'secretary', revoked_at: '2026-05-01T12:00:00.000Z' },
        { organisation_id: 'oslo', role: 'plan_editor', revoked_at: null },
        { organisation_id: 'bergen', role: 'secretary', revoked_at: null },
      ]));

  it("keeps a plan's visibility as last set, one row per plan", () =>
    spec
      .given(
        visibility('PlanVisibilityChanged', { planId: 'p1', organisationId: 'oslo', visibility: 'internal' }),
      )
      .when(
        visibility('PlanVisibilityChanged', {
          planId: 'p1',
          organisationId: 'oslo',
          visibility: 'published',
        }),
      )
      .then('rm_plan_visibility', [{ plan_id: 'p1', organisation_id: 'oslo', visibility: 'published' }]));

  it('keeps nothing of plan events', () =>
    spec
      .given(
        planEvents('p1')('PlanCreated', {
          organisationId: 'oslo',
          title: 'Arbeidsplan',
          period: { from: 2025, to: 2027 },
          bodies: [],
        }),
      )
      .thenNoRows());
});
