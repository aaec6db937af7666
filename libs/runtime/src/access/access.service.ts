import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@app/database';
import {
  activeSession,
  activeToken,
  grantsOf,
  SYSTEM_SCOPE,
  type ExternalIdentity,
  type Role,
  type RoleGrant,
  type UserState,
} from '@app/domain';
import {
  AccessCommandRunner,
  decoyPasswordHash,
  deriveEntityId,
  hashPassword,
  hashSecret,
  newApiToken,
  newSessionKey,
  randomPassword,
  readApiToken,
  verifyPassword,
  type CommandEnvelope,
  type CommandOutcome,
  userIdFor,
} from '@app/plans';
import {
  findTokenOwner,
  findUserByExternalIdentity,
  ProjectionRunner,
  roleHoldersBetween,
  type RoleHolder,
  type UserRecord,
} from '@app/read-models';
import { DATABASE } from '../tokens.js';

export interface IssuedToken {
  readonly userId: string;
  readonly tokenId: string;
  /** Shown once; only its hash is stored. */
  readonly token: string;
  readonly expiresAt: string | null;
}

/** Who a credential belongs to, with their roles now: what a request's principal is built from. */
export interface CredentialOwner {
  readonly userId: string;
  readonly username: string;
  readonly grants: RoleGrant[];
}

/** A session just started: the value its cookie carries, and when it ends by itself. */
export interface StartedSession {
  readonly cookie: string;
  readonly expiresAt: string;
}

export const MIN_PASSWORD_LENGTH = 12;

/**
 * Users, credentials and roles: commands through the user decider (passwords hashed here,
 * never in the domain). Whether a password, token or session is good, and the roles its user
 * holds, are read from the user's own stream in the event store (AccessCommandRunner), so a
 * revocation, a sign-out or a new password holds at the next request, in every api process,
 * whatever the read models are doing. Changes to users and roles wait for the read models
 * (the role listings and the OIDC lookup read them); credentials need not.
 */
