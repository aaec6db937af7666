import { offThreadTask, type TransportedError } from '@app/off-thread';
import {
  checkMeetingProtocol,
  parseMeetingProtocol,
  ProtocolError,
  type ProtocolIssue,
  type ReadProtocol,
} from '@app/plan-document';

// This module runs on a worker thread (READ_MEETING_PROTOCOL): it imports only the reader.

/** A protocol's text read into a protocol with the line of each field; nothing is written. */
export function readMeetingProtocol(text: string): ReadProtocol {
  const { protocol, lines, issues } = parseMeetingProtocol(text);
  return { protocol, lines, issues };
}

/** A protocol sent as an object (a JSON body) checked as a protocol; it has no lines. */
export function checkMeetingProtocolValue(value: unknown): ReadProtocol {
  return checkMeetingProtocol(value);
}

function revive(error: TransportedError): Error | undefined {
  return error.name === 'ProtocolError'
    ? new ProtocolError(error.data.issues as readonly ProtocolIssue[], error.data.total as number)
    : undefined;
}

/** readMeetingProtocol on a worker thread (a protocol of 2 MB takes seconds to parse). */
export const READ_MEETING_PROTOCOL = offThreadTask<string, ReadProtocol>(
  import.meta.url,
  'readMeetingProtocol',
  { revive },
);

/** checkMeetingProtocolValue on a worker thread (a 2 MB protocol object is a lot to check). */
export const CHECK_MEETING_PROTOCOL = offThreadTask<unknown, ReadProtocol>(
  import.meta.url,
  'checkMeetingProtocolValue',
  { revive },
);
