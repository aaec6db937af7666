import { isPlanEvent, type MeasureStatus, type PlanEvent, type Target } from '@app/domain';
import type { HistoryRow } from '../plan-history/history-row.js';

/** A text that changed: what it was and what it became. */
interface Reworded {
  readonly from: string;
  readonly to: string;
}

/**
 * What a plan event did, as the history page, the follow-up report (and so the CLI's and the
 * exports' reports) tell it: which element it changed and how, in facts each of them words in
 * its own format. One kind per way a plan changes; the ids name the element, so a reader can
 * give its address.
 */
export type PlanChange =
  | { readonly kind: 'created'; readonly element: 'plan'; readonly title: string }
  | ({ readonly kind: 'retitled'; readonly element: 'plan' } & Reworded)
  | ({ readonly kind: 'retitled'; readonly element: 'section'; readonly elementId: string } & Reworded)
  | {
      readonly kind: 'linked';
      readonly element: 'plan';
      readonly predecessorPlanId: string | null;
      readonly parentPlanId: string | null;
    }
  | { readonly kind: 'bodyDeclared'; readonly element: 'plan'; readonly code: string; readonly name: string }
  | {
      readonly kind: 'adopted';
      readonly element: 'plan';
      readonly revision: number;
      readonly body: string;
      readonly date: string;
      readonly decisionRef: string | null;
      readonly edition: string | null;
    }
  | { readonly kind: 'superseded'; readonly element: 'plan'; readonly byPlanId: string }
  | {
      readonly kind: 'added';
      readonly element: 'section';
      readonly elementId: string;
      readonly number: string;
      readonly title: string;
    }
  | {
      readonly kind: 'added';
      readonly element: 'goal';
      readonly elementId: string;
      readonly text: string;
      readonly target: Target | null;
    }
  | {
      readonly kind: 'added';
      readonly element: 'measure';
      readonly elementId: string;
      readonly sectionId: string;
      readonly label: string;
      readonly text: string;
      readonly timing: string;
      /** Body codes, the lead first. */
      readonly responsible: readonly string[];
      /** Named responsible parties that are not declared bodies. */
      readonly parties: readonly string[];
    }
  /** A section's intro, a goal's or a measure's text. */
  | ({
      readonly kind: 'reworded';
      readonly element: 'section' | 'goal' | 'measure';
      readonly elementId: string;
    } & Reworded)
  | {
      readonly kind: 'targetChanged';
      readonly element: 'goal';
      readonly elementId: string;
      readonly from: Target | null;
      readonly to: Target;
    }
  | {
      readonly kind: 'removed';
      readonly element: 'goal' | 'measure';
      readonly elementId: string;
      readonly reason: string;
    }
  | {
      readonly kind: 'measured';
      readonly element: 'plan' | 'goal';
      readonly elementId: string | null;
      readonly metric: string;
      readonly value: number;
      readonly at: string;
    }
  | {
      readonly kind: 'moved';
      readonly element: 'measure';
      readonly elementId: string;
      readonly toSectionId: string;
      readonly fromLabel: string;
      readonly toLabel: string;
    }
  | ({ readonly kind: 'retimed'; readonly element: 'measure'; readonly elementId: string } & Reworded)
  | {
      readonly kind: 'reassigned';
      readonly element: 'measure';
      readonly elementId: string;
      /** Body codes before and after, the lead first. */
      readonly from: readonly string[];
      readonly to: readonly string[];
      /** The named parties before and after, when they changed. */
      readonly fromParties: readonly string[] | null;
      readonly toParties: readonly string[] | null;
      readonly reason: string | null;
    }
  | {
      readonly kind: 'statusChanged';
      readonly element: 'measure';
      readonly elementId: string;
      readonly from: MeasureStatus;
      readonly to: MeasureStatus;
      readonly period: string | null;
      readonly note: string | null;
    }
  | {
      readonly kind: 'progressNoted';
      readonly element: 'measure';
      readonly elementId: string;
      readonly period: string | null;
      readonly note: string;
    }
  | {
      readonly kind: 'lineageConfirmed' | 'lineageRejected';
      readonly element: 'plan';
      readonly fromPlanId: string;
    };

export type PlanChangeKind = PlanChange['kind'];

/**
 * The one reading of a plan event for people: every event type is described here, and the
 * switch has no default, so a new event type does not compile until it is.
 */