@Injectable()
export class AccessService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly runner: AccessCommandRunner,
    private readonly projections: ProjectionRunner,
  ) {}

  async registerUser(
    envelope: CommandEnvelope,
    user: {
      username: string;
      password?: string;
      externalIdentity?: ExternalIdentity;
      /** Ignored: a user's id follows from the username (userIdFor), which keeps names unique. */
      userId?: string;
    },
  ): Promise<{ userId: string }> {
    const userId = userIdFor(user.username);
    if (user.password !== undefined) checkPasswordStrength(user.password);
    await this.settled(
      this.runner.runUser(userId, envelope, {
        type: 'RegisterUser',
        userId,
        username: user.username,
        ...(user.externalIdentity ? { externalIdentity: user.externalIdentity } : {}),
      }),
    );
    if (user.password !== undefined) {
      await this.setPassword(
        { ...envelope, commandId: deriveEntityId(envelope.commandId, 'password') },
        userId,
        user.password,
      );
    }
    return { userId };
  }

  /** A new password, which ends every session and token the user had (the domain's rule). */
  async setPassword(envelope: CommandEnvelope, userId: string, password: string): Promise<CommandOutcome> {
    checkPasswordStrength(password);
    const passwordHash = await hashPassword(password);
    return this.runner.runUser(userId, envelope, { type: 'SetPassword', passwordHash });
  }

  async issueToken(
    envelope: CommandEnvelope,
    userId: string,
    label: string,
    expiresAt?: string,
  ): Promise<IssuedToken> {
    const { tokenId, token, tokenHash } = newApiToken(userId);
    await this.runner.runUser(userId, envelope, {
      type: 'IssueApiToken',
      tokenId,
      tokenHash,
      label,
      ...(expiresAt ? { expiresAt } : {}),
    });
    return { userId, tokenId, token, expiresAt: expiresAt ?? null };
  }

  revokeToken(envelope: CommandEnvelope, userId: string, tokenId: string): Promise<CommandOutcome> {
    return this.runner.runUser(userId, envelope, { type: 'RevokeApiToken', tokenId });
  }

  /** Ends every session and token of the user (a lost laptop, a leaked token, someone leaving). */
  signOutEverywhere(envelope: CommandEnvelope, userId: string): Promise<CommandOutcome> {
    return this.runner.runUser(userId, envelope, { type: 'SignOutEverywhere' });
  }

  /** A signed-in session for the user, lasting `hours`: recorded in their stream, its key only as a hash. */
  async startSession(envelope: CommandEnvelope, userId: string, hours: number): Promise<StartedSession> {
    const { sessionId, key, keyHash } = newSessionKey();
    const expiresAt = new Date(Date.parse(envelope.now) + hours * 3_600_000).toISOString();
    await this.runner.runUser(userId, envelope, { type: 'StartSession', sessionId, keyHash, expiresAt });
    return { cookie: `${userId}${SESSION_SEPARATOR}${key}`, expiresAt };
  }

  /** Signs out of the session the cookie names, if it is still on: from then on it reads and writes nothing. */
  async endSession(envelope: (userId: string) => CommandEnvelope, cookie: string): Promise<void> {
    const session = await this.findSession(cookie);
    if (!session) return;
    await this.runner.runUser(session.owner.userId, envelope(session.owner.userId), {
      type: 'EndSession',
      sessionId: session.sessionId,
    });
  }

  grantRole(envelope: CommandEnvelope, userId: string, organisationId: string, role: Role) {
    return this.settled(this.runner.runUser(userId, envelope, { type: 'GrantRole', organisationId, role }));
  }

  revokeRole(envelope: CommandEnvelope, userId: string, organisationId: string, role: Role) {
    return this.settled(this.runner.runUser(userId, envelope, { type: 'RevokeRole', organisationId, role }));
  }

  /**
   * The user, when the password is theirs, from their stream (a user's id follows from the
   * username). Always spends one argon2 verification, so timing tells nothing.
   */
  async checkPassword(username: string, password: string): Promise<UserRecord | undefined> {
    const user = await this.findUserByUsername(username);
    const hash = user?.passwordHash ?? (await decoyPasswordHash());
    const ok = await verifyPassword(hash, password);
    return ok && user?.passwordHash ? user : undefined;
  }

  /** The owner of a token that is neither unknown, revoked, ended nor expired, with their roles now. */
  async tokenPrincipal(token: string): Promise<(CredentialOwner & { tokenId: string }) | undefined> {
    const { userId: named, tokenHash } = readApiToken(token);
    // A token from before tokens named their user: its owner from the read model (an owner
    // never changes; whether the token is still good is decided from the stream below).
    const userId = named ?? (await findTokenOwner(this.database.db, tokenHash));
    if (!userId) return undefined;
    const state = await this.runner.loadUser(userId);
    const found = activeToken(state, tokenHash, new Date().toISOString());
    return found ? { ...ownerOf(state)!, tokenId: found.tokenId } : undefined;
  }

  /** The owner of the session a (signature-checked) cookie names, if it is still on, with their roles now. */
  async sessionPrincipal(cookie: string): Promise<CredentialOwner | undefined> {
    return (await this.findSession(cookie))?.owner;
  }

  private async findSession(
    cookie: string,
  ): Promise<{ owner: CredentialOwner; sessionId: string } | undefined> {
    const cut = cookie.indexOf(SESSION_SEPARATOR);
    if (cut <= 0) return undefined;
    const userId = cookie.slice(0, cut);
    if (!USER_ID.test(userId)) return undefined;
    const state = await this.runner.loadUser(userId);
    const found = activeSession(state, hashSecret(cookie.slice(cut + 1)), new Date().toISOString());
    return found ? { owner: ownerOf(state)!, sessionId: found.sessionId } : undefined;
  }

  /** The user as their stream has it now (registered, with a password hash if they have one). */
  async findUser(userId: string): Promise<UserRecord | undefined> {
    const state = await this.runner.loadUser(userId);
    return state.status === 'registered'
      ? { userId: state.userId, username: state.username, passwordHash: state.passwordHash }
      : undefined;
  }

  findUserByUsername(username: string): Promise<UserRecord | undefined> {
    return this.findUser(userIdFor(username));
  }

  findExternalUser(issuer: string, subject: string): Promise<UserRecord | undefined> {
    return findUserByExternalIdentity(this.database.db, issuer, subject);
  }

  /** The roles the user holds now. */
  async grants(userId: string): Promise<RoleGrant[]> {
    return grantsOf(await this.runner.loadUser(userId));
  }

  /** Who held a role in the organisation at any moment of the day `date` (YYYY-MM-DD, UTC). */
  roleHoldersOn(organisationId: string, date: string): Promise<RoleHolder[]> {
    const from = `${date}T00:00:00.000Z`;
    const next = new Date(Date.parse(from) + 86_400_000).toISOString();
    return roleHoldersBetween(this.database.db, organisationId, from, next);
  }

  /**
   * The embedded demo's administrator: created once, with a random password that is returned
   * (to be printed) only that once; afterwards only its argon2 hash exists.
   */
  async ensureDemoAdmin(): Promise<{ username: string; password: string } | undefined> {
    const username = DEMO_ADMIN_USERNAME;
    const userId = userIdFor(username);
    if (await this.runner.loadUser(userId).then((s) => s.status !== 'none')) return undefined;
    const password = randomPassword();
    const envelope = (key: string): CommandEnvelope => ({
      commandId: deriveEntityId('00000000-0000-4000-8000-000000000000', `demo-admin:${key}`),
      actor: 'system:demo',
      now: new Date().toISOString(),
      cause: { kind: 'system', reference: 'Demo administrator' },
    });
    await this.registerUser(envelope('register'), { username, password });
    await this.grantRole(envelope('grant'), userId, SYSTEM_SCOPE, 'admin');
    return { username, password };
  }

  /** Once the read models show the change (or 10 s have passed): for what the listings read. */
  private async settled(command: Promise<CommandOutcome>): Promise<CommandOutcome> {
    const outcome = await command;
    if (outcome.position) await this.projections.caughtUpTo(outcome.position, 10_000).catch(() => undefined);
    return outcome;
  }
}

/** Between the user id and the key in a session cookie's value. */
const SESSION_SEPARATOR = '.';
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

function ownerOf(state: UserState): CredentialOwner | undefined {
  return state.status === 'registered'
    ? { userId: state.userId, username: state.username, grants: grantsOf(state) }
    : undefined;
}

export const DEMO_ADMIN_USERNAME = 'admin';

export class WeakPasswordError extends Error {
  readonly code = 'WEAK_PASSWORD';
}

function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 200) {
    throw new WeakPasswordError(`A password must be ${MIN_PASSWORD_LENGTH} to 200 characters long`);
  }
}
