import type { GoalDoc, MeasureDoc, PlanDocument, SectionDoc } from '@app/plan-document';
import type { GoalView, MeasureView, PlanView, SectionView } from '../plan-view/plan-view.js';

/**
 * The plan as a plan document (DESIGN.md format): what `import` reads back into an equal plan.
 * Follow-up (status, notes) is not part of the document; it is the plan's text.
 */
export function planViewToDocument(view: PlanView): PlanDocument {
  const lastAdoption = view.adoptions[view.adoptions.length - 1];
  return {
    plan: {
      id: view.id,
      org: view.organisationId,
      title: view.title,
      period: view.period,
      ...(view.edition ? { edition: view.edition } : {}),
      ...(view.predecessorPlanId ? { predecessor: view.predecessorPlanId } : {}),
      ...(view.parentPlanId ? { parent: view.parentPlanId } : {}),
      ...(lastAdoption && view.adoptedRevision > 0
        ? { adopted: { body: lastAdoption.body, date: lastAdoption.date } }
        : {}),
    },
    bodies: view.bodies.map((b) => ({ code: b.code, name: b.name })),
    ...(view.measurements.length > 0
      ? {
          measurements: view.measurements.map((m) => ({
            metric: m.metric,
            value: m.value,
            at: m.at,
            ...(m.note ? { text: m.note } : {}),
          })),
        }
      : {}),
    sections: view.sections.map(sectionDoc),
  };
}

function sectionDoc(s: SectionView): SectionDoc {
  return {
    number: s.number,
    title: s.title,
    ...(s.intro ? { intro: s.intro } : {}),
    ...(s.goals.length > 0 ? { goals: s.goals.map(goalDoc) } : {}),
    ...(s.measures.length > 0 ? { measures: s.measures.map(measureDoc) } : {}),
    ...(s.sections.length > 0 ? { sections: s.sections.map(sectionDoc) } : {}),
    ...(s.lines ? { lines: s.lines } : {}),
  };
}

function goalDoc(g: GoalView): GoalDoc {
  return {
    text: g.text,
    ...(g.target ? { target: g.target } : {}),
    ...(g.measurements.length > 0
      ? {
          measurements: g.measurements.map((m) => ({
            metric: m.metric,
            value: m.value,
            at: m.at,
            ...(m.note ? { text: m.note } : {}),
          })),
        }
      : {}),
    ...(g.goals.length > 0 ? { goals: g.goals.map(goalDoc) } : {}),
    ...(g.lines ? { lines: g.lines } : {}),
  };
}

function measureDoc(m: MeasureView): MeasureDoc {
  return {
    label: m.label,
    text: m.text,
    ...(m.timing ? { timing: m.timing } : {}),
    ...(m.responsible.length > 0 ? { responsible: m.responsible } : {}),
    ...(m.parties.length > 0 ? { responsibleParties: m.parties } : {}),
    ...(m.responsibleNote ? { responsibleNote: m.responsibleNote } : {}),
    ...(m.lines ? { lines: m.lines } : {}),
  };
}
