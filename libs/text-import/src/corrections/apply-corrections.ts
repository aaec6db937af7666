import { isBodyCode, labelAt } from '@app/domain';
import { type GoalDoc, type MeasureDoc, type PlanDocument, type SectionDoc } from '@app/plan-document';
import { bodyCodes } from '../bodies.js';
import { splitParties } from '../general/responsible-parties.js';
import { type ImportIssue, type ImportResult, type LineAccount } from '../types.js';

/**
 * A plan editor's correction of what the reader found, named by the source line it starts on
 * (as the import report numbers the lines), so the same corrections apply again to the same
 * file: importing it again gives the same plan.
 */
export interface ImportCorrection {
  /** The line (1-based) the element starts on, or a line the reader left out or took as prose. */
  readonly line: number;
  /** What it is: a measure, a goal, or not part of the plan. */
  readonly kind?: 'measure' | 'goal' | 'left-out';
  /** Joined to the element before it in its section. */
  readonly merge?: boolean;
  /** Split in two where this text starts. */
  readonly splitAt?: string;
  readonly text?: string;
  /** Timing as written ("Høsten 2026"); empty: none. */
  readonly timing?: string;
  /** Ansvar as written ("FS, lokallagene"); empty: none. Declared bodies become codes, others named parties. */
  readonly responsible?: string;
  /** The number of the section it belongs in. */
  readonly section?: string;
  /**
   * A responsible party the measure on this line names ("Styret") declared as a body with this
   * code: the plan gets the body, and every measure naming the party has it as a body instead.
   */
  readonly declareBody?: { readonly party: string; readonly code: string };
}

export const CORRECTION_KINDS = ['measure', 'goal', 'left-out'] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Element {
  kind: 'goal' | 'measure';
  doc: Mutable<MeasureDoc> & Mutable<GoalDoc>;
  /** The line it starts on: how corrections name it. */
  line: number;
  /** Every line of the source the report gave to it. */
  lines: number[];
  section: SectionModel;
}

interface SectionModel {
  doc: SectionDoc;
  intro: string | undefined;
  elements: Element[];
  touched: boolean;
}

/**
 * The import as corrected: the plan document and its report, each correction applied in order.
 * One that names nothing the import found is not applied, and the report says so.
 */
