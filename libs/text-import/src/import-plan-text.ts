import { type GoalDoc, type PlanDocument, type SectionDoc } from '@app/plan-document';
import { type ReadFile, type SourceDocument, earlierSource, hasRevisionMarks } from '@app/document-readers';
import { UnreadableDocumentError } from './errors.js';
import { adoptingBodyOf, organisationOf } from './general/plan-facts.js';
import { readGeneral } from './general/read-general.js';
import { textBlocks } from './general/text-blocks.js';
import { LineLedger } from './line-ledger.js';
import { orgFromText } from './plan-header.js';
import { recogniseShape } from './shapes/detect.js';
import { type ShapeOutput } from './shapes/shape.js';
import { type ImportIssue, type ImportOptions, type ImportResult, type RevisionRead } from './types.js';

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
 *
 * The layouts of the seed documents are recognised first (each reads its seed exactly); any
 * other text goes to the general reader.
 */
export function importPlanText(text: string, options: ImportOptions = {}): ImportResult {
  const source = options.sourceName ?? 'document';
  assertReadable(text, source);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const ledger = new LineLedger(lines);
  const shape = recogniseShape(text);
  if (shape) {
    const live = shape.read(text, ledger);
    return assemble(live, shape.id, 'text', text, ledger, options, shape.readEarlier?.(text));
  }
  return assemble(readGeneral(textBlocks(text), ledger), 'general', 'text', text, ledger, options);
}

/**
 * Reads a plan from a document in any format (see @app/document-readers): plain text as
 * importPlanText does, every other format through the general reader.
 */
export function importPlanFile(file: ReadFile, options: ImportOptions = {}): ImportResult {
  if ('text' in file) return importPlanText(file.text, options);
  const source: SourceDocument = file;
  const text = source.lines.join('\n');
  if (source.lines.every((l) => l.trim() === '')) {
    throw new UnreadableDocumentError(`${options.sourceName ?? 'document'}: the document has no text`);
  }
  const ledger = new LineLedger(source.lines);
  const live = readGeneral(source, ledger);
  // Struck text and tracked changes are the document's own revision: read it as it was before too.
  const earlier = hasRevisionMarks(source)
    ? readGeneral(earlierSource(source), new LineLedger(source.lines))
    : undefined;
  return assemble(live, 'general', source.format, text, ledger, options, earlier);
}

function assemble(
  out: ShapeOutput,
  shape: string,
  format: SourceDocument['format'],
  text: string,
  ledger: LineLedger,
  options: ImportOptions,
  earlier?: ShapeOutput,
): ImportResult {
  const source = options.sourceName ?? 'document';
  const named = shape === 'general' ? organisationOf(out.title, text) : orgFromText(out.title, text);
  const org = options.org ?? named?.slug;
  // Its name as the document writes it, when the organisation is the one the document names.
  const orgName = named && named.slug === org ? named.name : undefined;
  if (!org)
    throw new UnreadableDocumentError(
      `${source}: cannot tell which organisation the plan belongs to; name it (--org oslo-sv, or org in the request)`,
    );
  // "bergen-mdg-2026" for a plan of one year, "oslo-sv-2024-2027" for a period.
  const { from, to } = out.period;
  const id = options.id ?? (from === to ? `${org}-${from}` : `${org}-${from}-${to}`);

  const document: PlanDocument = {
    plan: {
      id,
      org,
      ...(orgName ? { orgName } : {}),
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
  const revision =
    earlier &&
    revisionOf(
      earlier,
      document,
      out.struckReasons ?? [],
      // The text as read (OCR repaired), where the raw text misspells the body.
      adoptingBodyOf(text) ?? adoptingBodyOf(JSON.stringify(document.sections)),
    );
  return {
    document,
    ...(revision ? { revision } : {}),
    report: {
      shape,
      format,
      sections: all.length,
      goals: all.reduce((n, s) => n + countGoals(s.goals ?? []), 0),
      measures: all.reduce((n, s) => n + (s.measures?.length ?? 0), 0),
      bodies: out.bodies.length,
      measurements: out.measurements.length,
      issues,
      lines: ledger.finish(),
      ...(revision
        ? {
            revision: {
              goals: flatten(revision.earlier.sections).reduce((n, s) => n + countGoals(s.goals ?? []), 0),
              measures: flatten(revision.earlier.sections).reduce((n, s) => n + (s.measures?.length ?? 0), 0),
            },
          }
        : {}),
    },
  };
}

/**
 * The plan before the revision the document marks, as a document with the live one's id,
 * organisation and title; undefined when the marks change nothing the plan holds.
 */
function revisionOf(
  earlier: ShapeOutput,
  live: PlanDocument,
  struckReasons: RevisionRead['struckReasons'],
  body: string | undefined,
): RevisionRead | undefined {
  // The header states the revised plan: its adoption and edition are the revision's.
  const { adopted: _adopted, edition: _edition, ...plan } = live.plan;
  const document: PlanDocument = {
    ...live,
    plan,
    ...(earlier.bodies.length ? { bodies: earlier.bodies } : {}),
    sections: earlier.sections,
  };
  if (JSON.stringify(document.sections) === JSON.stringify(live.sections)) return undefined;
  return { earlier: document, struckReasons, ...(body ? { body } : {}) };
}

function flatten(sections: readonly SectionDoc[]): SectionDoc[] {
  return sections.flatMap((s) => [s, ...flatten(s.sections ?? [])]);
}

function countGoals(goals: readonly GoalDoc[]): number {
  return goals.reduce((n, g) => n + 1 + countGoals(g.goals ?? []), 0);
}
