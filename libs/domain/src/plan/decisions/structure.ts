import { DomainError } from '../../shared/domain-error.js';
import type {
  AddGoal,
  AddSection,
  RecordMeasurement,
  RetitleSection,
  ReviseSectionIntro,
  RewordGoal,
  SetGoalTarget,
  StrikeGoal,
} from '../plan.commands.js';
import { goalTargetFromText } from '../goal-targets.js';
import type { PlanEvent, Target } from '../plan.events.js';
import type { ExistingPlan, PlanState } from '../plan.state.js';
import { editablePlan, existingPlan, liveGoal, requireDate, requireText, section } from './guards.js';

export function addSection(command: AddSection, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const number = requireText(command.number, 'number');
  if ([...plan.sections.values()].some((s) => s.number === number)) {
    throw new DomainError('SECTION_NUMBER_TAKEN', 'conflict', `The plan already has a section ${number}`, {
      field: 'number',
      number,
    });
  }
  if (command.parentSectionId !== undefined) section(plan, command.parentSectionId, 'parentSectionId');
  return [
    {
      type: 'SectionAdded',
      data: {
        planId: plan.id,
        sectionId: command.sectionId,
        number,
        title: requireText(command.title, 'title'),
        ...(command.parentSectionId !== undefined ? { parentSectionId: command.parentSectionId } : {}),
        ...(command.intro?.trim() ? { intro: command.intro.trim() } : {}),
        ...(command.lines ? { lines: command.lines } : {}),
      },
    },
  ];
}

export function retitleSection(command: RetitleSection, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const current = section(plan, command.sectionId);
  const title = requireText(command.title, 'title');
  if (title === current.title) return [];
  return [
    {
      type: 'SectionRetitled',
      data: { planId: plan.id, sectionId: current.id, from: current.title, to: title },
    },
  ];
}

export function reviseSectionIntro(command: ReviseSectionIntro, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const current = section(plan, command.sectionId);
  const intro = command.intro.trim();
  if (intro === (current.intro ?? '')) return [];
  return [
    {
      type: 'SectionIntroRevised',
      data: { planId: plan.id, sectionId: current.id, from: current.intro ?? '', to: intro },
    },
  ];
}

function checkTarget(target: Target): Target {
  if (!Number.isFinite(target.value)) {
    throw new DomainError('INVALID_TARGET', 'invalid', 'target.value must be a number', {
      field: 'target.value',
    });
  }
  requireText(target.metric, 'target.metric');
  if (target.by !== undefined) requireDate(target.by, 'target.by');
  return { metric: target.metric.trim(), value: target.value, ...(target.by ? { by: target.by } : {}) };
}

/** The target a goal's own words set ("4000 medlemmer innen utgangen av 2027"), read by the one rule. */
const targetInText = (plan: ExistingPlan, text: string): Target | undefined =>
  goalTargetFromText(text, { periodFrom: plan.period.from, periodTo: plan.period.to });

const sameTarget = (a: Target | undefined, b: Target | undefined): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

export function addGoal(command: AddGoal, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  section(plan, command.sectionId);
  if (command.parentGoalId !== undefined) liveGoal(plan, command.parentGoalId, 'parentGoalId');
  const text = requireText(command.text, 'text');
  // A target given with the command wins; without one, the goal's text says what it is.
  const target = command.target ? checkTarget(command.target) : targetInText(plan, text);
  return [
    {
      type: 'GoalAdded',
      data: {
        planId: plan.id,
        goalId: command.goalId,
        sectionId: command.sectionId,
        ...(command.parentGoalId !== undefined ? { parentGoalId: command.parentGoalId } : {}),
        text,
        ...(target ? { target } : {}),
        ...(command.lines ? { lines: command.lines } : {}),
      },
    },
  ];
}

export function rewordGoal(command: RewordGoal, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const goal = liveGoal(plan, command.goalId);
  const text = requireText(command.text, 'text');
  if (text === goal.text) return [];
  const reworded: PlanEvent = {
    type: 'GoalReworded',
    data: { planId: plan.id, goalId: goal.id, from: goal.text, to: text },
  };
  // New words that set another number or date ("4500 medlemmer innen utgangen av 2027") set the
  // target with them; words that name none leave the target as it was.
  const target = targetInText(plan, text);
  if (!target || sameTarget(target, goal.target)) return [reworded];
  return [
    reworded,
    {
      type: 'GoalTargetSet',
      data: { planId: plan.id, goalId: goal.id, ...(goal.target ? { from: goal.target } : {}), to: target },
    },
  ];
}

export function setGoalTarget(command: SetGoalTarget, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const goal = liveGoal(plan, command.goalId);
  const target = checkTarget(command.target);
  if (sameTarget(goal.target, target)) return [];
  return [
    {
      type: 'GoalTargetSet',
      data: { planId: plan.id, goalId: goal.id, ...(goal.target ? { from: goal.target } : {}), to: target },
    },
  ];
}

export function strikeGoal(command: StrikeGoal, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const goal = liveGoal(plan, command.goalId);
  return [
    {
      type: 'GoalStruck',
      data: { planId: plan.id, goalId: goal.id, reason: requireText(command.reason, 'reason') },
    },
  ];
}

export function recordMeasurement(command: RecordMeasurement, state: PlanState): PlanEvent[] {
  const plan = existingPlan(state);
  if (command.goalId !== undefined) liveGoal(plan, command.goalId);
  if (!Number.isFinite(command.value)) {
    throw new DomainError('INVALID_MEASUREMENT', 'invalid', 'value must be a number', { field: 'value' });
  }
  return [
    {
      type: 'IndicatorMeasured',
      data: {
        planId: plan.id,
        ...(command.goalId !== undefined ? { goalId: command.goalId } : {}),
        metric: requireText(command.metric, 'metric'),
        value: command.value,
        at: requireDate(command.at, 'at'),
        ...(command.note?.trim() ? { note: command.note.trim() } : {}),
      },
    },
  ];
}
