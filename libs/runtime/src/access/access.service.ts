import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@app/database';
import { SYSTEM_SCOPE, type ExternalIdentity, type Role, type RoleGrant } from '@app/domain';
import {
  AccessCommandRunner,
  decoyPasswordHash,
  deriveEntityId,
  hashApiToken,
  hashPassword,
  newApiToken,
  randomPassword,
  verifyPassword,
  type CommandEnvelope,
  type CommandOutcome,
  userIdFor,
} from '@app/plans';
import {
  currentGrants,
  findTokenPrincipal,
  findUserByExternalIdentity,
  findUserById,
  findUserByUsername,
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

export const MIN_PASSWORD_LENGTH = 12;

/**
 * Users, credentials and roles: commands through the user decider (passwords hashed here,
 * never in the domain), answers from the access read model. Every write waits for the read
 * model, so a token or role works as soon as the call returns.
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
      await this.runner.runUser(userId, envelope, {
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

  async setPassword(envelope: CommandEnvelope, userId: string, password: string): Promise<CommandOutcome> {
    checkPasswordStrength(password);
    const passwordHash = await hashPassword(password);
    return this.settled(await this.runner.runUser(userId, envelope, { type: 'SetPassword', passwordHash }));
  }

  async issueToken(
    envelope: CommandEnvelope,
    userId: string,
    label: string,
    expiresAt?: string,
  ): Promise<IssuedToken> {
    const { tokenId, token, tokenHash } = newApiToken();
    await this.settled(
      await this.runner.runUser(userId, envelope, {
        type: 'IssueApiToken',
        tokenId,
        tokenHash,
        label,
        ...(expiresAt ? { expiresAt } : {}),
      }),
    );
    return { userId, tokenId, token, expiresAt: expiresAt ?? null };
  }

  async revokeToken(envelope: CommandEnvelope, userId: string, tokenId: string): Promise<CommandOutcome> {
    return this.settled(await this.runner.runUser(userId, envelope, { type: 'RevokeApiToken', tokenId }));
  }

  async grantRole(envelope: CommandEnvelope, userId: string, organisationId: string, role: Role) {
    return this.settled(
      await this.runner.runUser(userId, envelope, { type: 'GrantRole', organisationId, role }),
    );
  }

  async revokeRole(envelope: CommandEnvelope, userId: string, organisationId: string, role: Role) {
    return this.settled(
      await this.runner.runUser(userId, envelope, { type: 'RevokeRole', organisationId, role }),
    );
  }

  /** The user, when the password is theirs. Always spends one argon2 verification, so timing tells nothing. */
  async checkPassword(username: string, password: string): Promise<UserRecord | undefined> {
    const user = await findUserByUsername(this.database.db, username);
    const hash = user?.passwordHash ?? (await decoyPasswordHash());
    const ok = await verifyPassword(hash, password);
    return ok && user?.passwordHash ? user : undefined;
  }

  /** The token's owner and their roles now, or undefined for an unknown, revoked or expired token. */
  tokenPrincipal(
    token: string,
  ): Promise<{ userId: string; tokenId: string; grants: RoleGrant[] } | undefined> {
    return findTokenPrincipal(this.database.db, hashApiToken(token), new Date().toISOString());
  }

  findUser(userId: string): Promise<UserRecord | undefined> {
    return findUserById(this.database.db, userId);
  }

  findUserByUsername(username: string): Promise<UserRecord | undefined> {
    return findUserByUsername(this.database.db, username);
  }

  findExternalUser(issuer: string, subject: string): Promise<UserRecord | undefined> {
    return findUserByExternalIdentity(this.database.db, issuer, subject);
  }

  grants(userId: string): Promise<RoleGrant[]> {
    return currentGrants(this.database.db, userId);
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

  private async settled(outcome: CommandOutcome): Promise<CommandOutcome> {
    if (outcome.position) await this.projections.caughtUpTo(outcome.position, 10_000).catch(() => undefined);
    return outcome;
  }
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
