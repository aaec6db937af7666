import { DomainError } from '../../shared/domain-error.js';
import type { ExistingPlan } from '../../plan/plan.state.js';
import type { PlanFacts } from '../meeting.commands.js';
import type { AmendmentState, ExistingMeeting, MeetingState } from '../meeting.state.js';
import { AMENDMENT_FIELD_NAMES, type AmendmentFields } from '../meeting.types.js';

/** A refusal for bad input, in the Norwegian the meeting's pages show. */
export const invalid = (code: string, message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(code, 'invalid', message, details);

/** A refusal because of what the meeting has recorded already. */
export const conflict = (code: string, message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(code, 'conflict', message, details);

export function existingMeeting(state: MeetingState): ExistingMeeting {
  if (state.status === 'none')
    throw new DomainError('MEETING_NOT_FOUND', 'not_found', 'Møtet er ikke innkalt');
  return state;
}

/** A meeting that has not yet voted on the plan as a whole. */
export function openMeeting(state: MeetingState): ExistingMeeting {
  const meeting = existingMeeting(state);
  if (meeting.status === 'concluded') {
    throw conflict(
      'MEETING_CONCLUDED',
      `Møtet ${meeting.id} har stemt over planen som helhet; forslagene kan ikke endres lenger`,
    );
  }
  return meeting;
}

export function amendment(meeting: ExistingMeeting, no: number, field = 'no'): AmendmentState {
  const found = meeting.amendments.get(no);
  if (!found) {
    throw new DomainError(
      'AMENDMENT_NOT_FOUND',
      'not_found',
      `Forslag ${no} er ikke fremmet på møtet ${meeting.id}`,
      {
        field,
        no,
      },
    );
  }
  return found;
}

export function treatedPlan(facts: PlanFacts, planId: string): ExistingPlan {
  if (!facts.plan) {
    throw new DomainError('PLAN_NOT_FOUND', 'not_found', `Planen «${planId}» finnes ikke`, {
      field: 'planId',
    });
  }
  return facts.plan;
}

/** An amendment still to be decided. */
export function undecided(a: AmendmentState, field = 'no'): void {
  if (a.status !== 'filed')
    throw conflict('AMENDMENT_DECIDED', `Forslag ${a.no} er allerede ${STATUS_WORD[a.status]}`, {
      field,
      no: a.no,
    });
}

export const STATUS_WORD: Record<AmendmentState['status'], string> = {
  filed: 'fremmet',
  withdrawn: 'trukket',
  adopted: 'vedtatt',
  rejected: 'falt',
  lapsed: 'bortfalt',
  referred: 'oversendt',
};

/** JSON with keys in sorted order: stored events may come back with their keys reordered (jsonb). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

export const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** The fields as given, without empty values, in a fixed key order (so a re-filing compares equal). */
export function cleanFields(fields: AmendmentFields): AmendmentFields {
  const out: Record<string, unknown> = {};
  for (const key of AMENDMENT_FIELD_NAMES) {
    const value = fields[key];
    if (value === undefined || value === null) continue;
    out[key] = value;
  }
  return out as AmendmentFields;
}
