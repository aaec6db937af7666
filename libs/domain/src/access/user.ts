import { DomainError } from '../shared/domain-error.js';
import type { CommandContext, Decider, DomainEvent } from '../shared/decider.js';
import { ROLES, SYSTEM_SCOPE, type Role } from './roles.js';

/** An external identity (OIDC): the issuer and the subject it gave the user. */
export interface ExternalIdentity {
  readonly issuer: string;
  readonly subject: string;
}

export type UserRegistered = DomainEvent<
  'UserRegistered',
  { userId: string; username: string; externalIdentity?: ExternalIdentity }
>;
/** The hash is computed outside the domain (argon2); the domain only records that it changed. */
export type PasswordSet = DomainEvent<'PasswordSet', { userId: string; passwordHash: string }>;
/** Only a hash of the token is kept; the token itself is shown once, to the caller. */
export type ApiTokenIssued = DomainEvent<
  'ApiTokenIssued',
  { userId: string; tokenId: string; tokenHash: string; label: string; expiresAt?: string }
>;
export type ApiTokenRevoked = DomainEvent<'ApiTokenRevoked', { userId: string; tokenId: string }>;
export type RoleGranted = DomainEvent<'RoleGranted', { userId: string; organisationId: string; role: Role }>;
export type RoleRevoked = DomainEvent<'RoleRevoked', { userId: string; organisationId: string; role: Role }>;

export type UserEvent =
  UserRegistered | PasswordSet | ApiTokenIssued | ApiTokenRevoked | RoleGranted | RoleRevoked;

export const USER_EVENT_TYPES: ReadonlySet<string> = new Set([
  'UserRegistered',
  'PasswordSet',
  'ApiTokenIssued',
  'ApiTokenRevoked',
  'RoleGranted',
  'RoleRevoked',
]);

export function isUserEvent(event: { type: string }): event is UserEvent {
  return USER_EVENT_TYPES.has(event.type);
}

export type RegisterUser = CommandContext & {
  readonly type: 'RegisterUser';
  readonly userId: string;
  readonly username: string;
  readonly externalIdentity?: ExternalIdentity;
};
export type SetPassword = CommandContext & { readonly type: 'SetPassword'; readonly passwordHash: string };
export type IssueApiToken = CommandContext & {
  readonly type: 'IssueApiToken';
  readonly tokenId: string;
  readonly tokenHash: string;
  readonly label: string;
  readonly expiresAt?: string;
};
export type RevokeApiToken = CommandContext & { readonly type: 'RevokeApiToken'; readonly tokenId: string };
export type GrantRole = CommandContext & {
  readonly type: 'GrantRole';
  readonly organisationId: string;
  readonly role: Role;
};
export type RevokeRole = CommandContext & {
  readonly type: 'RevokeRole';
  readonly organisationId: string;
  readonly role: Role;
};
export type UserCommand =
  RegisterUser | SetPassword | IssueApiToken | RevokeApiToken | GrantRole | RevokeRole;

export type UserState =
  | { readonly status: 'none' }
  | {
      readonly status: 'registered';
      readonly userId: string;
      readonly username: string;
      readonly tokens: ReadonlySet<string>;
      /** `organisationId role` pairs currently held. */
      readonly roles: ReadonlySet<string>;
    };

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,99}$/;
const roleKey = (organisationId: string, role: Role) => `${organisationId} ${role}`;

export function evolveUser(state: UserState, event: UserEvent): UserState {
  if (event.type === 'UserRegistered') {
    return {
      status: 'registered',
      userId: event.data.userId,
      username: event.data.username,
      tokens: new Set(),
      roles: new Set(),
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'PasswordSet':
      return state;
    case 'ApiTokenIssued':
      return { ...state, tokens: new Set(state.tokens).add(event.data.tokenId) };
    case 'ApiTokenRevoked': {
      const tokens = new Set(state.tokens);
      tokens.delete(event.data.tokenId);
      return { ...state, tokens };
    }
    case 'RoleGranted':
      return {
        ...state,
        roles: new Set(state.roles).add(roleKey(event.data.organisationId, event.data.role)),
      };
    case 'RoleRevoked': {
      const roles = new Set(state.roles);
      roles.delete(roleKey(event.data.organisationId, event.data.role));
      return { ...state, roles };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export function decideUser(command: UserCommand, state: UserState): UserEvent[] {
  if (command.type === 'RegisterUser') {
    if (state.status !== 'none') {
      throw new DomainError('USER_EXISTS', 'conflict', `User "${command.userId}" already exists`);
    }
    if (!USERNAME.test(command.username)) {
      throw new DomainError(
        'INVALID_USERNAME',
        'invalid',
        'username must be 2-100 lower-case letters, digits, dots, @, _ or -',
        { field: 'username' },
      );
    }
    return [
      {
        type: 'UserRegistered',
        data: {
          userId: command.userId,
          username: command.username,
          ...(command.externalIdentity ? { externalIdentity: { ...command.externalIdentity } } : {}),
        },
      },
    ];
  }
  if (state.status === 'none') {
    throw new DomainError('USER_NOT_FOUND', 'not_found', 'No such user');
  }
  const userId = state.userId;
  switch (command.type) {
    case 'SetPassword':
      if (!command.passwordHash.startsWith('$')) {
        // A plain password must never get here: the application layer hashes it first.
        throw new DomainError('NOT_A_HASH', 'invalid', 'A password is stored only as a hash');
      }
      return [{ type: 'PasswordSet', data: { userId, passwordHash: command.passwordHash } }];
    case 'IssueApiToken':
      if (state.tokens.has(command.tokenId)) return [];
      return [
        {
          type: 'ApiTokenIssued',
          data: {
            userId,
            tokenId: command.tokenId,
            tokenHash: command.tokenHash,
            label: command.label,
            ...(command.expiresAt ? { expiresAt: command.expiresAt } : {}),
          },
        },
      ];
    case 'RevokeApiToken':
      if (!state.tokens.has(command.tokenId)) {
        throw new DomainError('TOKEN_NOT_FOUND', 'not_found', 'No such token for this user');
      }
      return [{ type: 'ApiTokenRevoked', data: { userId, tokenId: command.tokenId } }];
    case 'GrantRole':
      if (!(ROLES as readonly string[]).includes(command.role)) {
        throw new DomainError('UNKNOWN_ROLE', 'invalid', `role must be one of ${ROLES.join(', ')}`, {
          field: 'role',
        });
      }
      if (command.organisationId === SYSTEM_SCOPE && command.role !== 'admin') {
        throw new DomainError('SYSTEM_ROLE', 'invalid', 'Only admin can be granted for the whole system', {
          field: 'role',
        });
      }
      if (state.roles.has(roleKey(command.organisationId, command.role))) return [];
      return [
        { type: 'RoleGranted', data: { userId, organisationId: command.organisationId, role: command.role } },
      ];
    case 'RevokeRole':
      if (!state.roles.has(roleKey(command.organisationId, command.role))) {
        throw new DomainError(
          'ROLE_NOT_HELD',
          'not_found',
          `The user does not hold ${command.role} in ${command.organisationId}`,
        );
      }
      return [
        { type: 'RoleRevoked', data: { userId, organisationId: command.organisationId, role: command.role } },
      ];
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  decide: decideUser,
  evolve: evolveUser,
  initialState: () => ({ status: 'none' }),
};
