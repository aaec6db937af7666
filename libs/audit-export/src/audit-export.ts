import { createHash } from 'node:crypto';
import { formatPosition, type EventMetadata, type RecordedEvent } from '@app/event-store';
import { canonicalJson } from '@app/event-store';

export const AUDIT_EXPORT_FORMAT = 'planverk-audit-export';
export const AUDIT_EXPORT_VERSION = 1;
export const AUDIT_HASH_ALGORITHM = 'sha256';

/** Line 1 of an export. Its hash is the first event's prevHash, so it is part of the chain. */
export interface AuditExportHeader {
  readonly format: typeof AUDIT_EXPORT_FORMAT;
  readonly version: typeof AUDIT_EXPORT_VERSION;
  readonly planId: string;
  /** The streams exported, in the order their events appear: the plan's, later its meetings'. */
  readonly streams: readonly string[];
  readonly exportedAt: string;
  /** How many event lines follow the header: a truncated file has fewer. */
  readonly events: number;
  readonly hashAlgorithm: typeof AUDIT_HASH_ALGORITHM;
}

/** One event of an export. `hash` = sha256(prevHash + canonicalJson(the line without hash)). */
export interface AuditEventLine {
  /** 1 for the first event of the file, then one more per line. */
  readonly seq: number;
  readonly streamId: string;
  /** The event's revision in its stream, as a decimal string (revisions are bigints). */
  readonly revision: string;
  /** The event's global position, "commit/prepare". */
  readonly position: string;
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
  readonly prevHash: string;
  readonly hash: string;
}

export interface ExportOptions {
  readonly planId: string;
  /** ISO timestamp; given by the caller so the export is a pure function of its input. */
  readonly exportedAt: string;
  /** The streams to list in the header and their order (default: as they first appear in `events`). */
  readonly streams?: readonly string[];
}

export type AuditProblemKind = 'edited' | 'removed_or_reordered' | 'malformed' | 'header';

