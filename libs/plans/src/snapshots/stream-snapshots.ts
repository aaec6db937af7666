/**
 * A stream's folded state as it was at one revision, kept so a command on a long stream (a plan
 * followed up for years: thousands of events) reads only the events after it. Derived data: it
 * can be thrown away at any time, and is used only when its fold version and its last event
 * still match the stream (docs/adr/0009).
 */
export interface StreamSnapshot {
  readonly streamId: string;
  /** Which fold wrote it (`PLAN_SNAPSHOT_VERSION`); another version's snapshot is not used. */
  readonly version: number;
  /** The revision of the last event folded into it. */
  readonly revision: bigint;
  /** The id of that event: a snapshot whose event is not the stream's event at `revision` is stale. */
  readonly lastEventId: string;
  readonly state: unknown;
  /** Command id -> revision of its last event, for answering a retried command. */
  readonly commands: ReadonlyArray<readonly [string, number]>;
}

/** Where snapshots are kept (the port; the runtime gives the adapter over the read-model database). */
export abstract class StreamSnapshots {
  abstract load(streamId: string, version: number): Promise<StreamSnapshot | undefined>;
  /** Keeps `snapshot` unless one of a later revision is kept already. */
  abstract save(snapshot: StreamSnapshot): Promise<void>;
}

/** How to turn a stream's state into a snapshot and back (the domain's `planSnapshot`, for plans). */
export interface SnapshotCodec<State> {
  readonly version: number;
  encode(state: State): unknown;
  decode(snapshot: unknown): State;
}
