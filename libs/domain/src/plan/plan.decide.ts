import { DomainError } from '../shared/domain-error.js';
import type { Decider } from '../shared/decider.js';
import { nextFreeLabel } from './measure-labels.js';
import type {
  AddMeasure,
  AddSection,
  ChangeMeasureStatus,
  CreatePlan,
  PlanCommand,
} from './plan.commands.js';
import type { PlanEvent } from './plan.events.js';
import { evolvePlan, initialPlanState, type ExistingPlan, type PlanState } from './plan.state.js';

function existing(state: PlanState): ExistingPlan {
  if (state.status === 'none')
    throw new DomainError('PLAN_NOT_FOUND', 'not_found', 'The plan does not exist');
  return state;
}

function createPlan(command: CreatePlan, state: PlanState): PlanEvent[] {
  if (state.status !== 'none') {
    throw new DomainError('PLAN_ALREADY_EXISTS', 'conflict', `Plan "${command.planId}" already exists`, {
      planId: command.planId,
    });
  }
  const { from, to } = command.period;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) {
    throw new DomainError('INVALID_PERIOD', 'invalid', `The period ${from}-${to} does not run forwards`, {
      field: 'period',
    });
  }
  const codes = (command.bodies ?? []).map((b) => b.code);
  const duplicate = codes.find((code, i) => codes.indexOf(code) !== i);
  if (duplicate) {
    throw new DomainError('DUPLICATE_BODY', 'invalid', `Body "${duplicate}" is declared twice`, {
      field: 'bodies',
      code: duplicate,
    });
  }
  return [
    {
      type: 'PlanCreated',
      data: {
        planId: command.planId,
        organisationId: command.organisationId,
        title: command.title.trim(),
        period: { from, to },
        ...(command.edition ? { edition: command.edition } : {}),
        bodies: (command.bodies ?? []).map((b) => ({ code: b.code, name: b.name })),
      },
    },
  ];
}

function addSection(command: AddSection, state: PlanState): PlanEvent[] {
  const plan = existing(state);
  const number = command.number.trim();
  if ([...plan.sections.values()].some((s) => s.number === number)) {
    throw new DomainError('SECTION_NUMBER_TAKEN', 'conflict', `The plan already has a section ${number}`, {
      field: 'number',
      number,
    });
  }
  if (command.parentSectionId !== undefined && !plan.sections.has(command.parentSectionId)) {
    throw new DomainError(
      'SECTION_NOT_FOUND',
      'not_found',
      `Parent section ${command.parentSectionId} not found`,
      {
        field: 'parentSectionId',
      },
    );
  }
  return [
    {
      type: 'SectionAdded',
      data: {
        planId: plan.id,
        sectionId: command.sectionId,
        number,
        title: command.title.trim(),
        ...(command.parentSectionId !== undefined ? { parentSectionId: command.parentSectionId } : {}),
      },
    },
  ];
}

function addMeasure(command: AddMeasure, state: PlanState): PlanEvent[] {
  const plan = existing(state);
  const section = plan.sections.get(command.sectionId);
  if (!section) {
    throw new DomainError('SECTION_NOT_FOUND', 'not_found', `Section ${command.sectionId} not found`, {
      field: 'sectionId',
    });
  }
  const taken = new Set(
    [...plan.measures.values()].filter((m) => m.sectionId === section.id).map((m) => m.label),
  );
  const label = command.label?.trim() || nextFreeLabel(taken);
  if (taken.has(label)) {
    throw new DomainError(
      'MEASURE_LABEL_TAKEN',
      'conflict',
      `Section ${section.number} already has a measure ${label}`,
      {
        field: 'label',
        label,
      },
    );
  }
  const responsible = [...(command.responsible ?? [])];
  if (plan.bodies.size > 0) {
    const unknown = responsible.filter((code) => !plan.bodies.has(code));
    if (unknown.length > 0) {
      throw new DomainError(
        'UNKNOWN_BODY',
        'invalid',
        `Unknown responsible ${unknown.length === 1 ? 'body' : 'bodies'}: ${unknown.join(', ')} (the plan has ${[...plan.bodies.keys()].join(', ')})`,
        { field: 'responsible', unknown },
      );
    }
  }
  return [
    {
      type: 'MeasureAdded',
      data: {
        planId: plan.id,
        measureId: command.measureId,
        sectionId: section.id,
        label,
        text: command.text.trim(),
        timing: command.timing?.trim() ?? '',
        responsible,
      },
    },
  ];
}

function changeMeasureStatus(command: ChangeMeasureStatus, state: PlanState): PlanEvent[] {
  const plan = existing(state);
  const measure = plan.measures.get(command.measureId);
  if (!measure) {
    throw new DomainError(
      'MEASURE_NOT_FOUND',
      'not_found',
      `Measure ${command.measureId} not found in this plan`,
      {
        field: 'measureId',
      },
    );
  }
  // Reporting the status it already has is a no-op, so a double click or a retry is harmless.
  if (measure.status === command.status && !command.note) return [];
  return [
    {
      type: 'MeasureStatusChanged',
      data: {
        planId: plan.id,
        measureId: measure.id,
        from: measure.status,
        to: command.status,
        ...(command.note ? { note: command.note.trim() } : {}),
      },
    },
  ];
}

export function decidePlan(command: PlanCommand, state: PlanState): PlanEvent[] {
  switch (command.type) {
    case 'CreatePlan':
      return createPlan(command, state);
    case 'AddSection':
      return addSection(command, state);
    case 'AddMeasure':
      return addMeasure(command, state);
    case 'ChangeMeasureStatus':
      return changeMeasureStatus(command, state);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

export const planDecider: Decider<PlanCommand, PlanEvent, PlanState> = {
  decide: decidePlan,
  evolve: evolvePlan,
  initialState: initialPlanState,
};