export function applyCorrections(
  result: ImportResult,
  corrections: readonly ImportCorrection[],
  sourceLines: readonly string[],
): ImportResult {
  if (corrections.length === 0) return result;
  const sections = new Map<string, SectionModel>();
  const order: SectionModel[] = [];
  const visit = (list: readonly SectionDoc[]) => {
    for (const doc of list) {
      const model: SectionModel = { doc, intro: doc.intro, elements: [], touched: false };
      sections.set(doc.number, model);
      order.push(model);
      visit(doc.sections ?? []);
    }
  };
  visit(result.document.sections);
  const accounts = new Map<number, LineAccount>((result.report.lines ?? []).map((a) => [a.line, { ...a }]));
  const byRef = elementsByRef(sections, accounts);
  const issues: ImportIssue[] = [...result.report.issues];
  const removed = new Set<Element>();
  let applied = 0;

  const elementAt = (line: number): Element | undefined => {
    const ref = accounts.get(line)?.ref;
    return ref !== undefined ? byRef.get(ref) : undefined;
  };
  /** The section a line lies in: that of the nearest element or heading before it. */
  const sectionBefore = (line: number): SectionModel | undefined => {
    for (let l = line; l >= 1; l--) {
      const ref = accounts.get(l)?.ref;
      if (ref === undefined) continue;
      const element = byRef.get(ref);
      if (element && !removed.has(element)) return element.section;
      const section = sections.get(ref);
      if (section) return section;
    }
    return order[0];
  };
  const place = (element: Element, section: SectionModel) => {
    element.section.elements = element.section.elements.filter((e) => e !== element);
    element.section.touched = true;
    element.section = section;
    const at = section.elements.findIndex((e) => e.line > element.line);
    section.elements.splice(at < 0 ? section.elements.length : at, 0, element);
    section.touched = true;
  };
  const refuse = (c: ImportCorrection, why: string) =>
    issues.push({ line: c.line, message: `rettelsen ble ikke brukt: ${why}` });

  const declared: Array<{ code: string; name: string }> = [];
  for (const c of corrections) {
    if (c.declareBody) {
      const { party, code } = c.declareBody;
      const known =
        (result.document.bodies ?? []).some((b) => b.code === code) || declared.some((b) => b.code === code);
      if (!isBodyCode(code) || known) {
        refuse(
          c,
          known
            ? `planen har allerede organet ${code}`
            : `«${code}» er ikke en organkode (en stor bokstav, deretter bokstaver, sifre eller bindestrek)`,
        );
        continue;
      }
      const naming = [...byRef.values()].filter((e) =>
        (e.doc.responsibleParties ?? []).some((p) => p.toLowerCase() === party.toLowerCase()),
      );
      if (naming.length === 0) {
        refuse(c, `ingen tiltak har «${party}» som ansvarlig`);
        continue;
      }
      declared.push({ code, name: party });
      for (const e of naming) {
        const parties = (e.doc.responsibleParties ?? []).filter(
          (p) => p.toLowerCase() !== party.toLowerCase(),
        );
        e.doc.responsible = [...(e.doc.responsible ?? []), code];
        if (parties.length > 0) e.doc.responsibleParties = parties;
        else delete e.doc.responsibleParties;
      }
      applied++;
      continue;
    }
    let element = elementAt(c.line);
    if (element && removed.has(element)) element = undefined;
    if (!element) {
      if (c.kind !== 'measure' && c.kind !== 'goal') {
        refuse(c, 'ingen mål eller tiltak begynner på denne linjen');
        continue;
      }
      const text = (c.text ?? sourceLines[c.line - 1] ?? '').trim();
      const section = c.section !== undefined ? sections.get(c.section) : sectionBefore(c.line);
      if (text === '' || !section) {
        refuse(c, text === '' ? 'linjen er tom' : `det finnes ikke noe kapittel ${c.section}`);
        continue;
      }
      element = { kind: c.kind, doc: { text }, line: c.line, lines: [c.line], section };
      accounts.set(c.line, { line: c.line, kind: c.kind });
      // Prose taken as a goal or measure is no longer part of its section's intro.
      const from = sectionBefore(c.line);
      const line = (sourceLines[c.line - 1] ?? '').trim();
      if (from?.intro?.includes(line)) from.intro = from.intro.replace(line, '').replace(/\s+/g, ' ').trim();
      section.elements.push(element);
      place(element, section);
    }
    const target = element;
    if (c.kind === 'left-out') {
      removed.add(target);
      target.section.elements = target.section.elements.filter((e) => e !== target);
      target.section.touched = true;
      applied++;
      continue;
    }
    if (c.kind && c.kind !== target.kind) {
      target.kind = c.kind;
      target.doc = { text: target.doc.text };
      target.section.touched = true;
    }
    if (c.section !== undefined && c.section !== target.section.doc.number) {
      const section = sections.get(c.section);
      if (!section) {
        refuse(c, `det finnes ikke noe kapittel ${c.section}`);
        continue;
      }
      place(target, section);
    }
    if (c.text !== undefined && c.text.trim() !== '') target.doc.text = c.text.trim();
    if (c.timing !== undefined) {
      if (target.kind !== 'measure') refuse(c, 'bare et tiltak har tidspunkt');
      else if (c.timing.trim() === '') delete target.doc.timing;
      else target.doc.timing = c.timing.trim();
    }
    if (c.responsible !== undefined) {
      if (target.kind !== 'measure') refuse(c, 'bare et tiltak har ansvar');
      else {
        const parties = splitParties(
          c.responsible.trim(),
          bodyCodes([...(result.document.bodies ?? []), ...declared]),
        );
        delete target.doc.responsible;
        delete target.doc.responsibleParties;
        delete target.doc.responsibleNote;
        if (parties.responsible.length > 0) target.doc.responsible = parties.responsible;
        if (parties.named.length > 0) target.doc.responsibleParties = parties.named;
      }
    }
    if (c.splitAt !== undefined) {
      const at = target.doc.text.indexOf(c.splitAt);
      if (c.splitAt.trim() === '' || at <= 0) {
        refuse(c, `«${c.splitAt}» står ikke i teksten etter starten`);
        continue;
      }
      const rest = target.doc.text.slice(at).trim();
      target.doc.text = target.doc.text.slice(0, at).trim();
      const second: Element = {
        kind: target.kind,
        doc: { text: rest },
        // After its first half, before anything that starts on a later line.
        line: target.line + 0.5,
        lines: [],
        section: target.section,
      };
      target.section.elements.splice(target.section.elements.indexOf(target) + 1, 0, second);
      target.section.touched = true;
    }
    if (c.merge) {
      const list = target.section.elements;
      const before = list[list.indexOf(target) - 1];
      if (!before) {
        refuse(c, 'ingenting foran den i kapitlet å slå den sammen med');
        continue;
      }
      before.doc.text = `${before.doc.text} ${target.doc.text}`.replace(/\s+/g, ' ').trim();
      before.lines.push(...target.lines);
      removed.add(target);
      list.splice(list.indexOf(target), 1);
      target.section.touched = true;
    }
    applied++;
  }

  const rebuilt = rebuildSections(result.document.sections, sections);
  const document: PlanDocument = {
    ...result.document,
    ...(declared.length > 0 ? { bodies: [...(result.document.bodies ?? []), ...declared] } : {}),
    sections: rebuilt,
  };
  // Every line keeps its account: those of a removed element are left out, with the reason.
  for (const element of removed) {
    for (const line of element.lines) {
      const account = accounts.get(line);
      if (account?.ref !== undefined && byRef.get(account.ref) === element)
        accounts.set(line, { line, kind: 'left-out', reason: 'utelatt av planredaktøren' });
    }
  }
  for (const model of order) {
    const counters = { goal: 0, measure: 0 };
    for (const element of model.elements) {
      const index = counters[element.kind]++;
      const ref =
        element.kind === 'goal'
          ? `${model.doc.number}.g${index + 1}`
          : `${model.doc.number}.${element.doc.label ?? labelAt(index)}`;
      for (const line of element.lines) {
        const old = accounts.get(line);
        const kind =
          old === undefined || old.kind === 'goal' || old.kind === 'measure' || old.kind === 'left-out'
            ? element.kind
            : element.kind === 'goal' && (old.kind === 'timing' || old.kind === 'responsible')
              ? 'goal'
              : old.kind;
        accounts.set(line, { line, kind, ref });
      }
    }
  }
  const all = [...accounts.values()].sort((a, b) => a.line - b.line);
  return {
    ...result,
    document,
    report: {
      ...result.report,
      bodies: (document.bodies ?? []).length,
      goals: countGoals(rebuilt),
      measures: order.reduce((n, s) => n + s.elements.filter((e) => e.kind === 'measure').length, 0),
      issues,
      ...(result.report.lines ? { lines: all } : {}),
      corrections: applied,
    },
  };
}

