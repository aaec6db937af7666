import { Logger } from '@nestjs/common';
import type { PlanverkConfig } from '@app/config';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The secret that signs session cookies and CSRF tokens: PLANVERK_SESSION_SECRET; for the
 * embedded demo a generated one kept in its data directory (mode 600); otherwise a random
 * one for this process only (sessions end when it stops), with a warning.
 */
export function resolveSessionSecret(config: PlanverkConfig): string {
  if (config.security.sessionSecret) return config.security.sessionSecret;
  if (config.database.kind === 'pglite') {
    mkdirSync(config.database.dataDir, { recursive: true });
    const file = join(config.database.dataDir, 'session-secret');
    if (existsSync(file)) {
      const stored = readFileSync(file, 'utf8').trim();
      if (stored.length >= 32) return stored;
    }
    const secret = randomBytes(32).toString('hex');
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return secret;
  }
  new Logger('Security').warn(
    'PLANVERK_SESSION_SECRET is not set: using a random secret, so sessions end when this process stops',
  );
  return randomBytes(32).toString('hex');
}
