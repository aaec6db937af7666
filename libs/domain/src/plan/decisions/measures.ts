import { DomainError } from '../../shared/domain-error.js';
import { labelsGivenIn, nextLabelIn } from '../addresses.js';
import type {
  AddMeasure,
  ChangeMeasureStatus,
  MoveMeasure,
  NoteProgress,
  ReassignMeasure,
  RetimeMeasure,
  RewordMeasure,
  StrikeMeasure,
} from '../plan.commands.js';
import type { PlanEvent } from '../plan.events.js';
import type { ExistingPlan, MeasureState, PlanState } from '../plan.state.js';
import {
  editablePlan,
  existingPlan,
  liveMeasure,
  requireText,
  responsibility,
  same,
  section,
} from './guards.js';

function chooseLabel(
  plan: ExistingPlan,
  sectionId: string,
  wanted: string | undefined,
  except?: string,
): string {
  // A letter once given in a section is never given again, not even after its measure was
  // struck or moved: meeting papers, amendments and audits cite "4.1.D" for years.
  const taken = labelsGivenIn(plan, sectionId, except);
  const label = wanted?.trim() || nextLabelIn(plan, sectionId, except);
  if (taken.has(label)) {
    const number = plan.sections.get(sectionId)?.number ?? sectionId;
    throw new DomainError(
      'MEASURE_LABEL_TAKEN',
      'conflict',
      `Section ${number} has had a measure ${label}; a letter is never given to another measure`,
      {
        field: 'label',
        label,
      },
    );
  }
  return label;
}

export function addMeasure(command: AddMeasure, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const target = section(plan, command.sectionId);
  const { responsible, parties } = responsibility(
    plan,
    command.responsible ?? [],
    command.responsibleParties,
    command.organisationBodies,
  );
  return [
    {
      type: 'MeasureAdded',
      data: {
        planId: plan.id,
        measureId: command.measureId,
        sectionId: target.id,
        label: chooseLabel(plan, target.id, command.label),
        text: requireText(command.text, 'text'),
        timing: command.timing?.trim() ?? '',
        responsible,
        ...(parties.length ? { responsibleParties: parties } : {}),
        ...(command.responsibleNote?.trim() ? { responsibleNote: command.responsibleNote.trim() } : {}),
        ...(command.lines ? { lines: command.lines } : {}),
      },
    },
  ];
}

export function rewordMeasure(command: RewordMeasure, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const measure = liveMeasure(plan, command.measureId);
  const text = requireText(command.text, 'text');
  if (text === measure.text) return [];
  return [
    {
      type: 'MeasureReworded',
      data: { planId: plan.id, measureId: measure.id, from: measure.text, to: text },
    },
  ];
}

export function moveMeasure(command: MoveMeasure, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const measure = liveMeasure(plan, command.measureId);
  const target = section(plan, command.sectionId);
  if (target.id === measure.sectionId && (command.label === undefined || command.label === measure.label))
    return [];
  const label = chooseLabel(plan, target.id, command.label, measure.id);
  return [
    {
      type: 'MeasureMoved',
      data: {
        planId: plan.id,
        measureId: measure.id,
        fromSectionId: measure.sectionId,
        toSectionId: target.id,
        fromLabel: measure.label,
        toLabel: label,
      },
    },
  ];
}

export function retimeMeasure(command: RetimeMeasure, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const measure = liveMeasure(plan, command.measureId);
  // Timing text is kept as written and never rejected: "Planlegge høst 2026, gjennomføre tidlig 2027".
  const timing = command.timing.trim();
  if (timing === measure.timing) return [];
  return [
    {
      type: 'MeasureRetimed',
      data: { planId: plan.id, measureId: measure.id, from: measure.timing, to: timing },
    },
  ];
}

export function reassignMeasure(command: ReassignMeasure, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const measure = liveMeasure(plan, command.measureId);
  const { responsible, parties } = responsibility(
    plan,
    command.responsible,
    command.responsibleParties ?? measure.parties,
    command.organisationBodies,
  );
  return reassigned(plan, measure, responsible, parties, command.reason);
}

/** The event that gives a measure these responsible bodies and parties, or none when it has them. */
export function reassigned(
  plan: ExistingPlan,
  measure: MeasureState,
  responsible: readonly string[],
  parties: readonly string[],
  reason: string | undefined,
): PlanEvent[] {
  const partiesChange = !same(parties, measure.parties);
  if (same(responsible, measure.responsible) && !partiesChange) return [];
  return [
    {
      type: 'MeasureReassigned',
      data: {
        planId: plan.id,
        measureId: measure.id,
        from: [...measure.responsible],
        to: [...responsible],
        ...(partiesChange ? { fromParties: [...measure.parties], toParties: [...parties] } : {}),
        ...(reason?.trim() ? { reason: reason.trim() } : {}),
      },
    },
  ];
}

export function strikeMeasure(command: StrikeMeasure, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const measure = liveMeasure(plan, command.measureId);
  return [
    {
      type: 'MeasureStruck',
      data: { planId: plan.id, measureId: measure.id, reason: requireText(command.reason, 'reason') },
    },
  ];
}

export function changeMeasureStatus(command: ChangeMeasureStatus, state: PlanState): PlanEvent[] {
  // Follow-up goes on after a plan is superseded: the last report on it comes later.
  const plan = existingPlan(state);
  const measure = liveMeasure(plan, command.measureId);
  // Reporting the status it already has is a no-op, so a double click or a retry is harmless;
  // a continuous measure reports each period, so a new period is always recorded.
  if (measure.status === command.status && !command.note && !command.period) return [];
  return [
    {
      type: 'MeasureStatusChanged',
      data: {
        planId: plan.id,
        measureId: measure.id,
        from: measure.status,
        to: command.status,
        ...(command.note?.trim() ? { note: command.note.trim() } : {}),
        ...(command.period?.trim() ? { period: command.period.trim() } : {}),
      },
    },
  ];
}

export function noteProgress(command: NoteProgress, state: PlanState): PlanEvent[] {
  const plan = existingPlan(state);
  const measure = liveMeasure(plan, command.measureId);
  return [
    {
      type: 'ProgressNoted',
      data: {
        planId: plan.id,
        measureId: measure.id,
        note: requireText(command.note, 'note'),
        ...(command.period?.trim() ? { period: command.period.trim() } : {}),
      },
    },
  ];
}
