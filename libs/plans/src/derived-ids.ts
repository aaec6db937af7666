import { v5 as uuidv5 } from 'uuid';

const ENTITY_ID_NAMESPACE = '6b1f7c52-2d0e-4b8a-a7f3-93c1e2d4b5a8';

/**
 * The id of an entity (section, measure) a command creates, derived from the command id so a
 * retried command names the same entity, and replaying the same commands gives the same ids.
 */
export function deriveEntityId(commandId: string, kind: string, index = 0): string {
  return uuidv5(`${commandId}/${kind}/${index}`, ENTITY_ID_NAMESPACE);
}
