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
