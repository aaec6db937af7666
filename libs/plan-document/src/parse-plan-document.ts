import { stringify, type Document, type LineCounter } from 'yaml';
import { parseYamlBounded, yamlToJs } from './bounded-yaml.js';
import { PlanDocumentError, type DocumentIssue } from './plan-document-error.js';
import type { PlanDocument } from './plan-document.js';
import { validatePlanDocument } from './validate-plan-document.js';

/**
 * Reads a plan document from YAML or JSON text (JSON is YAML, so one parser serves both and
 * both get line numbers). Every problem is reported at once, with its line and field.
 */
export function parsePlanDocument(text: string): PlanDocument {
  if (text.trim() === '')
    throw new PlanDocumentError([{ line: undefined, path: '', message: 'the document is empty' }]);
  const parsed = parseYamlBounded(text);
  if (!parsed.ok) throw new PlanDocumentError(parsed.problems.map((p) => ({ ...p, path: '' })));
  const { doc, lineCounter } = parsed;
  const read = yamlToJs(doc);
  if (!read.ok) throw new PlanDocumentError(read.problems.map((p) => ({ ...p, path: '' })));
  const value = read.value;
  const problems = validatePlanDocument(value);
  if (problems.length > 0) {
    const issues: DocumentIssue[] = problems.map((p) => ({
      line: lineOf(doc, lineCounter, p.segments),
      path: p.path,
      message: p.message,
    }));
    throw new PlanDocumentError(issues);
  }
  return normalise(value as PlanDocument);
}

/** The line of the deepest node on the path that exists (a missing field points at its parent). */
function lineOf(
  doc: Document.Parsed,
  counter: LineCounter,
  segments: Array<string | number>,
): number | undefined {
  for (let n = segments.length; n >= 0; n--) {
    const node = doc.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Dates YAML read as Date objects and numbers used as section numbers, as the strings the format says. */
function normalise(doc: PlanDocument): PlanDocument {
  return JSON.parse(
    JSON.stringify(doc, (key, value) => {
      if (key === 'number' && typeof value === 'number') return String(value);
      if (key === 'edition' && typeof value === 'number') return String(value);
      return value;
    }),
    (_key, value) =>
      typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/.test(value)
        ? value.slice(0, 10)
        : value,
  ) as PlanDocument;
}

export function toYaml(doc: PlanDocument): string {
  return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}

export function toJson(doc: PlanDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
