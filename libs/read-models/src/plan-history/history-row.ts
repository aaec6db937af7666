/** One plan event of the history (rm_plan_history), as the history queries give it. */
export interface HistoryRow {
  readonly streamRevision: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly elementKind: string;
  readonly elementId: string | null;
  readonly data: Record<string, unknown>;
  readonly actor: string;
  readonly commandId: string;
  readonly cause: Record<string, unknown> | null;
  readonly recordedAt: string;
  readonly effectiveAt: string;
  /** The actor by the name people know them by ("kari", "demodata"), where a reader looked it up. */
  readonly actorName?: string;
  /** The cause in words, its meeting by name ("Oslo SVs årsmøte 2026 (eksempel), endringsforslag 4"), where a reader looked it up. */
  readonly causeName?: string;
}

/** What folding a plan needs of a history row. */
export type TimelineRow = Pick<HistoryRow, 'streamRevision' | 'eventType' | 'data' | 'actor' | 'effectiveAt'>;
