import { similarity } from '@app/domain';
import type { GoalDoc, MeasureDoc, PlanDocument, SectionDoc } from '@app/plan-document';
import { addMeasureFields, elementIds, type PlanChangeOf } from './document-commands.js';

/** Why the document struck an element, where it says so, by the element's first line. */
export interface StruckReason {
  readonly line: number;
  readonly reason: string;
}

/** The reason a struck element gets when the document gives none. */
export const STRUCK_IN_REVISION = 'Strøket i revideringen';

/** Who is responsible for a measure, bodies and named parties, to compare two readings. */
const responsibility = (m: MeasureDoc) => JSON.stringify([m.responsible ?? [], m.responsibleParties ?? []]);

/**
 * How a field of a measure that both readings have, changed in the revised one, becomes a command,
 * in the order the commands are given. Every field of a document's measure is named, so a field
 * added to measures does not compile until it is decided here (docs/adding-a-field.md).
 */
const MEASURE_REVISIONS: {
  readonly [F in keyof MeasureDoc]-?: (
    a: MeasureDoc,
    b: MeasureDoc,
    measureId: string,
  ) => PlanChangeOf | undefined;
} = {
  text: (a, b, measureId) =>
    a.text !== b.text ? { type: 'RewordMeasure', measureId, text: b.text } : undefined,
  timing: (a, b, measureId) =>
    (a.timing ?? '') !== (b.timing ?? '')
      ? { type: 'RetimeMeasure', measureId, timing: b.timing ?? '' }
      : undefined,
  responsible: (a, b, measureId) =>
    responsibility(a) !== responsibility(b)
      ? {
          type: 'ReassignMeasure',
          measureId,
          responsible: [...(b.responsible ?? [])],
          responsibleParties: [...(b.responsibleParties ?? [])],
        }
      : undefined,
  // Reassigned together with the bodies (above).
  responsibleParties: () => undefined,
  // A letter once given stays (addresses never move): a revision does not re-letter a measure.
  label: () => undefined,
  // Where the measure stands in the source, not what it says.
  lines: () => undefined,
  // No command changes it once the measure is added: a revised note is not carried over.
  responsibleNote: () => undefined,
};

/**
 * The plan commands that turn a document as it read before its revision (`earlier`, imported
 * with `importId` by documentCommands) into the document as it reads now (`later`): the changes
 * the document marks itself, in struck and inserted text. Both were read from one source, so an
 * element stands on the same lines in each: elements are paired by their label, then their
 * lines, then their text; an element only before was struck, one only after was added, and a
 * pair whose text, timing or responsibility differ was changed.
 */
