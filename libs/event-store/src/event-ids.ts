import { v5 as uuidv5 } from 'uuid';
import { canonicalJson } from './canonical-json.js';

/** Namespace for event ids derived from command ids (a fixed, random UUID). */
const EVENT_ID_NAMESPACE = '1f0d6c1e-8a4b-4d5e-9c3a-5b7e2d9f4a61';

/**
 * The id of the n-th event a command produces. The same command id always yields the same
 * event ids, which is what makes a retried command append nothing (EVENT-STORE.md, 4).
 */
export function eventIdFor(commandId: string, index: number): string {
  return uuidv5(`${commandId}#${index}`, EVENT_ID_NAMESPACE);
}

/**
 * Whether a stored event is the one an append would write under its id (same type and data):
 * a retry, rather than the id used for another event. Data is compared as JSON with its keys in
 * one order, as a store that keeps JSON (jsonb) may give them back in another.
 */
export function isSameEvent(
  stored: { readonly type: string; readonly data: unknown },
  appended: { readonly type: string; readonly data: unknown },
): boolean {
  return stored.type === appended.type && canonicalJson(stored.data) === canonicalJson(appended.data);
}
