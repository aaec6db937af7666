import {
  measureDocOf,
  type GoalDoc,
  type MeasureDoc,
  type MeasureDocFields,
  type PlanDocument,
  type SectionDoc,
} from '@app/plan-document';
import type { GoalView, MeasureView, PlanView, SectionView } from '../plan-view/plan-view.js';

/**
 * The plan as a plan document (DESIGN.md format): what `import` reads back into an equal plan.
 * Follow-up (status, notes) is not part of the document; it is the plan's text.
 */
export function planDocumentOf(view: PlanView, orgName?: string): PlanDocument {
  const lastAdoption = view.adoptions[view.adoptions.length - 1];
  return {
    plan: {
      id: view.id,
      org: view.organisationId,
      // Its name, so another Planverk the document is imported into registers it by name.
      ...(orgName ? { orgName } : {}),
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

/**
 * What the document writes of each field of a measure (undefined: the field is left out), in
 * this order; every field of `MeasureDoc` is listed, so a field the measure's command gains does
 * not compile until the export writes it (and an export imports back to the same plan).
 */
const MEASURE_FIELDS: MeasureDocFields<MeasureView> = {
  label: (m) => m.label,
  text: (m) => m.text,
  timing: (m) => m.timing || undefined,
  responsible: (m) => (m.responsible.length > 0 ? m.responsible : undefined),
  responsibleParties: (m) => (m.parties.length > 0 ? m.parties : undefined),
  responsibleNote: (m) => m.responsibleNote || undefined,
  lines: (m) => m.lines ?? undefined,
};

function measureDoc(m: MeasureView): MeasureDoc {
  return measureDocOf(MEASURE_FIELDS, m);
}
