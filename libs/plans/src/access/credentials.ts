import argon2 from 'argon2';
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** argon2id with the library's defaults (OWASP's recommended parameters). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of a password nobody knows: verified against when the user does not exist, so timing tells nothing. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

export const API_TOKEN_PREFIX = 'pvk_';

/**
 * A new bearer token for a user: `pvk_<user id>.<32 random bytes>`. The user id in it says
 * whose stream holds the token, so checking it reads that stream and no table a rebuild could
 * empty. Only its SHA-256 is stored (a token has full entropy, so a fast hash is enough; a
 * password needs argon2 because it has little).
 */
export function newApiToken(userId: string): { tokenId: string; token: string; tokenHash: string } {
  const token = `${API_TOKEN_PREFIX}${userId}.${randomBytes(32).toString('base64url')}`;
  return { tokenId: randomUUID(), token, tokenHash: hashSecret(token) };
}

const TOKEN_WITH_USER =
  /^pvk_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/;

/**
 * Whose token this is, as far as the token says (undefined for a token issued before tokens
 * named their user: look its hash up), and the hash it is stored under.
 */
export function readApiToken(token: string): { userId: string | undefined; tokenHash: string } {
  return { userId: TOKEN_WITH_USER.exec(token)?.[1], tokenHash: hashSecret(token) };
}

/** A new session's key (what its cookie carries, with the user id) and the hash that is stored. */
export function newSessionKey(): { sessionId: string; key: string; keyHash: string } {
  const key = randomBytes(32).toString('base64url');
  return { sessionId: randomUUID(), key, keyHash: hashSecret(key) };
}

/** The SHA-256 of a secret with full entropy (a token, a session key): what is stored of it. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A password for the demo's admin: 20 characters from an unambiguous alphabet. */
export function randomPassword(length = 20): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}
