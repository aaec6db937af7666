import type { RecordedEvent } from '@app/event-store';
import type { Transaction } from 'kysely';

/**
 * A read model fed by events. `apply` runs inside the transaction that also moves the
 * projection's checkpoint, so rows and checkpoint commit together (exactly once).
 * It must be deterministic: a rebuild from position 0 gives byte-identical rows.
 */
export interface Projection {
  readonly name: string;
  /** The tables it owns, emptied by a rebuild. */
  readonly tables: readonly string[];
  apply(trx: Transaction<any>, events: readonly RecordedEvent[]): Promise<void>;
}
