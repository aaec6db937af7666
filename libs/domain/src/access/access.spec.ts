import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { planVisibilityDecider } from './plan-visibility.js';
import { grantsAllow, roleSatisfies } from './roles.js';
import { userDecider, type UserEvent } from './user.js';

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
