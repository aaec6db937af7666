import type { PlanEvent } from '@app/domain';

export type ElementKind = 'plan' | 'section' | 'goal' | 'measure';

/** Which element of the plan an event is about, so the history of one measure can be read. */
export function elementOf(event: PlanEvent): { kind: ElementKind; id: string | null } {
  const d = event.data as Record<string, unknown>;
  if (typeof d.measureId === 'string') return { kind: 'measure', id: d.measureId };
  if (typeof d.goalId === 'string') return { kind: 'goal', id: d.goalId };
  if (typeof d.sectionId === 'string') return { kind: 'section', id: d.sectionId };
  return { kind: 'plan', id: null };
}