export interface AuditProblem {
  /** 1-based line number in the file (the header is line 1). */
  readonly line: number;
  readonly kind: AuditProblemKind;
  readonly message: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  /** How many event lines the file has (the header not counted). */
  readonly events: number;
  readonly problems: AuditProblem[];
  /** The last event's hash (or the header's when there are no events): keep it to anchor the export. */
  readonly finalHash?: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hashHeader(header: unknown): string {
  return sha256(canonicalJson(header));
}

function hashEventLine(line: Omit<AuditEventLine, 'hash'> & { hash?: unknown }): string {
  const { hash: _hash, ...rest } = line;
  return sha256(line.prevHash + canonicalJson(rest));
}

/**
 * The export as lines of canonical JSON (no trailing newlines): the header, then every event,
 * grouped by stream in the order of `streams` and by revision within a stream. Revision order,
 * not global position, is what a stream guarantees, so the verifier can insist on it.
 */
export function exportLines(events: readonly RecordedEvent[], options: ExportOptions): string[] {
  const streams = options.streams ?? [...new Set(events.map((e) => e.streamId))];
  const rank = new Map(streams.map((streamId, index) => [streamId, index]));
  const stranger = events.find((e) => !rank.has(e.streamId));
  if (stranger)
    throw new Error(`Event ${stranger.id} is in stream "${stranger.streamId}", which is not exported`);
  const ordered = [...events].sort(
    (a, b) =>
      rank.get(a.streamId)! - rank.get(b.streamId)! ||
      (a.revision < b.revision ? -1 : a.revision > b.revision ? 1 : 0),
  );

  const header: AuditExportHeader = {
    format: AUDIT_EXPORT_FORMAT,
    version: AUDIT_EXPORT_VERSION,
    planId: options.planId,
    streams: [...streams],
    exportedAt: options.exportedAt,
    events: ordered.length,
    hashAlgorithm: AUDIT_HASH_ALGORITHM,
  };
  const lines = [canonicalJson(header)];
  let prevHash = hashHeader(header);
  ordered.forEach((event, index) => {
    const body = {
      seq: index + 1,
      streamId: event.streamId,
      revision: event.revision.toString(),
      position: formatPosition(event.position),
      id: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      prevHash,
    };
    const hash = hashEventLine(body);
    lines.push(canonicalJson({ ...body, hash }));
    prevHash = hash;
  });
  return lines;
}

/** The export as newline-delimited JSON (application/x-ndjson), ending with a newline. */
export function exportNdjson(events: readonly RecordedEvent[], options: ExportOptions): string {
  return `${exportLines(events, options).join('\n')}\n`;
}

const HEX64 = /^[0-9a-f]{64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headerFieldProblems(header: Record<string, unknown>): string[] {
  const wrong: string[] = [];
  if (header.format !== AUDIT_EXPORT_FORMAT) wrong.push(`format is not "${AUDIT_EXPORT_FORMAT}"`);
  if (header.version !== AUDIT_EXPORT_VERSION) wrong.push(`version is not ${AUDIT_EXPORT_VERSION}`);
  if (header.hashAlgorithm !== AUDIT_HASH_ALGORITHM)
    wrong.push(`hashAlgorithm is not "${AUDIT_HASH_ALGORITHM}"`);
  if (typeof header.planId !== 'string') wrong.push('planId is missing');
  if (!Array.isArray(header.streams) || !header.streams.every((s) => typeof s === 'string')) {
    wrong.push('streams is not a list of stream ids');
  }
  if (typeof header.exportedAt !== 'string') wrong.push('exportedAt is missing');
  if (!Number.isInteger(header.events) || (header.events as number) < 0) wrong.push('events is not a count');
  return wrong;
}

function eventFieldProblems(line: Record<string, unknown>): string[] {
  const wrong: string[] = [];
  if (!Number.isInteger(line.seq) || (line.seq as number) < 1) wrong.push('seq');
  for (const field of ['streamId', 'position', 'id', 'type'] as const) {
    if (typeof line[field] !== 'string') wrong.push(field);
  }
  if (typeof line.revision !== 'string' || !/^\d+$/.test(line.revision)) wrong.push('revision');
  if (!isRecord(line.data)) wrong.push('data');
  if (!isRecord(line.metadata)) wrong.push('metadata');
  for (const field of ['prevHash', 'hash'] as const) {
    if (typeof line[field] !== 'string' || !HEX64.test(line[field])) wrong.push(field);
  }
  return wrong;
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

interface EventEntry {
  readonly lineNo: number;
  readonly line?: AuditEventLine;
}

/**
 * Checks an export: every line's hash against its content (edited), every line's prevHash
 * against the line above it, seq and each stream's revisions counting up by one (removed or
 * reordered), the header's event count (truncated), and that every line is an event at all.
 * Reports every problem found, with its 1-based line number.
 */
export function verifyLines(text: string): AuditVerification {
  const raw = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  if (raw.length === 0) {
    return {
      ok: false,
      events: 0,
      problems: [{ line: 1, kind: 'header', message: 'The file is empty: there is no header line' }],
    };
  }

  const problems: AuditProblem[] = [];
  const eventCount = raw.length - 1;

  // The header.
  let headerHash: string | undefined;
  let promised: number | undefined;
  const parsedHeader = parseJson(raw[0]!);
  if ('error' in parsedHeader) {
    problems.push({
      line: 1,
      kind: 'header',
      message: `The header is not valid JSON (${parsedHeader.error})`,
    });
  } else if (!isRecord(parsedHeader.value)) {
    problems.push({ line: 1, kind: 'header', message: 'The header is not a JSON object' });
  } else {
    headerHash = hashHeader(parsedHeader.value);
    const wrong = headerFieldProblems(parsedHeader.value);
    if (wrong.length > 0) {
      problems.push({
        line: 1,
        kind: 'header',
        message: `This is not a ${AUDIT_EXPORT_FORMAT} version ${AUDIT_EXPORT_VERSION} header: ${wrong.join(', ')}`,
      });
    } else {
      promised = parsedHeader.value.events as number;
    }
  }

  // Each event line on its own: well formed, and its hash matches its content.
  const entries: EventEntry[] = [];
  const edited = new Set<number>();
  const lineOfHash = new Map<string, number>();
  if (headerHash) lineOfHash.set(headerHash, 1);
  raw.slice(1).forEach((text, index) => {
    const lineNo = index + 2;
    const parsed = parseJson(text);
    if ('error' in parsed) {
      const what = text.trim() === '' ? 'is empty' : `is not valid JSON (${parsed.error})`;
      problems.push({ line: lineNo, kind: 'malformed', message: `The line ${what}` });
      return entries.push({ lineNo });
    }
    if (!isRecord(parsed.value)) {
      problems.push({ line: lineNo, kind: 'malformed', message: 'The line is not a JSON object' });
      return entries.push({ lineNo });
    }
    const wrong = eventFieldProblems(parsed.value);
    if (wrong.length > 0) {
      problems.push({
        line: lineNo,
        kind: 'malformed',
        message: `The line is not an audit event: missing or invalid ${wrong.join(', ')}`,
      });
      return entries.push({ lineNo });
    }
    const line = parsed.value as unknown as AuditEventLine;
    if (hashEventLine(line) !== line.hash) {
      edited.add(lineNo);
      problems.push({
        line: lineNo,
        kind: 'edited',
        message: `The event (seq ${line.seq}, ${line.streamId} revision ${line.revision}) was edited: its content does not match its hash`,
      });
    }
    if (!lineOfHash.has(line.hash)) lineOfHash.set(line.hash, lineNo);
    entries.push({ lineNo, line });
  });

  // The chain: each line follows the one above it, seq and revisions count up by one.
  let prev: { lineNo: number; hash: string; seq: number } | undefined = headerHash
    ? { lineNo: 1, hash: headerHash, seq: 0 }
    : undefined;
  const seqOfLine = new Map<number, number>();
  const misplaced = new Set<number>();
  const lastRevision = new Map<string, bigint>();
  // After a malformed line, what it held is unknown: pick the chain and each stream up afresh.
  let resynced: Set<string> | undefined;
  for (const { lineNo, line } of entries) {
    if (!line) {
      prev = undefined;
      resynced = new Set();
      continue;
    }
    seqOfLine.set(lineNo, line.seq);
    const revision = BigInt(line.revision);
    const last = lastRevision.get(line.streamId);
    const revisionKnown = !resynced || resynced.has(line.streamId);
    resynced?.add(line.streamId);
    lastRevision.set(line.streamId, revision);
    const current = prev;
    prev = { lineNo, hash: line.hash, seq: line.seq };

    const reasons: string[] = [];
    let reordered = false;
    let chainBroken = false;
    if (current && line.prevHash !== current.hash) {
      chainBroken = true;
      const target = lineOfHash.get(line.prevHash);
      const above = current.lineNo === 1 ? 'the header' : `line ${current.lineNo}`;
      if (target === undefined) {
        reasons.push(`it is not chained to ${above} but to a line that is not in the file`);
      } else {
        // Its true predecessor was itself moved, and it still follows that one: nothing new to report.
        if (misplaced.has(target) && seqOfLine.get(target)! + 1 === line.seq) continue;
        reordered = true;
        reasons.push(
          `it is chained to ${target === 1 ? 'the header (line 1)' : `line ${target}`}, not to ${above}`,
        );
      }
    }
    if (current && line.seq !== current.seq + 1) {
      if (line.seq <= current.seq) reordered = true;
      reasons.push(
        current.seq === 0
          ? `the first event has seq ${line.seq}, not 1`
          : `seq ${line.seq} follows seq ${current.seq}`,
      );
    }
    const expected = last === undefined ? 0n : last + 1n;
    if (revisionKnown && revision !== expected) {
      if (last !== undefined && revision <= last) reordered = true;
      reasons.push(
        last === undefined
          ? `${line.streamId} starts at revision ${revision}, not 0`
          : `${line.streamId} revision ${revision} follows revision ${last}`,
      );
    }
    if (reasons.length === 0) continue;

    if (chainBroken && reasons.length === 1 && !reordered) {
      // Its own prevHash was edited: already reported as an edit of this line.
      if (edited.has(lineNo)) continue;
      // Only the link is wrong: the line above was changed and its hash recomputed to match.
      const above = current!.lineNo;
      if (above === 1) {
        problems.push({
          line: 1,
          kind: 'header',
          message: `The header was edited: the first event's prevHash (line ${lineNo}) does not match its hash`,
        });
      } else if (!edited.has(above)) {
        problems.push({
          line: above,
          kind: 'edited',
          message: `The event was edited and its hash recomputed: line ${lineNo}'s prevHash does not match it`,
        });
      }
      continue;
    }
    misplaced.add(lineNo);
    problems.push({
      line: lineNo,
      kind: 'removed_or_reordered',
      message:
        `The event (seq ${line.seq}, ${line.streamId} revision ${revision}) is out of place: ${reasons.join('; ')}` +
        (reordered ? ' (lines were reordered)' : ' (an event before it was removed)'),
    });
  }

  if (promised !== undefined && promised !== eventCount) {
    problems.push(
      promised > eventCount
        ? {
            line: raw.length + 1,
            kind: 'removed_or_reordered',
            message: `The file ends after ${eventCount} events, but the header says ${promised}: it was truncated or events were removed`,
          }
        : {
            line: 1,
            kind: 'header',
            message: `The header says ${promised} events, but the file has ${eventCount}: lines were added`,
          },
    );
  }

  problems.sort((a, b) => a.line - b.line);
  const lastEntry = entries[entries.length - 1];
  const finalHash = entries.length === 0 ? headerHash : lastEntry?.line?.hash;
  return { ok: problems.length === 0, events: eventCount, problems, ...(finalHash ? { finalHash } : {}) };
}
