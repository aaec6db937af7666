import { v5 as uuidv5 } from 'uuid';

export const USER_STREAM_PREFIX = 'user-';
export const PLAN_VISIBILITY_STREAM_PREFIX = 'plan-visibility-';

export function userStreamId(userId: string): string {
  return `${USER_STREAM_PREFIX}${userId}`;
}

/** A plan's visibility lives beside the plan, in a stream of its own (the plan's stream holds its content). */
export function planVisibilityStreamId(planId: string): string {
  return `${PLAN_VISIBILITY_STREAM_PREFIX}${planId}`;
}

const USER_ID_NAMESPACE = '2f0c6a1e-7b3d-4c59-9e8a-5d4b3c2a1f0e';

/**
 * A user's id follows from the username: two registrations of one name meet on one stream,
 * where the second is a conflict, so usernames are unique without a lookup that could race.
 */
export function userIdFor(username: string): string {
  return uuidv5(`user:${username}`, USER_ID_NAMESPACE);
}
