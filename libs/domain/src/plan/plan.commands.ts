import type { CommandContext } from '../shared/decider.js';
import type { MeasureStatus } from './measure-status.js';
import type { Body } from './plan.events.js';

export interface CreatePlan extends CommandContext {
  readonly type: 'CreatePlan';
  readonly planId: string;
  readonly organisationId: string;
  readonly title: string;
  readonly period: { readonly from: number; readonly to: number };
  readonly edition?: string;
  readonly bodies?: readonly Body[];
}

export interface AddSection extends CommandContext {
  readonly type: 'AddSection';
  /** Chosen by the caller (the application derives it from the command id). */
  readonly sectionId: string;
  readonly number: string;
  readonly title: string;
  readonly parentSectionId?: string;
}

export interface AddMeasure extends CommandContext {
  readonly type: 'AddMeasure';
  readonly measureId: string;
  readonly sectionId: string;
  /** Without a label, the next free letter of the section (A, B, ... Z, AA, AB ...). */
  readonly label?: string;
  readonly text: string;
  readonly timing?: string;
  readonly responsible?: readonly string[];
}

export interface ChangeMeasureStatus extends CommandContext {
  readonly type: 'ChangeMeasureStatus';
  readonly measureId: string;
  readonly status: MeasureStatus;
  readonly note?: string;
}

export type PlanCommand = CreatePlan | AddSection | AddMeasure | ChangeMeasureStatus;
