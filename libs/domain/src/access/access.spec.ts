import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { planVisibilityDecider } from './plan-visibility.js';
import { grantsAllow, roleSatisfies } from './roles.js';
import { activeSession, activeToken, grantsOf, userDecider, type UserEvent, type UserState } from './user.js';

const now = '2026-03-14T12:00:00.000Z';
const users = deciderSpecification(userDecider);
const registered: UserEvent = { type: 'UserRegistered', data: { userId: 'u1', username: 'kari' } };
const granted: UserEvent = {
  type: 'RoleGranted',
  data: { userId: 'u1', organisationId: 'oslo-sv', role: 'secretary' },
};

describe('users', () => {
  it('registers a user', () => {
    users.given([]).when({ type: 'RegisterUser', now, userId: 'u1', username: 'kari' }).then([registered]);
  });

  it('refuses a second registration and a bad username', () => {
    users
      .given([registered])
      .when({ type: 'RegisterUser', now, userId: 'u1', username: 'kari' })
      .thenThrows('USER_EXISTS');
    users
      .given([])
      .when({ type: 'RegisterUser', now, userId: 'u2', username: 'Kari Nordmann' })
      .thenThrows('INVALID_USERNAME');
  });

  it('stores a password only as a hash', () => {
    users
      .given([registered])
      .when({ type: 'SetPassword', now, passwordHash: 'hemmelig' })
      .thenThrows('NOT_A_HASH');
    users
      .given([registered])
      .when({ type: 'SetPassword', now, passwordHash: '$argon2id$v=19$x' })
      .then([{ type: 'PasswordSet', data: { userId: 'u1', passwordHash: '$argon2id$v=19$x' } }]);
  });

  it('grants a role once, and revokes only a role held', () => {
    users
      .given([registered])
      .when({ type: 'GrantRole', now, organisationId: 'oslo-sv', role: 'secretary' })
      .then([granted]);
    users
      .given([registered, granted])
      .when({ type: 'GrantRole', now, organisationId: 'oslo-sv', role: 'secretary' })
      .thenNothingHappens();
    users
      .given([registered, granted])
      .when({ type: 'RevokeRole', now, organisationId: 'oslo-sv', role: 'secretary' })
      .then([{ type: 'RoleRevoked', data: { userId: 'u1', organisationId: 'oslo-sv', role: 'secretary' } }]);
    users
      .given([registered])
      .when({ type: 'RevokeRole', now, organisationId: 'oslo-sv', role: 'admin' })
      .thenThrows('ROLE_NOT_HELD');
  });

  it('grants only admin for the whole system', () => {
    users
      .given([registered])
      .when({ type: 'GrantRole', now, organisationId: '*', role: 'viewer' })
      .thenThrows('SYSTEM_ROLE');
  });

  it('issues and revokes tokens', () => {
    const issued: UserEvent = {
      type: 'ApiTokenIssued',
      data: { userId: 'u1', tokenId: 't1', tokenHash: 'abc', label: 'script' },
    };
    users
      .given([registered])
      .when({ type: 'IssueApiToken', now, tokenId: 't1', tokenHash: 'abc', label: 'script' })
      .then([issued]);
    users
      .given([registered, issued])
      .when({ type: 'RevokeApiToken', now, tokenId: 't1' })
      .then([{ type: 'ApiTokenRevoked', data: { userId: 'u1', tokenId: 't1' } }]);
    users
      .given([registered])
      .when({ type: 'RevokeApiToken', now, tokenId: 't1' })
      .thenThrows('TOKEN_NOT_FOUND');
    users
      .given([registered, issued, { type: 'ApiTokenRevoked', data: { userId: 'u1', tokenId: 't1' } }])
      .when({ type: 'RevokeApiToken', now, tokenId: 't1' })
      .thenNothingHappens();
  });

  describe('sessions and tokens end', () => {
    const token: UserEvent = {
      type: 'ApiTokenIssued',
      data: { userId: 'u1', tokenId: 't1', tokenHash: 'th', label: 'script' },
    };
    const expiring: UserEvent = {
      type: 'ApiTokenIssued',
      data: {
        userId: 'u1',
        tokenId: 't2',
        tokenHash: 'th2',
        label: 'kort',
        expiresAt: '2026-03-15T12:00:00.000Z',
      },
    };
    const session: UserEvent = {
      type: 'SessionStarted',
      data: { userId: 'u1', sessionId: 's1', keyHash: 'sh', expiresAt: '2026-03-15T00:00:00.000Z' },
    };
    const fold = (events: UserEvent[]): UserState =>
      events.reduce(userDecider.evolve, userDecider.initialState());

    it('starts a session, and signing out ends that one only, once', () => {
      users
        .given([registered])
        .when({
          type: 'StartSession',
          now,
          sessionId: 's1',
          keyHash: 'sh',
          expiresAt: '2026-03-15T00:00:00.000Z',
        })
        .then([session]);
      const other: UserEvent = {
        type: 'SessionStarted',
        data: { userId: 'u1', sessionId: 's2', keyHash: 'sh2', expiresAt: '2026-03-15T00:00:00.000Z' },
      };
      const ended: UserEvent = { type: 'SessionEnded', data: { userId: 'u1', sessionId: 's1' } };
      users
        .given([registered, session, other])
        .when({ type: 'EndSession', now, sessionId: 's1' })
        .then([ended]);
      users
        .given([registered, session, ended])
        .when({ type: 'EndSession', now, sessionId: 's1' })
        .thenNothingHappens();
      const state = fold([registered, session, other, ended]);
      expect(activeSession(state, 'sh', now)).toBeUndefined();
      expect(activeSession(state, 'sh2', now)).toEqual({
        sessionId: 's2',
        expiresAt: '2026-03-15T00:00:00.000Z',
      });
    });

    it('a credential ends when it expires', () => {
      const state = fold([registered, token, expiring, session]);
      expect(activeToken(state, 'th2', now)?.tokenId).toBe('t2');
      expect(activeToken(state, 'th2', '2026-03-15T12:00:00.000Z')).toBeUndefined();
      expect(activeToken(state, 'th', '2099-01-01T00:00:00.000Z')?.tokenId).toBe('t1');
      expect(activeSession(state, 'sh', '2026-03-15T00:00:00.000Z')).toBeUndefined();
      expect(activeToken(state, 'unknown', now)).toBeUndefined();
    });

    it('a new password ends every session and token issued before it', () => {
      const password: UserEvent = {
        type: 'PasswordSet',
        data: { userId: 'u1', passwordHash: '$argon2id$new' },
      };
      const state = fold([registered, token, session, password]);
      expect(activeToken(state, 'th', now)).toBeUndefined();
      expect(activeSession(state, 'sh', now)).toBeUndefined();
      expect(state.status === 'registered' && state.passwordHash).toBe('$argon2id$new');
      // A token issued afterwards works; revoking an ended one changes nothing.
      const after: UserEvent = {
        type: 'ApiTokenIssued',
        data: { userId: 'u1', tokenId: 't3', tokenHash: 'th3', label: 'ny' },
      };
      expect(activeToken(fold([registered, token, session, password, after]), 'th3', now)?.tokenId).toBe(
        't3',
      );
      users
        .given([registered, token, session, password])
        .when({ type: 'RevokeApiToken', now, tokenId: 't1' })
        .thenNothingHappens();
    });

    it('signing out everywhere ends every session and token, and is recorded only when something was active', () => {
      const everywhere: UserEvent = { type: 'SignedOutEverywhere', data: { userId: 'u1' } };
      users.given([registered, token, session]).when({ type: 'SignOutEverywhere', now }).then([everywhere]);
      const state = fold([registered, token, expiring, session, everywhere]);
      expect(activeToken(state, 'th', now)).toBeUndefined();
      expect(activeToken(state, 'th2', now)).toBeUndefined();
      expect(activeSession(state, 'sh', now)).toBeUndefined();
      users
        .given([registered, token, session, everywhere])
        .when({ type: 'SignOutEverywhere', now })
        .thenNothingHappens();
      users
        .given([registered, expiring])
        .when({ type: 'SignOutEverywhere', now: '2026-04-01T00:00:00.000Z' })
        .thenNothingHappens();
      users.given([]).when({ type: 'SignOutEverywhere', now }).thenThrows('USER_NOT_FOUND');
    });

    it('the roles held are those granted and not revoked, by organisation and role', () => {
      const grant = (organisationId: string, role: 'viewer' | 'secretary' | 'admin'): UserEvent => ({
        type: 'RoleGranted',
        data: { userId: 'u1', organisationId, role },
      });
      const state = fold([
        registered,
        grant('oslo-sv', 'secretary'),
        grant('bergen-sv', 'viewer'),
        grant('oslo-sv', 'admin'),
        { type: 'RoleRevoked', data: { userId: 'u1', organisationId: 'oslo-sv', role: 'secretary' } },
      ]);
      expect(grantsOf(state)).toEqual([
        { organisationId: 'bergen-sv', role: 'viewer' },
        { organisationId: 'oslo-sv', role: 'admin' },
      ]);
      expect(grantsOf(userDecider.initialState())).toEqual([]);
    });
  });
});

