import type { ExpectedRevision } from './expected-revision.js';

/** The one concurrency error of the port: the stream was not at the revision the writer expected. */
export class ExpectedRevisionConflict extends Error {
  readonly code = 'EXPECTED_REVISION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual revision, or 'no_stream' when it does not exist. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      `Stream "${streamId}" is at revision ${String(actual)}, but ${describeExpected(expected)} was expected`,
    );
    this.name = 'ExpectedRevisionConflict';
  }
}

/**
 * Some of an append's event ids are stored already, for other events: in another stream, or in
 * this one with another type or data. Event ids derive from the command id (eventIdFor), so this
 * is a command id used before for another command; never a retry, which is answered as the first
 * time. Not retryable: the same ids would be refused again.
 */
export class EventIdsTaken extends Error {
  readonly code = 'EVENT_IDS_TAKEN';
  constructor(
    readonly streamId: string,
    /** The stream the ids were used in (the same stream when the events there differ). */
    readonly takenIn: string,
  ) {
    super(
      takenIn === streamId
        ? `The event ids of this append to "${streamId}" were used there for other events`
        : `The event ids of this append to "${streamId}" were used for events of another stream`,
    );
    this.name = 'EventIdsTaken';
  }
}

/** The store could not be reached; the caller may retry later. */
export class EventStoreUnavailable extends Error {
  readonly code = 'EVENT_STORE_UNAVAILABLE';
  constructor(cause: unknown) {
    super('The event store is unavailable', { cause });
    this.name = 'EventStoreUnavailable';
  }
}

/** The events of one append are more than the store takes at once (EventStoreDB: 1 MiB by default). */
export class AppendTooLarge extends Error {
  readonly code = 'APPEND_TOO_LARGE';
  constructor(
    readonly streamId: string,
    /** The store's limit in bytes, when it said. */
    readonly maxBytes: number | undefined,
    cause?: unknown,
  ) {
    super(
      `The change to "${streamId}" is larger than the event store takes in one append${maxBytes ? ` (${maxBytes} bytes)` : ''}`,
      { cause },
    );
    this.name = 'AppendTooLarge';
  }
}

function describeExpected(expected: ExpectedRevision): string {
  return typeof expected === 'bigint' ? `revision ${expected}` : `"${expected}"`;
}
