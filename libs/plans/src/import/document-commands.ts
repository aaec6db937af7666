import type { PlanCommand } from '@app/domain';
import type { GoalDoc, MeasureDoc, PlanDocument, SectionDoc } from '@app/plan-document';
import { deriveEntityId } from '../derived-ids.js';

type WithoutNow<T> = T extends unknown ? Omit<T, 'now'> : never;
export type PlanChangeOf = WithoutNow<PlanCommand>;

/**
 * The plan commands a plan document stands for, in the order they must run. Entity ids derive
 * from the import's id and each element's place, so the same document gives the same plan.
 */
export function documentCommands(doc: PlanDocument, importId: string): PlanChangeOf[] {
  const commands: PlanChangeOf[] = [
    {
      type: 'CreatePlan',
      planId: doc.plan.id,
      organisationId: doc.plan.org,
      title: doc.plan.title,
      period: doc.plan.period,
      ...(doc.plan.edition ? { edition: doc.plan.edition } : {}),
      bodies: (doc.bodies ?? []).map((b) => ({ code: b.code, name: b.name })),
      ...(doc.plan.predecessor ? { predecessorPlanId: doc.plan.predecessor } : {}),
      ...(doc.plan.parent ? { parentPlanId: doc.plan.parent } : {}),
    },
  ];
  const addSection = (section: SectionDoc, parentSectionId: string | undefined): void => {
    const sectionId = deriveEntityId(importId, `section:${section.number}`);
    commands.push({
      type: 'AddSection',
      sectionId,
      number: section.number,
      title: section.title,
      ...(parentSectionId ? { parentSectionId } : {}),
      ...(section.intro ? { intro: section.intro } : {}),
      ...(section.lines ? { lines: section.lines } : {}),
    });
    const addGoal = (goal: GoalDoc, path: string, parentGoalId: string | undefined): void => {
      const goalId = deriveEntityId(importId, `goal:${section.number}:${path}`);
      commands.push({
        type: 'AddGoal',
        goalId,
        sectionId,
        ...(parentGoalId ? { parentGoalId } : {}),
        text: goal.text,
        ...(goal.target ? { target: goal.target } : {}),
        ...(goal.lines ? { lines: goal.lines } : {}),
      });
      for (const m of goal.measurements ?? []) {
        commands.push({
          type: 'RecordMeasurement',
          goalId,
          metric: m.metric,
          value: m.value,
          at: m.at,
          ...(m.text ? { note: m.text } : {}),
        });
      }
      (goal.goals ?? []).forEach((sub, i) => addGoal(sub, `${path}.${i}`, goalId));
    };
    (section.goals ?? []).forEach((goal, i) => addGoal(goal, String(i), undefined));
    (section.measures ?? []).forEach((measure: MeasureDoc, i) => {
      commands.push({
        type: 'AddMeasure',
        measureId: deriveEntityId(importId, `measure:${section.number}:${i}`),
        sectionId,
        ...(measure.label ? { label: measure.label } : {}),
        text: measure.text,
        timing: measure.timing ?? '',
        responsible: [...(measure.responsible ?? [])],
        ...(measure.responsibleParties?.length
          ? { responsibleParties: [...measure.responsibleParties] }
          : {}),
        ...(measure.responsibleNote ? { responsibleNote: measure.responsibleNote } : {}),
        ...(measure.lines ? { lines: measure.lines } : {}),
      });
    });
    (section.sections ?? []).forEach((child) => addSection(child, sectionId));
  };
  doc.sections.forEach((section) => addSection(section, undefined));
  for (const m of doc.measurements ?? []) {
    commands.push({
      type: 'RecordMeasurement',
      metric: m.metric,
      value: m.value,
      at: m.at,
      ...(m.text ? { note: m.text } : {}),
    });
  }
  if (doc.plan.adopted) {
    commands.push({
      type: 'AdoptPlan',
      body: doc.plan.adopted.body,
      date: doc.plan.adopted.date,
      ...(doc.plan.edition ? { edition: doc.plan.edition } : {}),
    });
  }
  return commands;
}