describe('roles', () => {
  it('admin satisfies every role, every role satisfies viewer, the others only themselves', () => {
    expect(roleSatisfies('admin', 'plan_editor')).toBe(true);
    expect(roleSatisfies('secretary', 'viewer')).toBe(true);
    expect(roleSatisfies('secretary', 'plan_editor')).toBe(false);
    expect(roleSatisfies('viewer', 'secretary')).toBe(false);
  });

  it('a role in a parent organisation gives nothing in a child; a system admin may do anything', () => {
    const parent = [{ organisationId: 'sv', role: 'admin' as const }];
    expect(grantsAllow(parent, 'viewer', 'oslo-sv')).toBe(false);
    expect(grantsAllow(parent, 'admin', 'sv')).toBe(true);
    expect(grantsAllow([{ organisationId: '*', role: 'admin' }], 'secretary', 'oslo-sv')).toBe(true);
  });
});

describe('plan visibility', () => {
  const spec = deciderSpecification(planVisibilityDecider);
  it('is published until marked internal; marking it again changes nothing', () => {
    const internal = {
      type: 'PlanVisibilityChanged' as const,
      data: { planId: 'p', organisationId: 'o', visibility: 'internal' as const },
    };
    spec
      .given([])
      .when({ type: 'SetPlanVisibility', now, planId: 'p', organisationId: 'o', visibility: 'internal' })
      .then([internal]);
    spec
      .given([internal])
      .when({ type: 'SetPlanVisibility', now, planId: 'p', organisationId: 'o', visibility: 'internal' })
      .thenNothingHappens();
    spec
      .given([])
      .when({ type: 'SetPlanVisibility', now, planId: 'p', organisationId: 'o', visibility: 'published' })
      .thenNothingHappens();
  });
});
