import { type GoalDoc, type PlanDocument, type SectionDoc } from '@app/plan-document';
import { UnreadableDocumentError } from './errors.js';
import { orgFromText } from './plan-header.js';
import { detectShape } from './shapes/detect.js';
import { type ImportIssue, type ImportOptions, type ImportResult } from './types.js';

/** Share of characters that may be control or replacement characters before the text counts as binary. */
const MAX_GARBAGE_SHARE = 0.01;

function assertReadable(text: string, source: string): void {
  if (typeof text !== 'string') throw new UnreadableDocumentError(`${source}: not text`);
  if (text.trim() === '') throw new UnreadableDocumentError(`${source}: the document is empty`);
  // Control characters other than tab and line breaks, and U+FFFD (bytes that were not valid text).
  const garbage = [...text].filter((ch) => {
    const code = ch.charCodeAt(0);
    return (code < 32 && ch !== '\t' && ch !== '\n' && ch !== '\r' && ch !== '\f') || code === 0xfffd;
  }).length;
  if (garbage / text.length > MAX_GARBAGE_SHARE) {
    throw new UnreadableDocumentError(
      `${source}: not a text extraction (${garbage} control or undecodable characters, binary data?)`,
    );
  }
}

/**
 * Reads a plan from the plain text extracted from its PDF or DOCX. Pure: the same text and
 * options always give the same document (no clock, no randomness, no I/O).
 */
export function importPlanText(text: string, options: ImportOptions = {}): ImportResult {
  const source = options.sourceName ?? 'document';
  assertReadable(text, source);
  const shape = detectShape(text);
  const out = shape.read(text);

  const org = options.org ?? orgFromText(out.title, text);
  if (!org)
    throw new UnreadableDocumentError(`${source}: cannot tell which organisation the plan belongs to`);
  const id = options.id ?? `${org}-${out.period.from}-${out.period.to}`;

  const document: PlanDocument = {
    plan: {
      id,
      org,
      title: out.title,
      period: out.period,
      ...(out.edition ? { edition: out.edition } : {}),
      ...(out.adopted ? { adopted: out.adopted } : {}),
    },
    ...(out.bodies.length ? { bodies: out.bodies } : {}),
    ...(out.measurements.length ? { measurements: out.measurements } : {}),
    sections: out.sections,
  };

  const issues: ImportIssue[] = [...out.issues].sort((a, b) => a.line - b.line);
  const all = flatten(out.sections);
  return {
    document,
    report: {
      shape: shape.id,
      sections: all.length,
      goals: all.reduce((n, s) => n + countGoals(s.goals ?? []), 0),
      measures: all.reduce((n, s) => n + (s.measures?.length ?? 0), 0),
      bodies: out.bodies.length,
      measurements: out.measurements.length,
      issues,
    },
  };
}

function flatten(sections: readonly SectionDoc[]): SectionDoc[] {
  return sections.flatMap((s) => [s, ...flatten(s.sections ?? [])]);
}

function countGoals(goals: readonly GoalDoc[]): number {
  return goals.reduce((n, g) => n + 1 + countGoals(g.goals ?? []), 0);
}
