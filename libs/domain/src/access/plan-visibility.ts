import { DomainError } from '../shared/domain-error.js';
import type { CommandContext, Decider, DomainEvent } from '../shared/decider.js';

/** Published plans can be read by anyone; internal ones only by the organisation's members. */
export const PLAN_VISIBILITIES = ['published', 'internal'] as const;
export type PlanVisibility = (typeof PLAN_VISIBILITIES)[number];

export type PlanVisibilityChanged = DomainEvent<
  'PlanVisibilityChanged',
  { planId: string; organisationId: string; visibility: PlanVisibility }
>;

export type SetPlanVisibility = CommandContext & {
  readonly type: 'SetPlanVisibility';
  readonly planId: string;
  /** The plan's organisation, looked up by the application layer. */
  readonly organisationId: string;
  readonly visibility: PlanVisibility;
};

export type PlanVisibilityState = { readonly visibility: PlanVisibility };

export function isPlanVisibilityEvent(event: { type: string }): event is PlanVisibilityChanged {
  return event.type === 'PlanVisibilityChanged';
}

export const planVisibilityDecider: Decider<SetPlanVisibility, PlanVisibilityChanged, PlanVisibilityState> = {
  initialState: () => ({ visibility: 'published' }),
  evolve: (_state, event) => ({ visibility: event.data.visibility }),
  decide(command, state) {
    if (!(PLAN_VISIBILITIES as readonly string[]).includes(command.visibility)) {
      throw new DomainError(
        'UNKNOWN_VISIBILITY',
        'invalid',
        `visibility must be one of ${PLAN_VISIBILITIES.join(', ')}`,
        { field: 'visibility' },
      );
    }
    if (state.visibility === command.visibility) return [];
    return [
      {
        type: 'PlanVisibilityChanged',
        data: {
          planId: command.planId,
          organisationId: command.organisationId,
          visibility: command.visibility,
        },
      },
    ];
  },
};
