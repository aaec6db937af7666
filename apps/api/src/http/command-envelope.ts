import { BadRequestException } from '@nestjs/common';
import { isIsoDate, notAnIsoDate } from '@app/domain';
import type { EventCause } from '@app/event-store';
import type { CommandEnvelope } from '@app/plans';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { logCommandId } from '../auth/logging.js';
import type {} from '../auth/principal.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a client may name its command by this id: a UUID, but not a name-based one (version
 * 3 or 5). Those are the ids Planverk derives for its own commands (a meeting's steps, a
 * document's import, entities and events), so no id a client chooses can take one of them
 * (docs/adr/0017).
 */
export function isClientCommandId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value) && !NAME_BASED.has(value.charAt(14));
}

const NAME_BASED = new Set(['3', '5']);

const NOT_A_CLIENT_ID =
  'A command id must be a random (version 4) or time-ordered (version 7) UUID; name-based UUIDs (version 3 or 5) are the ones Planverk derives for its own commands';

/**
 * The envelope of an HTTP command: its id (body `commandId` or the Idempotency-Key header),
 * the revision the client expects (If-Match), and who sends it.
 */
export function envelopeFrom(
  request: Request,
  body: { commandId?: string | undefined; effectiveAt?: string | undefined; cause?: EventCause | undefined },
  /** freshId: always a new command id, whatever the client sends (a command that must never be retried). */
  options: { freshId?: boolean } = {},
): CommandEnvelope {
  const header = request.header('idempotency-key')?.trim();
  if (header && !UUID.test(header)) {
    throw new BadRequestException('Idempotency-Key must be a UUID');
  }
  if (header && body.commandId && header.toLowerCase() !== body.commandId.toLowerCase()) {
    throw new BadRequestException('Idempotency-Key and commandId differ; send one of them');
  }
  const expected = parseIfMatch(request.header('if-match'));
  if (body.effectiveAt !== undefined && !isIsoDate(body.effectiveAt)) {
    throw new BadRequestException(notAnIsoDate('effectiveAt', body.effectiveAt));
  }
  const sent = body.commandId ?? header;
  if (sent !== undefined && !isClientCommandId(sent)) throw new BadRequestException(NOT_A_CLIENT_ID);
  const commandId = options.freshId ? randomUUID() : (sent ?? randomUUID());
  logCommandId(request, commandId);
  return {
    commandId,
    // The authenticated principal, set by the access guard; never a value from the body.
    actor: actorOf(request),
    correlationId: request.header('x-correlation-id')?.slice(0, 100) || undefined,
    now: new Date().toISOString(),
    ...(body.effectiveAt ? { effectiveAt: body.effectiveAt } : {}),
    ...(body.cause ? { cause: { ...body.cause } } : {}),
    ...(expected !== undefined ? { expectedRevision: expected } : {}),
  } as CommandEnvelope;
}

/** Who the request acts as: the signed-in user or token owner (`user:<id>`); `anonymous` only on public routes. */
export function actorOf(request: Request): string {
  return request.principal?.actor ?? 'anonymous';
}

/** If-Match: the plan revision the client last saw, as a bare or quoted (ETag) number. */
function parseIfMatch(value: string | undefined): bigint | undefined {
  if (value === undefined || value.trim() === '' || value.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value.trim());
  if (!match) throw new BadRequestException('If-Match must be the plan revision, e.g. "3"');
  return BigInt(match[1]!);
}

/** A command body without the envelope fields: what goes into the command itself. */
export function commandData<T extends { commandId?: unknown; effectiveAt?: unknown; cause?: unknown }>(
  dto: T,
): Omit<T, 'commandId' | 'effectiveAt' | 'cause'> {
  const { commandId: _id, effectiveAt: _at, cause: _cause, ...data } = dto;
  return data;
}
