/**
 * What a command id is bound to (README, Security): the principal who first used it and the
 * content it carried. The same id with the same content from the same principal is a retry,
 * answered as the first time; anything else under it is refused, never silently dropped.
 */

import { DomainError } from '@app/domain';
import { canonicalJson, EventIdsTaken, type EventMetadata } from '@app/event-store';
import { createHash } from 'node:crypto';
import type { CommandEnvelope } from './command-envelope.js';

/**
 * A command as its id is bound to: what it says, with the date and cause the client gave, but
 * not `now`, the moment it was received, which a retry does not repeat.
 */
export function sentContent(
  command: object,
  envelope: Pick<CommandEnvelope, 'effectiveAt' | 'cause'>,
): Record<string, unknown> {
  const { now: _now, ...content } = command as { now?: unknown };
  return { command: content, effectiveAt: envelope.effectiveAt, cause: envelope.cause };
}

/** The digest of a command's content as sent: the same content gives the same digest, whatever its key order. */
export function commandDigest(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('base64url');
}

/** Who a command id belongs to: the envelope's owner (a process), else its actor. */
export function commandOwnerOf(envelope: Pick<CommandEnvelope, 'actor' | 'owner'>): string {
  return envelope.owner ?? envelope.actor;
}

/** The metadata that binds a command id, for each event the command appends. */
export function commandBinding(
  envelope: Pick<CommandEnvelope, 'actor' | 'owner'>,
  digest: string,
): Pick<EventMetadata, 'commandDigest' | 'commandOwner'> {
  return { commandDigest: digest, ...(envelope.owner ? { commandOwner: envelope.owner } : {}) };
}

/**
 * Refuses a command whose id the stream holds for another principal's command or for other
 * content. Events written before ids were bound carry no digest: only their principal is checked.
 */
export function assertSameCommand(
  envelope: Pick<CommandEnvelope, 'actor' | 'owner' | 'commandId'>,
  digest: string,
  earlier: EventMetadata,
): void {
  if ((earlier.commandOwner ?? earlier.actor) !== commandOwnerOf(envelope)) {
    throw commandIdTaken(envelope.commandId, 'principal');
  }
  if (earlier.commandDigest !== undefined && earlier.commandDigest !== digest) {
    throw commandIdTaken(envelope.commandId, 'content');
  }
}

/** The store's refusal of event ids used before (EventIdsTaken), as the command id it is: another stream's command. */
export function asCommandIdTaken(error: unknown, commandId: string): unknown {
  return error instanceof EventIdsTaken
    ? commandIdTaken(commandId, error.takenIn === error.streamId ? 'content' : 'stream')
    : error;
}

const WHY = {
  principal: 'was used by someone else',
  content: 'was used for a different command',
  stream: 'was used for a command on another plan, meeting or user',
} as const;

/** 409: the command id is someone else's, or another command's. Send a new id for a new command. */
export function commandIdTaken(commandId: string, why: keyof typeof WHY): DomainError {
  return new DomainError(
    'COMMAND_ID_TAKEN',
    'conflict',
    `Command id ${commandId} ${WHY[why]}; nothing was changed. Send a new command id for a new command`,
    { commandId, reason: why },
  );
}
