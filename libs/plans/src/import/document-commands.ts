import type { PlanCommand } from '@app/domain';
import {
  measureDocOf,
  type GoalDoc,
  type MeasureDoc,
  type MeasureDocFields,
  type PlanDocument,
  type SectionDoc,
} from '@app/plan-document';
import { deriveEntityId } from '../derived-ids.js';

type WithoutNow<T> = T extends unknown ? Omit<T, 'now'> : never;
export type PlanChangeOf = WithoutNow<PlanCommand>;

/**
 * The ids of a document's elements: derived from the import's id and each element's place, so
 * the same document gives the same plan. `scope` sets apart elements a later revision of the
 * document adds, which must not take the ids of the elements at their place before.
 */
export function elementIds(importId: string, scope = '') {
  return {
    section: (number: string) => deriveEntityId(importId, `${scope}section:${number}`),
    goal: (sectionNumber: string, path: string) =>
      deriveEntityId(importId, `${scope}goal:${sectionNumber}:${path}`),
    measure: (sectionNumber: string, index: number) =>
      deriveEntityId(importId, `${scope}measure:${sectionNumber}:${index}`),
  };
}

/**
 * The plan commands a plan document stands for, in the order they must run. Entity ids derive
 * from the import's id and each element's place, so the same document gives the same plan.
 * One at a time: a document of 18,000 measures takes a third of a second to turn into commands
 * (an id hashed for each), and the caller gives way to other requests as it goes.
 */
export function* documentCommands(doc: PlanDocument, importId: string): Generator<PlanChangeOf> {
  yield {
    type: 'CreatePlan',
    planId: doc.plan.id,
    organisationId: doc.plan.org,
    title: doc.plan.title,
    period: doc.plan.period,
    ...(doc.plan.edition ? { edition: doc.plan.edition } : {}),
    bodies: (doc.bodies ?? []).map((b) => ({ code: b.code, name: b.name })),
    ...(doc.plan.predecessor ? { predecessorPlanId: doc.plan.predecessor } : {}),
    ...(doc.plan.parent ? { parentPlanId: doc.plan.parent } : {}),
  };
  for (const section of doc.sections) yield* sectionCommands(section, undefined, importId);
  for (const m of doc.measurements ?? []) {
    yield {
      type: 'RecordMeasurement',
      metric: m.metric,
      value: m.value,
      at: m.at,
      ...(m.text ? { note: m.text } : {}),
    };
  }
  if (doc.plan.adopted) {
    yield {
      type: 'AdoptPlan',
      body: doc.plan.adopted.body,
      date: doc.plan.adopted.date,
      ...(doc.plan.edition ? { edition: doc.plan.edition } : {}),
    };
  }
}

function* sectionCommands(
  section: SectionDoc,
  parentSectionId: string | undefined,
  importId: string,
): Generator<PlanChangeOf> {
  const ids = elementIds(importId);
  const sectionId = ids.section(section.number);
  yield {
    type: 'AddSection',
    sectionId,
    number: section.number,
    title: section.title,
    ...(parentSectionId ? { parentSectionId } : {}),
    ...(section.intro ? { intro: section.intro } : {}),
    ...(section.lines ? { lines: section.lines } : {}),
  };
  function* goalCommands(
    goal: GoalDoc,
    path: string,
    parentGoalId: string | undefined,
  ): Generator<PlanChangeOf> {
    const goalId = ids.goal(section.number, path);
    yield {
      type: 'AddGoal',
      goalId,
      sectionId,
      ...(parentGoalId ? { parentGoalId } : {}),
      text: goal.text,
      ...(goal.target ? { target: goal.target } : {}),
      ...(goal.lines ? { lines: goal.lines } : {}),
    };
    for (const m of goal.measurements ?? []) {
      yield {
        type: 'RecordMeasurement',
        goalId,
        metric: m.metric,
        value: m.value,
        at: m.at,
        ...(m.text ? { note: m.text } : {}),
      };
    }
    for (const [i, sub] of (goal.goals ?? []).entries()) yield* goalCommands(sub, `${path}.${i}`, goalId);
  }
  for (const [i, goal] of (section.goals ?? []).entries()) yield* goalCommands(goal, String(i), undefined);
  for (const [i, measure] of (section.measures ?? []).entries()) {
    yield {
      type: 'AddMeasure',
      measureId: ids.measure(section.number, i),
      sectionId,
      ...addMeasureFields(measure),
    };
  }
  for (const child of section.sections ?? []) yield* sectionCommands(child, sectionId, importId);
}

/**
 * What the command that adds a measure gets of each field of the document's measure (undefined:
 * none), in this order; every field of `MeasureDoc` is listed, so a field the command gains does
 * not compile until the import passes it on.
 */
const MEASURE_FIELDS: MeasureDocFields<MeasureDoc> = {
  label: (m) => m.label || undefined,
  text: (m) => m.text,
  timing: (m) => m.timing ?? '',
  responsible: (m) => [...(m.responsible ?? [])],
  responsibleParties: (m) => (m.responsibleParties?.length ? [...m.responsibleParties] : undefined),
  responsibleNote: (m) => m.responsibleNote || undefined,
  lines: (m) => m.lines,
};

/** The fields of the command that adds a document's measure, but its ids (the import gives them). */
export function addMeasureFields(m: MeasureDoc): MeasureDoc {
  return measureDocOf(MEASURE_FIELDS, m);
}
