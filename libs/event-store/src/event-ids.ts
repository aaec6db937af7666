import { v5 as uuidv5 } from 'uuid';

/** Namespace for event ids derived from command ids (a fixed, random UUID). */
const EVENT_ID_NAMESPACE = '1f0d6c1e-8a4b-4d5e-9c3a-5b7e2d9f4a61';

/**
 * The id of the n-th event a command produces. The same command id always yields the same
 * event ids, which is what makes a retried command append nothing (EVENT-STORE.md, 4).
 */
export function eventIdFor(commandId: string, index: number): string {
  return uuidv5(`${commandId}#${index}`, EVENT_ID_NAMESPACE);
}