export function describePlanEvent(event: PlanEvent): PlanChange {
  switch (event.type) {
    case 'PlanCreated':
      return { kind: 'created', element: 'plan', title: event.data.title };
    case 'PlanRetitled':
      return { kind: 'retitled', element: 'plan', from: event.data.from, to: event.data.to };
    case 'PlanLinked':
      return {
        kind: 'linked',
        element: 'plan',
        predecessorPlanId: event.data.predecessorPlanId ?? null,
        parentPlanId: event.data.parentPlanId ?? null,
      };
    case 'BodyDeclared':
      return { kind: 'bodyDeclared', element: 'plan', code: event.data.code, name: event.data.name };
    case 'PlanAdopted': {
      const d = event.data;
      return {
        kind: 'adopted',
        element: 'plan',
        revision: d.revision,
        body: d.body,
        date: d.date,
        decisionRef: d.decisionRef ?? null,
        edition: d.edition ?? null,
      };
    }
    case 'PlanSuperseded':
      return { kind: 'superseded', element: 'plan', byPlanId: event.data.byPlanId };
    case 'SectionAdded': {
      const d = event.data;
      return { kind: 'added', element: 'section', elementId: d.sectionId, number: d.number, title: d.title };
    }
    case 'SectionRetitled': {
      const d = event.data;
      return { kind: 'retitled', element: 'section', elementId: d.sectionId, from: d.from, to: d.to };
    }
    case 'SectionIntroRevised': {
      const d = event.data;
      return { kind: 'reworded', element: 'section', elementId: d.sectionId, from: d.from, to: d.to };
    }
    case 'GoalAdded': {
      const d = event.data;
      return { kind: 'added', element: 'goal', elementId: d.goalId, text: d.text, target: d.target ?? null };
    }
    case 'GoalReworded': {
      const d = event.data;
      return { kind: 'reworded', element: 'goal', elementId: d.goalId, from: d.from, to: d.to };
    }
    case 'GoalTargetSet': {
      const d = event.data;
      return { kind: 'targetChanged', element: 'goal', elementId: d.goalId, from: d.from ?? null, to: d.to };
    }
    case 'GoalStruck':
      return { kind: 'removed', element: 'goal', elementId: event.data.goalId, reason: event.data.reason };
    case 'IndicatorMeasured': {
      const d = event.data;
      return {
        kind: 'measured',
        element: d.goalId ? 'goal' : 'plan',
        elementId: d.goalId ?? null,
        metric: d.metric,
        value: d.value,
        at: d.at,
      };
    }
    case 'MeasureAdded': {
      const d = event.data;
      return {
        kind: 'added',
        element: 'measure',
        elementId: d.measureId,
        sectionId: d.sectionId,
        label: d.label,
        text: d.text,
        timing: d.timing,
        responsible: d.responsible,
        parties: d.responsibleParties ?? [],
      };
    }
    case 'MeasureReworded': {
      const d = event.data;
      return { kind: 'reworded', element: 'measure', elementId: d.measureId, from: d.from, to: d.to };
    }
    case 'MeasureMoved': {
      const d = event.data;
      return {
        kind: 'moved',
        element: 'measure',
        elementId: d.measureId,
        toSectionId: d.toSectionId,
        fromLabel: d.fromLabel,
        toLabel: d.toLabel,
      };
    }
    case 'MeasureRetimed': {
      const d = event.data;
      return { kind: 'retimed', element: 'measure', elementId: d.measureId, from: d.from, to: d.to };
    }
    case 'MeasureReassigned': {
      const d = event.data;
      return {
        kind: 'reassigned',
        element: 'measure',
        elementId: d.measureId,
        from: d.from,
        to: d.to,
        fromParties: d.fromParties ?? null,
        toParties: d.toParties ?? null,
        reason: d.reason ?? null,
      };
    }
    case 'MeasureStruck':
      return {
        kind: 'removed',
        element: 'measure',
        elementId: event.data.measureId,
        reason: event.data.reason,
      };
    case 'MeasureStatusChanged': {
      const d = event.data;
      return {
        kind: 'statusChanged',
        element: 'measure',
        elementId: d.measureId,
        from: d.from,
        to: d.to,
        period: d.period ?? null,
        note: d.note ?? null,
      };
    }
    case 'ProgressNoted': {
      const d = event.data;
      return {
        kind: 'progressNoted',
        element: 'measure',
        elementId: d.measureId,
        period: d.period ?? null,
        note: d.note,
      };
    }
    case 'LineageConfirmed':
      return { kind: 'lineageConfirmed', element: 'plan', fromPlanId: event.data.fromPlanId };
    case 'LineageRejected':
      return { kind: 'lineageRejected', element: 'plan', fromPlanId: event.data.fromPlanId };
  }
}

/** A history row's event as the change it made, or undefined for an event that is not a plan's. */
export function changeOf(row: Pick<HistoryRow, 'eventType' | 'data'>): PlanChange | undefined {
  const event = { type: row.eventType, data: row.data };
  // The history holds what the store holds: events the domain decided, of the types it names.
  return isPlanEvent(event) ? describePlanEvent(event as unknown as PlanEvent) : undefined;
}
