import type { MeetingPapers, PapersFingerprint } from '@app/domain';
import { createHash } from 'node:crypto';

/**
 * What a meeting records of its papers when it is scheduled: their numbering, layout, extent and
 * a digest of every line. The papers are made again from the revision the meeting treats; the
 * digest shows they came out exactly as the meeting received them.
 */
export function papersFingerprint(papers: MeetingPapers): PapersFingerprint {
  return {
    numbering: papers.numbering,
    layout: papers.layout,
    first: papers.first,
    last: papers.last,
    lines: papers.lines.length,
    digest: createHash('sha256').update(JSON.stringify(papers.lines)).digest('hex'),
  };
}
