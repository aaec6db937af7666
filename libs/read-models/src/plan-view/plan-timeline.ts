import {
  planFold,
  planFromSnapshot,
  planSnapshot,
  initialPlanState,
  isPlanEvent,
  type PlanSnapshot,
  type PlanAdopted,
  type PlanEvent,
  type PlanState,
} from '@app/domain';
import type { TimelineRow } from '../plan-history/history-row.js';

export interface FollowUpEntry {
  readonly note: string | undefined;
  readonly status: string | undefined;
  readonly period: string | undefined;
  readonly at: string;
  readonly by: string;
}

export interface MeasurementEntry {
  readonly goalId: string | undefined;
  readonly metric: string;
  readonly value: number;
  readonly at: string;
  readonly note: string | undefined;
}

export interface AdoptionEntry extends Omit<PlanAdopted['data'], 'planId'> {
  readonly streamRevision: number;
}

/** A plan folded from its history: the domain state, plus what the domain does not keep. */
export interface PlanTimeline {
  readonly state: PlanState;
  /** Status reports and progress notes per measure, oldest first. */
  readonly followUp: ReadonlyMap<string, readonly FollowUpEntry[]>;
  readonly measurements: readonly MeasurementEntry[];
  readonly adoptions: readonly AdoptionEntry[];
  /** Intro text per section (kept on the event, not in the domain state). */
  readonly intros: ReadonlyMap<string, string>;
  readonly responsibleNotes: ReadonlyMap<string, string>;
  readonly streamRevision: number;
  readonly lastEffectiveAt: string | undefined;
}

/**
 * Folds history rows with the domain's own `evolve`, so the plan at a revision or on a date
 * is exactly what the decider saw then. Given `from`, the timeline the rows before these
 * folded to, it goes on from there (`from` itself is not changed).
 */
export function foldTimeline(rows: readonly TimelineRow[], from?: PlanTimeline): PlanTimeline {
  let state: PlanState = from?.state ?? initialPlanState();
  const evolve = planFold();
  const followUp = new Map<string, readonly FollowUpEntry[]>(from?.followUp);
  const measurements: MeasurementEntry[] = [...(from?.measurements ?? [])];
  const adoptions: AdoptionEntry[] = [...(from?.adoptions ?? [])];
  const intros = new Map<string, string>(from?.intros);
  const responsibleNotes = new Map<string, string>(from?.responsibleNotes);
  // A list from `from` is copied once, on the first entry this fold adds to it (`from` stays as
  // it was: a kept timeline is shared); this fold's own lists grow in place.
  const ownLists = new Map<string, FollowUpEntry[]>();
  const addFollowUp = (measureId: string, entry: FollowUpEntry): void => {
    const own = ownLists.get(measureId);
    if (own) {
      own.push(entry);
      return;
    }
    const list = [...(followUp.get(measureId) ?? []), entry];
    ownLists.set(measureId, list);
    followUp.set(measureId, list);
  };
  for (const row of rows) {
    const event = { type: row.eventType, data: row.data };
    if (!isPlanEvent(event)) continue;
    const planEvent = event as PlanEvent;
    state = evolve(state, planEvent);
    switch (planEvent.type) {
      case 'MeasureStatusChanged':
        addFollowUp(planEvent.data.measureId, {
          note: planEvent.data.note,
          status: planEvent.data.to,
          period: planEvent.data.period,
          at: row.effectiveAt,
          by: row.actor,
        });
        break;
      case 'ProgressNoted':
        addFollowUp(planEvent.data.measureId, {
          note: planEvent.data.note,
          status: undefined,
          period: planEvent.data.period,
          at: row.effectiveAt,
          by: row.actor,
        });
        break;
      case 'IndicatorMeasured': {
        const { goalId, metric, value, at, note } = planEvent.data;
        measurements.push({ goalId, metric, value, at, note });
        break;
      }
      case 'PlanAdopted': {
        const { planId: _, ...adoption } = planEvent.data;
        adoptions.push({ ...adoption, streamRevision: row.streamRevision });
        break;
      }
      case 'SectionAdded':
        if (planEvent.data.intro) intros.set(planEvent.data.sectionId, planEvent.data.intro);
        break;
      case 'SectionIntroRevised':
        if (planEvent.data.to === '') intros.delete(planEvent.data.sectionId);
        else intros.set(planEvent.data.sectionId, planEvent.data.to);
        break;
      case 'MeasureAdded':
        if (planEvent.data.responsibleNote)
          responsibleNotes.set(planEvent.data.measureId, planEvent.data.responsibleNote);
        break;
      default:
        break;
    }
  }
  const last = rows[rows.length - 1];
  return {
    state,
    followUp,
    measurements,
    adoptions,
    intros,
    responsibleNotes,
    streamRevision: last ? last.streamRevision : (from?.streamRevision ?? -1),
    lastEffectiveAt: last ? last.effectiveAt : from?.lastEffectiveAt,
  };
}

/** A timeline as JSON text: the state as the domain's snapshot, maps as lists of entries. */
export function timelineToJson(timeline: PlanTimeline): string {
  return JSON.stringify({
    ...timeline,
    state: planSnapshot(timeline.state),
    followUp: [...timeline.followUp],
    intros: [...timeline.intros],
    responsibleNotes: [...timeline.responsibleNotes],
  });
}

/** The timeline `timelineToJson` was given (an absent optional field is absent again, not undefined). */
export function timelineFromJson(text: string): PlanTimeline {
  const plain = JSON.parse(text) as Omit<
    PlanTimeline,
    'state' | 'followUp' | 'intros' | 'responsibleNotes'
  > & {
    state: PlanSnapshot;
    followUp: Array<[string, FollowUpEntry[]]>;
    intros: Array<[string, string]>;
    responsibleNotes: Array<[string, string]>;
  };
  return {
    ...plain,
    state: planFromSnapshot(plain.state),
    followUp: new Map(plain.followUp),
    intros: new Map(plain.intros),
    responsibleNotes: new Map(plain.responsibleNotes),
  };
}
