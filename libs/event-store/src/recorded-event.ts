import type { Position } from './position.js';

/** Why an event happened: a meeting and amendment, a board decision, a follow-up report... */
export interface EventCause {
  readonly kind: 'meeting' | 'board_decision' | 'follow_up' | 'import' | 'system' | 'command';
  readonly reference?: string;
  readonly meetingId?: string;
  readonly amendmentNo?: number;
  /**
   * An import from a file: the file's digest and the corrections a plan editor made to what was
   * read from it, so importing the same file again applies them again and gives the same plan.
   */
  readonly source?: { readonly digest: string; readonly corrections: readonly object[] };
}

/** What every event carries beside its data (DESIGN.md, "Every event carries metadata"). */
export interface EventMetadata {
  readonly actor: string;
  readonly commandId: string;
  /**
   * What the command id is bound to: a digest of the command as it was sent (sha256 of its
   * canonical JSON), and who it belongs to when not the actor (a process, such as a meeting
   * carrying its decisions into the plan). A command id sent again with other content, or by
   * another principal, is refused (libs/plans/src/command-ids.ts). Absent on older events.
   */
  readonly commandDigest?: string;
  readonly commandOwner?: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly cause?: EventCause;
  /** When the change took effect in the world (ISO date), e.g. the adoption date of an imported plan. */
  readonly effectiveAt: string;
  /** When the service recorded it (ISO timestamp); set by the writer, not by the store. */
  readonly recordedAt: string;
}

export interface EventToAppend {
  /** Unique per event; derived from the command id so a retried command appends nothing. */
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent {
  readonly id: string;
  readonly streamId: string;
  /** 0 for a stream's first event, as in EventStoreDB. */
  readonly revision: bigint;
  readonly position: Position;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
}
