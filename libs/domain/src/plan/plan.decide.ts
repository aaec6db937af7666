import type { Decider } from '../shared/decider.js';
import { confirmLineage, rejectLineage } from './decisions/lineage.js';

import {
  adoptPlan,
  createPlan,
  declareBody,
  linkPlan,
  retitlePlan,
  supersedePlan,
} from './decisions/lifecycle.js';
import {
  addMeasure,
  changeMeasureStatus,
  moveMeasure,
  noteProgress,
  reassignMeasure,
  retimeMeasure,
  rewordMeasure,
  strikeMeasure,
} from './decisions/measures.js';
import {
  addGoal,
  addSection,
  recordMeasurement,
  retitleSection,
  reviseSectionIntro,
  rewordGoal,
  setGoalTarget,
  strikeGoal,
} from './decisions/structure.js';
import type { PlanCommand } from './plan.commands.js';
import type { PlanEvent } from './plan.events.js';
import { evolvePlan, initialPlanState, planFold, type PlanState } from './plan.state.js';

export function decidePlan(command: PlanCommand, state: PlanState): PlanEvent[] {
  switch (command.type) {
    case 'CreatePlan':
      return createPlan(command, state);
    case 'RetitlePlan':
      return retitlePlan(command, state);
    case 'LinkPlan':
      return linkPlan(command, state);
    case 'DeclareBody':
      return declareBody(command, state);
    case 'AdoptPlan':
      return adoptPlan(command, state);
    case 'SupersedePlan':
      return supersedePlan(command, state);
    case 'AddSection':
      return addSection(command, state);
    case 'RetitleSection':
      return retitleSection(command, state);
    case 'ReviseSectionIntro':
      return reviseSectionIntro(command, state);
    case 'AddGoal':
      return addGoal(command, state);
    case 'RewordGoal':
      return rewordGoal(command, state);
    case 'SetGoalTarget':
      return setGoalTarget(command, state);
    case 'StrikeGoal':
      return strikeGoal(command, state);
    case 'RecordMeasurement':
      return recordMeasurement(command, state);
    case 'AddMeasure':
      return addMeasure(command, state);
    case 'RewordMeasure':
      return rewordMeasure(command, state);
    case 'MoveMeasure':
      return moveMeasure(command, state);
    case 'RetimeMeasure':
      return retimeMeasure(command, state);
    case 'ReassignMeasure':
      return reassignMeasure(command, state);
    case 'StrikeMeasure':
      return strikeMeasure(command, state);
    case 'ChangeMeasureStatus':
      return changeMeasureStatus(command, state);
    case 'NoteProgress':
      return noteProgress(command, state);
    case 'ConfirmLineage':
      return confirmLineage(command, state);
    case 'RejectLineage':
      return rejectLineage(command, state);

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
  startFold: planFold,
};
