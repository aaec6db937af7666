import { EventStoreUnavailable } from '@app/event-store';

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/** SQLSTATE classes meaning the server went away or is starting or stopping. */
export function isConnectionFailure(error: unknown): boolean {
  // Not `instanceof Error`: errors from Node's own sockets may come from another realm (Jest's vm).
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_CODES.has(code)) return true;
    if (/^(08|57P)/.test(code)) return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    String((error as { message?: unknown }).message),
  );
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e?.code !== '23505') return false;
  return e.constraint === constraint || String(e.message).includes(constraint);
}

/** Rethrows connection failures as the port's EventStoreUnavailable, anything else as is. */
export function translateError(error: unknown): never {
  if (isConnectionFailure(error)) throw new EventStoreUnavailable(error);
  throw error;
}
