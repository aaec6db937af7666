import type { DomainEvent } from '../shared/decider.js';
import type { MeasureStatus } from './measure-status.js';

export interface Body {
  readonly code: string;
  readonly name: string;
}

export type PlanCreated = DomainEvent<
  'PlanCreated',
  {
    planId: string;
    organisationId: string;
    title: string;
    period: { from: number; to: number };
    edition?: string;
    bodies: Body[];
  }
>;

export type SectionAdded = DomainEvent<
  'SectionAdded',
  { planId: string; sectionId: string; number: string; title: string; parentSectionId?: string }
>;

export type MeasureAdded = DomainEvent<
  'MeasureAdded',
  {
    planId: string;
    measureId: string;
    sectionId: string;
    label: string;
    text: string;
    /** As written ("Høst 2026", "Kontinuerlig"); never rejected, parsed where possible by readers. */
    timing: string;
    /** Body codes; the first is the lead. */
    responsible: string[];
  }
>;

export type MeasureStatusChanged = DomainEvent<
  'MeasureStatusChanged',
  { planId: string; measureId: string; from: MeasureStatus; to: MeasureStatus; note?: string }
>;

export type PlanEvent = PlanCreated | SectionAdded | MeasureAdded | MeasureStatusChanged;
export type PlanEventType = PlanEvent['type'];

export const PLAN_EVENT_TYPES: readonly PlanEventType[] = [
  'PlanCreated',
  'SectionAdded',
  'MeasureAdded',
  'MeasureStatusChanged',
];

export function isPlanEvent(event: { type: string }): event is PlanEvent {
  return (PLAN_EVENT_TYPES as readonly string[]).includes(event.type);
}
