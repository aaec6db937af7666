import { v5 as uuidv5 } from 'uuid';

export const MEETING_STREAM_PREFIX = 'meeting-';

export function meetingStreamId(meetingId: string): string {
  return `${MEETING_STREAM_PREFIX}${meetingId}`;
}

const MEETING_COMMAND_NAMESPACE = '3d5b9a70-1c2e-4f8a-9b6d-7e0a4c2f5d18';

/**
 * The command id of one step of a meeting (filing amendment 4, the vote on it, the plan change
 * it makes): derived from the meeting and the step, so replaying a protocol repeats the same
 * command ids and appends nothing the second time.
 */
export function meetingCommandId(meetingId: string, step: string): string {
  return uuidv5(`${meetingId}/${step}`, MEETING_COMMAND_NAMESPACE);
}

/**
 * Who the command ids of a meeting's steps belong to: the meeting, whichever officer's vote or
 * replayed protocol set them off (an officer replaying the protocol another filed is answered
 * as before; a protocol that says otherwise under the same steps is refused).
 */
export function meetingOwner(meetingId: string): string {
  return `meeting:${meetingId}`;
}
