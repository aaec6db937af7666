import { DomainError } from '../shared/domain-error.js';
import type { CommandContext, Decider, DomainEvent } from '../shared/decider.js';
import { ROLES, SYSTEM_SCOPE, type Role, type RoleGrant } from './roles.js';

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
/**
 * A signed-in session (pages): its id, the hash of the key its cookie carries (the key itself is
 * never stored) and when it ends by itself.
 */
export type SessionStarted = DomainEvent<
  'SessionStarted',
  { userId: string; sessionId: string; keyHash: string; expiresAt: string }
>;
/** Signed out of one session. */
export type SessionEnded = DomainEvent<'SessionEnded', { userId: string; sessionId: string }>;
/** Every session and every token of the user ended at once (as a new password also does). */
export type SignedOutEverywhere = DomainEvent<'SignedOutEverywhere', { userId: string }>;
export type RoleGranted = DomainEvent<'RoleGranted', { userId: string; organisationId: string; role: Role }>;
export type RoleRevoked = DomainEvent<'RoleRevoked', { userId: string; organisationId: string; role: Role }>;

export type UserEvent =
  | UserRegistered
  | PasswordSet
  | ApiTokenIssued
  | ApiTokenRevoked
  | SessionStarted
  | SessionEnded
  | SignedOutEverywhere
  | RoleGranted
  | RoleRevoked;

