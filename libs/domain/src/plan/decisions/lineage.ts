import { DomainError } from '../../shared/domain-error.js';
import type { ConfirmLineage, RejectLineage } from '../plan.commands.js';
import type { PlanEvent } from '../plan.events.js';
import type { ExistingPlan, PlanState } from '../plan.state.js';
import { existingPlan } from './guards.js';

/** Both sides of a link must name elements: of the predecessor (from) and of this plan (to). */
function checkSides(plan: ExistingPlan, command: ConfirmLineage | RejectLineage): void {
  if (command.fromPlanId !== plan.predecessorPlanId) {
    throw new DomainError(
      'NOT_THE_PREDECESSOR',
      'invalid',
      `Plan "${command.fromPlanId}" is not the predecessor of "${plan.id}"${plan.predecessorPlanId ? ` (that is "${plan.predecessorPlanId}")` : ''}`,
      { field: 'fromPlanId' },
    );
  }
  if (command.from.length === 0 || command.to.length === 0) {
    throw new DomainError('EMPTY_LINK', 'invalid', 'A link names at least one element on each side', {
      field: 'from',
    });
  }
  const own = new Set([...plan.measures.keys(), ...plan.goals.keys()]);
  const unknownTo = command.to.filter((id) => !own.has(id));
  if (unknownTo.length > 0) {
    throw new DomainError(
      'ELEMENT_NOT_FOUND',
      'not_found',
      `Not elements of this plan: ${unknownTo.join(', ')}`,
      { field: 'to' },
    );
  }
  if (command.predecessorElements) {
    const theirs = new Set(command.predecessorElements);
    const unknownFrom = command.from.filter((id) => !theirs.has(id));
    if (unknownFrom.length > 0) {
      throw new DomainError(
        'ELEMENT_NOT_FOUND',
        'not_found',
        `Not elements of ${command.fromPlanId}: ${unknownFrom.join(', ')}`,
        {
          field: 'from',
        },
      );
    }
  }
}

export function confirmLineage(command: ConfirmLineage, state: PlanState): PlanEvent[] {
  const plan = existingPlan(state);
  checkSides(plan, command);
  if (command.kind === 'merged' && command.from.length < 2) {
    throw new DomainError(
      'INVALID_LINK',
      'invalid',
      'A merge joins two or more elements of the predecessor',
      { field: 'from' },
    );
  }
  if (command.kind === 'split' && command.to.length < 2) {
    throw new DomainError('INVALID_LINK', 'invalid', 'A split makes two or more elements of this plan', {
      field: 'to',
    });
  }
  return [
    {
      type: 'LineageConfirmed',
      data: {
        planId: plan.id,
        fromPlanId: command.fromPlanId,
        from: [...command.from],
        to: [...command.to],
        kind: command.kind,
        ...(command.note?.trim() ? { note: command.note.trim() } : {}),
      },
    },
  ];
}

export function rejectLineage(command: RejectLineage, state: PlanState): PlanEvent[] {
  const plan = existingPlan(state);
  checkSides(plan, command);
  return [
    {
      type: 'LineageRejected',
      data: {
        planId: plan.id,
        fromPlanId: command.fromPlanId,
        from: [...command.from],
        to: [...command.to],
        ...(command.note?.trim() ? { note: command.note.trim() } : {}),
      },
    },
  ];
}