export function revisionCommands(
  earlier: PlanDocument,
  later: PlanDocument,
  importId: string,
  struckReasons: readonly StruckReason[] = [],
): PlanChangeOf[] {
  const before = elementIds(importId);
  const added = elementIds(importId, 'revision:');
  const reasonAt = (lines: { from: number } | undefined): string =>
    struckReasons.find((r) => r.line === lines?.from)?.reason ?? STRUCK_IN_REVISION;
  const commands: PlanChangeOf[] = [];

  const earlierBodies = new Set((earlier.bodies ?? []).map((b) => b.code));
  for (const body of later.bodies ?? []) {
    if (!earlierBodies.has(body.code))
      commands.push({ type: 'DeclareBody', code: body.code, name: body.name });
  }

  const revise = (
    a: SectionDoc | undefined,
    b: SectionDoc | undefined,
    sectionId: string,
    number: string,
  ) => {
    if (a && b) {
      if (a.title !== b.title) commands.push({ type: 'RetitleSection', sectionId, title: b.title });
      if ((a.intro ?? '') !== (b.intro ?? ''))
        commands.push({ type: 'ReviseSectionIntro', sectionId, intro: b.intro ?? '' });
    }
    reviseGoals(a?.goals ?? [], b?.goals ?? [], sectionId, number, undefined, '');
    reviseMeasures(a?.measures ?? [], b?.measures ?? [], sectionId, number);
  };

  const reviseGoals = (
    as: readonly GoalDoc[],
    bs: readonly GoalDoc[],
    sectionId: string,
    number: string,
    parentGoalId: string | undefined,
    path: string,
  ): void => {
    const place = (i: number) => (path === '' ? String(i) : `${path}.${i}`);
    const pairs = pairElements(as, bs, () => undefined);
    pairs.forEach(([a, b]) => {
      const goalId = a
        ? before.goal(number, place(as.indexOf(a)))
        : added.goal(number, place(bs.indexOf(b!)));
      if (a && !b) {
        commands.push({ type: 'StrikeGoal', goalId, reason: reasonAt(a.lines) });
        return;
      }
      if (!a && b) {
        commands.push({
          type: 'AddGoal',
          goalId,
          sectionId,
          ...(parentGoalId ? { parentGoalId } : {}),
          text: b.text,
          ...(b.target ? { target: b.target } : {}),
          ...(b.lines ? { lines: b.lines } : {}),
        });
      } else if (a && b) {
        if (a.text !== b.text) commands.push({ type: 'RewordGoal', goalId, text: b.text });
        if (b.target && JSON.stringify(a.target) !== JSON.stringify(b.target))
          commands.push({ type: 'SetGoalTarget', goalId, target: b.target });
      }
      const childPath = a ? place(as.indexOf(a)) : `revision:${place(bs.indexOf(b!))}`;
      reviseGoals(a?.goals ?? [], b?.goals ?? [], sectionId, number, goalId, childPath);
    });
  };

  const reviseMeasures = (
    as: readonly MeasureDoc[],
    bs: readonly MeasureDoc[],
    sectionId: string,
    number: string,
  ): void => {
    const labelsBefore = new Set(as.map((m) => m.label).filter((l) => l !== undefined));
    for (const [a, b] of pairElements(as, bs, (m) => m.label)) {
      const measureId = a ? before.measure(number, as.indexOf(a)) : added.measure(number, bs.indexOf(b!));
      if (a && !b) {
        commands.push({ type: 'StrikeMeasure', measureId, reason: reasonAt(a.lines) });
      } else if (!a && b) {
        const { label, ...fields } = addMeasureFields(b);
        commands.push({
          type: 'AddMeasure',
          measureId,
          sectionId,
          // A letter once given in the section is never given again (addresses never move).
          ...(label && !labelsBefore.has(label) ? { label } : {}),
          ...fields,
        });
      } else if (a && b) {
        for (const revise of Object.values(MEASURE_REVISIONS)) {
          const command = revise(a, b, measureId);
          if (command) commands.push(command);
        }
      }
    }
  };

  const walk = (
    as: readonly SectionDoc[],
    bs: readonly SectionDoc[],
    parentSectionId: string | undefined,
  ) => {
    const pairs = pairElements(
      as,
      bs,
      (s) => s.number,
      (s) => s.title,
    );
    for (const [a, b] of pairs) {
      const number = (a ?? b)!.number;
      const sectionId = a ? before.section(a.number) : added.section(b!.number);
      if (!a && b) {
        commands.push({
          type: 'AddSection',
          sectionId,
          number: b.number,
          title: b.title,
          ...(parentSectionId ? { parentSectionId } : {}),
          ...(b.intro ? { intro: b.intro } : {}),
          ...(b.lines ? { lines: b.lines } : {}),
        });
      }
      // A section only before keeps its heading; what it held is struck.
      revise(a, b, sectionId, number);
      walk(a?.sections ?? [], b?.sections ?? [], sectionId);
    }
  };
  walk(earlier.sections, later.sections, undefined);
  return commands;
}

interface Placed {
  readonly lines?: { readonly from: number; readonly to: number };
}

/** Texts this alike are one element reworded, not one struck and another added. */
const SAME_ELEMENT = 0.5;

/**
 * The elements of two readings of one list, in order, paired: [before, after], [before, -]
 * for one only before, [-, after] for one only after. Paired first by `key` (a label, a
 * section number), then by the lines they stand on, then by equal text, then by similar text
 * in document order.
 */
export function pairElements<T extends Placed>(
  as: readonly T[],
  bs: readonly T[],
  key: (e: T) => string | undefined,
  text: (e: T) => string = (e) => (e as { text?: string }).text ?? '',
): Array<[T | undefined, T | undefined]> {
  const partner = new Map<T, T>();
  const taken = new Set<T>();
  const pair = (match: (a: T, b: T) => boolean): void => {
    for (const a of as) {
      if (partner.has(a)) continue;
      const b = bs.find((x) => !taken.has(x) && match(a, x));
      if (b) {
        partner.set(a, b);
        taken.add(b);
      }
    }
  };
  pair((a, b) => key(a) !== undefined && key(a) === key(b));
  pair((a, b) => !!a.lines && !!b.lines && a.lines.from === b.lines.from && a.lines.to === b.lines.to);
  pair((a, b) => text(a) === text(b));
  pair((a, b) => similarity(text(a), text(b)) >= SAME_ELEMENT);

  // In the later reading's order, each element only before placed where it stood.
  const out: Array<[T | undefined, T | undefined]> = [];
  const pending = [...as];
  for (const b of bs) {
    const a = [...partner.entries()].find(([, x]) => x === b)?.[0];
    if (a) {
      while (pending.length && pending[0] !== a) {
        const lone = pending.shift()!;
        if (!partner.has(lone)) out.push([lone, undefined]);
      }
      pending.shift();
      out.push([a, b]);
    } else out.push([undefined, b]);
  }
  for (const lone of pending) if (!partner.has(lone)) out.push([lone, undefined]);
  return out;
}