export const USER_EVENT_TYPES: ReadonlySet<string> = new Set([
  'UserRegistered',
  'PasswordSet',
  'ApiTokenIssued',
  'ApiTokenRevoked',
  'SessionStarted',
  'SessionEnded',
  'SignedOutEverywhere',
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
export type StartSession = CommandContext & {
  readonly type: 'StartSession';
  readonly sessionId: string;
  readonly keyHash: string;
  readonly expiresAt: string;
};
export type EndSession = CommandContext & { readonly type: 'EndSession'; readonly sessionId: string };
export type SignOutEverywhere = CommandContext & { readonly type: 'SignOutEverywhere' };
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
  | RegisterUser
  | SetPassword
  | IssueApiToken
  | RevokeApiToken
  | StartSession
  | EndSession
  | SignOutEverywhere
  | GrantRole
  | RevokeRole;

/** A bearer token as the user's stream has it. */
export interface TokenState {
  readonly tokenHash: string;
  readonly expiresAt: string | undefined;
  /** Revoked, or ended with all the others by a new password or "sign out everywhere". */
  readonly ended: boolean;
}

/** A session not signed out of (it may have expired). */
export interface SessionState {
  readonly keyHash: string;
  readonly expiresAt: string;
}

export type UserState =
  | { readonly status: 'none' }
  | {
      readonly status: 'registered';
      readonly userId: string;
      readonly username: string;
      /** The argon2 hash of the password; null until one is set (an OIDC account has none). */
      readonly passwordHash: string | null;
      /** Every token ever issued, by id. */
      readonly tokens: ReadonlyMap<string, TokenState>;
      /** The sessions not signed out of, by id. */
      readonly sessions: ReadonlyMap<string, SessionState>;
      /** `organisationId role` pairs currently held. */
      readonly roles: ReadonlySet<string>;
    };

type Registered = Extract<UserState, { status: 'registered' }>;

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,99}$/;

const roleKey = (organisationId: string, role: Role) => `${organisationId} ${role}`;

/** Every session and token ends: after a new password, or when signed out everywhere. */
function endEverything(state: Registered): Registered {
  const tokens = new Map<string, TokenState>();
  for (const [id, token] of state.tokens) tokens.set(id, token.ended ? token : { ...token, ended: true });
  return { ...state, tokens, sessions: new Map() };
}

export function evolveUser(state: UserState, event: UserEvent): UserState {
  if (event.type === 'UserRegistered') {
    return {
      status: 'registered',
      userId: event.data.userId,
      username: event.data.username,
      passwordHash: null,
      tokens: new Map(),
      sessions: new Map(),
      roles: new Set(),
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'PasswordSet':
      return { ...endEverything(state), passwordHash: event.data.passwordHash };
    case 'SignedOutEverywhere':
      return endEverything(state);
    case 'ApiTokenIssued':
      return {
        ...state,
        tokens: new Map(state.tokens).set(event.data.tokenId, {
          tokenHash: event.data.tokenHash,
          expiresAt: event.data.expiresAt,
          ended: false,
        }),
      };
    case 'ApiTokenRevoked': {
      const token = state.tokens.get(event.data.tokenId);
      if (!token) return state;
      return { ...state, tokens: new Map(state.tokens).set(event.data.tokenId, { ...token, ended: true }) };
    }
    case 'SessionStarted':
      return {
        ...state,
        sessions: new Map(state.sessions).set(event.data.sessionId, {
          keyHash: event.data.keyHash,
          expiresAt: event.data.expiresAt,
        }),
      };
    case 'SessionEnded': {
      const sessions = new Map(state.sessions);
      sessions.delete(event.data.sessionId);
      return { ...state, sessions };
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

/** Whether the credential is still good at `now` (ISO timestamps compare as text). */
const unexpired = (expiresAt: string | undefined, now: string): boolean =>
  expiresAt === undefined || expiresAt > now;

/** The token with this hash, if it is neither revoked, ended nor expired at `now`. */
export function activeToken(
  state: UserState,
  tokenHash: string,
  now: string,
): { readonly tokenId: string; readonly expiresAt: string | undefined } | undefined {
  if (state.status !== 'registered') return undefined;
  for (const [tokenId, token] of state.tokens) {
    if (token.tokenHash === tokenHash && !token.ended && unexpired(token.expiresAt, now)) {
      return { tokenId, expiresAt: token.expiresAt };
    }
  }
  return undefined;
}

/** The session whose key has this hash, if it was not signed out of and has not expired at `now`. */
export function activeSession(
  state: UserState,
  keyHash: string,
  now: string,
): { readonly sessionId: string; readonly expiresAt: string } | undefined {
  if (state.status !== 'registered') return undefined;
  for (const [sessionId, session] of state.sessions) {
    if (session.keyHash === keyHash && unexpired(session.expiresAt, now)) {
      return { sessionId, expiresAt: session.expiresAt };
    }
  }
  return undefined;
}

/** The roles the user holds now, by organisation and role. */
export function grantsOf(state: UserState): RoleGrant[] {
  if (state.status !== 'registered') return [];
  // Keys are `organisationId role` and ids hold no spaces: sorted by organisation, then role.
  return [...state.roles].sort().map((key) => {
    const cut = key.indexOf(' ');
    return { organisationId: key.slice(0, cut), role: key.slice(cut + 1) as Role };
  });
}

/** Whether anything could still sign in as the user: a token or session not ended or expired at `now`. */
function anythingActive(state: Registered, now: string): boolean {
  for (const token of state.tokens.values()) if (!token.ended && unexpired(token.expiresAt, now)) return true;
  for (const session of state.sessions.values()) if (unexpired(session.expiresAt, now)) return true;
  return false;
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
    case 'RevokeApiToken': {
      const token = state.tokens.get(command.tokenId);
      if (!token) {
        throw new DomainError('TOKEN_NOT_FOUND', 'not_found', 'No such token for this user');
      }
      // Revoked before, or ended by a new password or "sign out everywhere": nothing more to end.
      if (token.ended) return [];
      return [{ type: 'ApiTokenRevoked', data: { userId, tokenId: command.tokenId } }];
    }
    case 'StartSession':
      if (state.sessions.has(command.sessionId)) return [];
      return [
        {
          type: 'SessionStarted',
          data: {
            userId,
            sessionId: command.sessionId,
            keyHash: command.keyHash,
            expiresAt: command.expiresAt,
          },
        },
      ];
    case 'EndSession':
      // Signed out before (or ended with all the others): nothing more to end.
      if (!state.sessions.has(command.sessionId)) return [];
      return [{ type: 'SessionEnded', data: { userId, sessionId: command.sessionId } }];
    case 'SignOutEverywhere':
      if (!anythingActive(state, command.now)) return [];
      return [{ type: 'SignedOutEverywhere', data: { userId } }];
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
