import { CORRECTION_KINDS, reviewElements, type ImportCorrection, type ImportReport } from '@app/text-import';
import type { PlanDocument } from '@app/plan-document';

/**
 * The review page's form: for the goal or measure starting on line L (or a line it left out),
 * `kind.L` (measure, goal, left-out), `timing.L`, `ansvar.L`, `section.L`, `merge.L` (a box:
 * join it to the one before) and `split.L` (split where this text starts), each shown with what
 * was found. A field changed from what it showed is a correction of that line.
 */
const FIELD = /^(kind|timing|ansvar|section|merge|split)\.(\d+)$/;
/** `body.L.K`: the code to declare the K-th party named on line L a body with (`party.L.K` names it). */
const BODY_FIELD = /^(body|party)\.(\d+)\.(\d+)$/;

export function isReviewField(key: string): boolean {
  return FIELD.test(key) || BODY_FIELD.test(key);
}

/** The corrections the review form's fields make to what was read (and shown). */
export function formCorrections(
  read: { readonly document: PlanDocument; readonly report: ImportReport },
  fields: Readonly<Record<string, string | undefined>>,
): ImportCorrection[] {
  const byLine = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(fields)) {
    const match = FIELD.exec(key);
    if (!match || value === undefined) continue;
    const line = Number(match[2]);
    byLine.set(line, { ...byLine.get(line), [match[1]!]: value });
  }
  const shown = new Map(reviewElements(read.document, read.report).map((e) => [e.line, e]));
  const corrections: ImportCorrection[] = [];
  for (const [line, f] of [...byLine].sort(([a], [b]) => a - b)) {
    const kind = CORRECTION_KINDS.find((k) => k === f.kind);
    const element = shown.get(line);
    if (!element) {
      // A line that is not a goal or measure: taken as one only when the editor says so.
      if (kind === 'measure' || kind === 'goal')
        corrections.push({ line, kind, ...(f.section ? { section: f.section } : {}) });
      continue;
    }
    const changed = (value: string | undefined, was: string) =>
      value !== undefined && value.trim() !== was ? value.trim() : undefined;
    const timing = changed(f.timing, element.timing);
    const responsible = changed(f.ansvar, element.responsible);
    const section = changed(f.section, element.section);
    const correction: ImportCorrection = {
      line,
      ...(kind && kind !== element.kind ? { kind } : {}),
      ...(timing !== undefined ? { timing } : {}),
      ...(responsible !== undefined ? { responsible } : {}),
      ...(section ? { section } : {}),
      ...(f.merge ? { merge: true } : {}),
      ...(f.split?.trim() ? { splitAt: f.split.trim() } : {}),
    };
    if (Object.keys(correction).length > 1) corrections.push(correction);
  }
  for (const [key, code] of Object.entries(fields)) {
    const match = BODY_FIELD.exec(key);
    const party = match?.[1] === 'body' ? fields[`party.${match[2]}.${match[3]}`] : undefined;
    if (!match || !party || !code?.trim()) continue;
    corrections.push({ line: Number(match[2]), declareBody: { party, code: code.trim() } });
  }
  return corrections;
}
