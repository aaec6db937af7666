import type { EventCause, ExpectedRevision, Position } from '@app/event-store';

/** Who sends a command, why, and what they expect of the stream: the part of a command that is not its data. */
export interface CommandEnvelope {
  /**
   * Makes the command idempotent: re-sending the same id with the same content appends nothing
   * new. The id belongs to its owner and its content (command-ids.ts): other content under it is refused.
   */
  readonly commandId: string;
  /** The authenticated principal (or the CLI user); never taken from a request body. */
  readonly actor: string;
  /**
   * Who the command id belongs to when not the actor: the process that derives it (a meeting's
   * steps are the meeting's, whichever officer's vote set them off).
   */
  readonly owner?: string;
  readonly correlationId?: string;
  readonly cause?: EventCause;
  /** ISO date the change took effect; defaults to the day the command was received. */
  readonly effectiveAt?: string;
  /** From If-Match: the revision the client last saw. */
  readonly expectedRevision?: ExpectedRevision;
  /** ISO timestamp when the command was received. */
  readonly now: string;
}

export interface CommandOutcome {
  readonly streamId: string;
  /** The stream's revision after the command (-1 when the stream still does not exist). */
  readonly revision: bigint;
  /** Where the command's last event is, so a reader can wait for its projections to catch up. */
  readonly position: Position | undefined;
  /** False when nothing was appended: a retried command id, or a command that changed nothing. */
  readonly appended: boolean;
}
