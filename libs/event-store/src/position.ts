/**
 * A place in the global order of all events: opaque to callers, totally ordered.
 *
 * It is a pair because neither store has a single number that is safe to tail by:
 * PostgreSQL orders by (transaction id, sequence) so that a transaction committing late
 * is never skipped (docs/adr/0003), and EventStoreDB positions are (commit, prepare).
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Before every event: reading all from here starts at the very first event. */
export const START: Position = Object.freeze({ commit: -1n, prepare: -1n });

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** "commit/prepare", the form used in checkpoints, HTTP responses and the CLI. */
export function formatPosition(position: Position): string {
  return `${position.commit}/${position.prepare}`;
}

export function parsePosition(text: string): Position {
  const match = /^(-?\d+)\/(-?\d+)$/.exec(text.trim());
  if (!match) throw new Error(`Not a position: "${text}" (expected "commit/prepare")`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}
