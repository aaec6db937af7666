import type { TransportedError } from './transported-error.js';

/** Every worker is busy and the queue is full: the caller should try again in a few seconds. */
export class OffThreadBusy extends Error {
  readonly code = 'BUSY';
  constructor() {
    super('The server is busy reading other documents; try again in a few seconds');
    this.name = 'OffThreadBusy';
  }
}

/** The task ran out of its time or memory: the input is too large or too complex to handle. */
export class OffThreadLimitExceeded extends Error {
  readonly code = 'TOO_COMPLEX';
  constructor(readonly limit: 'time' | 'memory') {
    super(
      limit === 'time'
        ? 'The document is too large or too complex to read in the time allowed'
        : 'The document is too large or too complex to read in the memory allowed',
    );
    this.name = 'OffThreadLimitExceeded';
  }
}

/** An error the task threw that its definition does not revive: a fault, not the input's. */
export class OffThreadTaskError extends Error {
  constructor(readonly transported: TransportedError) {
    super(`${transported.name}: ${transported.message}`);
    this.name = 'OffThreadTaskError';
  }
}
