import { offThreadTask } from '@app/off-thread';
import { parseAmendmentList, type AmendmentList } from '@app/plan-document';

// This module runs on a worker thread (READ_AMENDMENT_LIST): it imports only the reader.

/** parseAmendmentList on a worker thread: a list of 2 MB is a lot of text to match entries in. */
export const READ_AMENDMENT_LIST = offThreadTask<string, AmendmentList>(import.meta.url, 'readAmendmentList');

export function readAmendmentList(text: string): AmendmentList {
  return parseAmendmentList(text);
}