/**
 * The goals and measures of a plan document by the address the import report gives them
 * ("2.B", "2.g1"), in document order: how a report line is tied to what it became.
 */
export function elementsOf(
  sections: readonly SectionDoc[],
): Map<string, { kind: 'goal' | 'measure'; doc: GoalDoc | MeasureDoc; section: SectionDoc }> {
  const byRef = new Map<
    string,
    { kind: 'goal' | 'measure'; doc: GoalDoc | MeasureDoc; section: SectionDoc }
  >();
  const visit = (list: readonly SectionDoc[]) => {
    for (const section of list) {
      (section.goals ?? []).forEach((doc, i) =>
        byRef.set(`${section.number}.g${i + 1}`, { kind: 'goal', doc, section }),
      );
      (section.measures ?? []).forEach((doc, i) =>
        byRef.set(`${section.number}.${doc.label ?? labelAt(i)}`, { kind: 'measure', doc, section }),
      );
      visit(section.sections ?? []);
    }
  };
  visit(sections);
  return byRef;
}

/** The elements the report names, by their address, each with its lines, in its section's model. */
function elementsByRef(
  sections: ReadonlyMap<string, SectionModel>,
  accounts: ReadonlyMap<number, LineAccount>,
): Map<string, Element> {
  const byRef = new Map<string, Element>();
  for (const [ref, found] of elementsOf([...sections.values()].map((m) => ({ ...m.doc, sections: [] })))) {
    const section = sections.get(found.section.number)!;
    const element: Element = { kind: found.kind, doc: { ...found.doc }, line: Infinity, lines: [], section };
    section.elements.push(element);
    byRef.set(ref, element);
  }
  for (const account of accounts.values()) {
    const element = account.ref !== undefined ? byRef.get(account.ref) : undefined;
    if (!element) continue;
    element.lines.push(account.line);
    if ((account.kind === 'goal' || account.kind === 'measure') && account.line < element.line)
      element.line = account.line;
  }
  for (const element of byRef.values()) {
    if (element.line === Infinity) element.line = Math.min(...element.lines, Infinity);
  }
  // Goals and measures in the order they stand in the source, as the review shows them.
  for (const model of sections.values()) model.elements.sort((a, b) => a.line - b.line);
  return byRef;
}

/** The sections with their goals and measures as corrected; a touched section's measures lettered anew. */
function rebuildSections(
  list: readonly SectionDoc[],
  models: ReadonlyMap<string, SectionModel>,
): SectionDoc[] {
  return list.map((doc) => {
    const model = models.get(doc.number)!;
    const goals = model.elements.filter((e) => e.kind === 'goal').map((e) => goalOf(e));
    const measures = model.elements
      .filter((e) => e.kind === 'measure')
      .map((e, i) => {
        const { goals: _goals, target: _target, measurements: _m, ...measure } = e.doc;
        // Letters follow the order when the editor changed the section's measures.
        const relabelled = model.touched ? { ...measure, label: labelAt(i) } : measure;
        if (model.touched) e.doc.label = labelAt(i);
        return relabelled as MeasureDoc;
      });
    const { goals: _g, measures: _m, sections: children, ...rest } = doc as Mutable<SectionDoc>;
    return {
      ...rest,
      ...(goals.length ? { goals } : {}),
      ...(measures.length ? { measures } : {}),
      ...(children?.length ? { sections: rebuildSections(children, models) } : {}),
    };
  });
}

function goalOf(element: Element): GoalDoc {
  const {
    label: _l,
    timing: _t,
    responsible: _r,
    responsibleParties: _p,
    responsibleNote: _n,
    ...goal
  } = element.doc;
  return goal as GoalDoc;
}

function countGoals(list: readonly SectionDoc[]): number {
  const inGoals = (goals: readonly GoalDoc[]): number =>
    goals.reduce((n, g) => n + 1 + inGoals(g.goals ?? []), 0);
  return list.reduce((n, s) => n + inGoals(s.goals ?? []) + countGoals(s.sections ?? []), 0);
}
