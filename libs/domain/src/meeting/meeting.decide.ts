import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { isIsoDate, notAnIsoDate } from '../shared/iso-date.js';
import type { ExistingPlan } from '../plan/plan.state.js';
import { amendmentChanges, checkAmendmentFields } from './amendment-changes.js';
import { resolveAmendment, targetText } from './amendment-target.js';
import type {
  FileAmendment,
  GiveRecommendation,
  MeetingCommand,
  PlanFacts,
  RecordVote,
  ScheduleMeeting,
  VotePlan,
  WithdrawAmendment,
} from './meeting.commands.js';
import type { AmendmentFiled, MeetingEvent } from './meeting.events.js';
import {
  effectiveFields,
  evolveMeeting,
  initialMeetingState,
  pendingAmendments,
  type AmendmentState,
  type ExistingMeeting,
  type MeetingState,
} from './meeting.state.js';
import {
  AMENDMENT_FIELD_NAMES,
  MEETING_BODIES,
  PLAN_VOTE_RESULTS,
  RECOMMENDATIONS,
  VOTE_RESULTS,
  normaliseOp,
  type AmendmentFields,
  type PlanVoteResult,
  type VoteCounts,
  type VoteResult,
} from './meeting.types.js';

const invalid = (code: string, message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(code, 'invalid', message, details);
const conflict = (code: string, message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(code, 'conflict', message, details);

function existingMeeting(state: MeetingState): ExistingMeeting {
  if (state.status === 'none')
    throw new DomainError('MEETING_NOT_FOUND', 'not_found', 'The meeting has not been scheduled');
  return state;
}

function openMeeting(state: MeetingState): ExistingMeeting {
  const meeting = existingMeeting(state);
  if (meeting.status === 'concluded') {
    throw conflict(
      'MEETING_CONCLUDED',
      `Meeting ${meeting.id} has voted on the plan as a whole; its amendments are settled`,
    );
  }
  return meeting;
}

function amendment(meeting: ExistingMeeting, no: number, field = 'no'): AmendmentState {
  const found = meeting.amendments.get(no);
  if (!found) {
    throw new DomainError(
      'AMENDMENT_NOT_FOUND',
      'not_found',
      `Amendment ${no} is not filed at ${meeting.id}`,
      {
        field,
        no,
      },
    );
  }
  return found;
}

function treatedPlan(facts: PlanFacts, planId: string): ExistingPlan {
  if (!facts.plan) {
    throw new DomainError('PLAN_NOT_FOUND', 'not_found', `Plan "${planId}" does not exist`, {
      field: 'planId',
    });
  }
  return facts.plan;
}

function checkCounts(counts: VoteCounts): VoteCounts {
  const out: { for?: number; against?: number; abstain?: number } = {};
  for (const key of ['for', 'against', 'abstain'] as const) {
    const value = counts[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0)
      throw invalid('INVALID_VOTE_COUNT', `${key} must be a whole number of votes, got ${value}`, {
        field: key,
      });
    out[key] = value;
  }
  return out;
}

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

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** The fields as given, without empty values, in a fixed key order (so a re-filing compares equal). */
function cleanFields(fields: AmendmentFields): AmendmentFields {
  const out: Record<string, unknown> = {};
  for (const key of AMENDMENT_FIELD_NAMES) {
    const value = fields[key];
    if (value === undefined || value === null) continue;
    out[key] = value;
  }
  return out as AmendmentFields;
}

export function scheduleMeeting(command: ScheduleMeeting, state: MeetingState): MeetingEvent[] {
  if (!(MEETING_BODIES as readonly string[]).includes(command.body)) {
    throw invalid(
      'UNKNOWN_MEETING_BODY',
      `Unknown meeting body "${command.body}" (known: ${MEETING_BODIES.join(', ')})`,
      { field: 'body' },
    );
  }
  if (!isIsoDate(command.date))
    throw invalid('INVALID_DATE', notAnIsoDate('date', command.date), { field: 'date' });
  const plan = treatedPlan(command.facts, command.planId);
  if (plan.organisationId !== command.organisationId) {
    throw invalid(
      'WRONG_ORGANISATION',
      `Plan "${plan.id}" belongs to ${plan.organisationId}, not ${command.organisationId}`,
      { field: 'organisationId' },
    );
  }
  const planRevision = command.planRevision ?? command.facts.planRevisionNow;
  if (!Number.isInteger(planRevision) || planRevision < 0 || planRevision > command.facts.planRevisionNow) {
    throw invalid(
      'INVALID_PLAN_REVISION',
      `Plan "${plan.id}" has no stream revision ${planRevision} (it is at ${command.facts.planRevisionNow})`,
      { field: 'planRevision' },
    );
  }
  const data = {
    meetingId: command.meetingId,
    organisationId: command.organisationId,
    body: command.body,
    date: command.date,
    planId: command.planId,
    planRevision,
    ...(command.title?.trim() ? { title: command.title.trim() } : {}),
    ...(command.edition?.trim() ? { edition: command.edition.trim() } : {}),
    ...(command.facts.papersFingerprint ? { papers: command.facts.papersFingerprint } : {}),
  };
  if (state.status !== 'none') {
    // The same meeting again (a replayed protocol) changes nothing; another with this id is refused.
    const existing = {
      meetingId: state.id,
      organisationId: state.organisationId,
      body: state.body,
      date: state.date,
      planId: state.planId,
    };
    const differs = (['organisationId', 'body', 'date', 'planId'] as const).filter(
      (k) => existing[k] !== data[k],
    );
    if (command.planRevision !== undefined && command.planRevision !== state.planRevision)
      differs.push('planRevision' as never);
    if (differs.length === 0) return [];
    throw conflict(
      'MEETING_EXISTS',
      `Meeting ${state.id} is already scheduled with another ${differs.join(', ')}`,
      { field: differs[0], differs },
    );
  }
  return [{ type: 'MeetingScheduled', data }];
}

export function fileAmendment(command: FileAmendment, state: MeetingState): MeetingEvent[] {
  const meeting = existingMeeting(state);
  if (!Number.isInteger(command.no) || command.no < 1)
    throw invalid('INVALID_AMENDMENT_NO', `An amendment number is a whole number from 1, got ${command.no}`, {
      field: 'no',
    });
  const plan = treatedPlan(command.facts, meeting.planId);
  const given = cleanFields(command.fields);
  const normalised = normaliseOp(command.op, command.target, given);
  if (!normalised) {
    throw invalid(
      'UNKNOWN_OPERATION',
      `Unknown operation "${command.op}" (known: replace_text, insert_text, strike_text, add_measure, strike_measure, add_goal, strike_goal, change_timing, reassign, add_section; or Tillegg, Endring, Stryking)`,
      { field: 'op' },
    );
  }
  const {
    op,
    fields,
    target: resolved,
  } = resolveAmendment(plan, command.target, command.op, normalised, given, command.facts.papers);
  const text = targetText(plan, resolved);
  const target = text !== undefined ? { ...resolved, text } : resolved;
  checkAmendmentFields(plan, target, op, fields, command.facts.organisationBodies);
  const data: AmendmentFiled['data'] = {
    meetingId: meeting.id,
    no: command.no,
    ...(command.proposer?.trim() ? { proposer: command.proposer.trim() } : {}),
    cited: { ...command.target },
    target,
    op,
    fields,
    ...(command.justification?.trim() ? { justification: command.justification.trim() } : {}),
  };
  const filed = meeting.amendments.get(command.no);
  if (filed) {
    const { meetingId: _, no: __, ...content } = data;
    const existing = {
      ...(filed.proposer ? { proposer: filed.proposer } : {}),
      cited: filed.cited,
      target: filed.target,
      op: filed.op,
      fields: filed.fields,
      ...(filed.justification ? { justification: filed.justification } : {}),
    };
    if (same(existing, content)) return [];
    throw conflict('DUPLICATE_AMENDMENT_NO', `Amendment ${command.no} is already filed, with other content`, {
      field: 'no',
      no: command.no,
    });
  }
  openMeeting(state);
  return [{ type: 'AmendmentFiled', data }];
}

function undecided(a: AmendmentState): void {
  if (a.status !== 'filed')
    throw conflict('AMENDMENT_DECIDED', `Amendment ${a.no} is already ${a.status}`, {
      field: 'no',
      no: a.no,
    });
}

export function withdrawAmendment(command: WithdrawAmendment, state: MeetingState): MeetingEvent[] {
  const meeting = existingMeeting(state);
  const a = amendment(meeting, command.no);
  if (a.status === 'withdrawn') return [];
  undecided(a);
  return [
    {
      type: 'AmendmentWithdrawn',
      data: {
        meetingId: meeting.id,
        no: a.no,
        ...(command.reason?.trim() ? { reason: command.reason.trim() } : {}),
      },
    },
  ];
}

export function giveRecommendation(command: GiveRecommendation, state: MeetingState): MeetingEvent[] {
  const meeting = existingMeeting(state);
  const a = amendment(meeting, command.no);
  if (!(RECOMMENDATIONS as readonly string[]).includes(command.recommendation)) {
    throw invalid(
      'UNKNOWN_RECOMMENDATION',
      `Unknown recommendation "${command.recommendation}" (known: ${RECOMMENDATIONS.join(', ')})`,
      { field: 'recommendation' },
    );
  }
  const modified = command.modified ? cleanFields(command.modified) : undefined;
  if (command.recommendation === 'adopt_modified') {
    if (!modified || Object.keys(modified).length === 0)
      throw invalid('MISSING_FIELD', 'adopt_modified needs the modified text (modified: { to: ... })', {
        field: 'modified',
      });
    const plan = treatedPlan(command.facts, meeting.planId);
    checkAmendmentFields(
      plan,
      a.target,
      a.op,
      { ...a.fields, ...modified },
      command.facts.organisationBodies,
    );
  } else if (modified && Object.keys(modified).length > 0) {
    throw invalid(
      'UNEXPECTED_FIELD',
      `Only adopt_modified carries a modified text, not ${command.recommendation}`,
      {
        field: 'modified',
      },
    );
  }
  const recommendation = {
    recommendation: command.recommendation,
    ...(modified && command.recommendation === 'adopt_modified' ? { modified } : {}),
    ...(command.note?.trim() ? { note: command.note.trim() } : {}),
  };
  if (a.recommendation && same(a.recommendation, recommendation)) return [];
  undecided(a);
  return [{ type: 'RecommendationGiven', data: { meetingId: meeting.id, no: a.no, ...recommendation } }];
}

export function recordVote(command: RecordVote, state: MeetingState): MeetingEvent[] {
  const meeting = existingMeeting(state);
  const a = amendment(meeting, command.no, 'amendment');
  if (!(VOTE_RESULTS as readonly string[]).includes(command.result)) {
    throw invalid(
      'UNKNOWN_RESULT',
      `Unknown result "${command.result}" (known: ${VOTE_RESULTS.join(', ')})`,
      {
        field: 'result',
      },
    );
  }
  const result = command.result as VoteResult;
  const counts = checkCounts(command);
  if (a.status !== 'filed') {
    // A replayed vote: the same decision again is no change (an adopted one may have lapsed).
    const decided = a.vote?.result ?? a.status;
    if (decided === result || (result === 'adopted' && decided === 'lapsed')) return [];
    throw conflict('AMENDMENT_DECIDED', `Amendment ${a.no} is already ${a.status}`, {
      field: 'amendment',
      no: a.no,
    });
  }
  openMeeting(state);
  const reason = command.reason?.trim();
  if (result === 'withdrawn') {
    return [
      {
        type: 'AmendmentWithdrawn',
        data: { meetingId: meeting.id, no: a.no, ...(reason ? { reason } : {}) },
      },
    ];
  }
  const base = { meetingId: meeting.id, no: a.no, ...counts };
  if (result !== 'adopted' && result !== 'lapsed') {
    return [{ type: 'VoteRecorded', data: { ...base, result, ...(reason ? { reason } : {}) } }];
  }
  const plan = treatedPlan(command.facts, meeting.planId);
  const modified = command.modified ?? a.recommendation?.recommendation === 'adopt_modified';
  if (modified && !a.recommendation?.modified) {
    throw invalid('NO_MODIFIED_TEXT', `Amendment ${a.no} has no modified text from the committee`, {
      field: 'modified',
    });
  }
  const outcome = amendmentChanges(meeting, a, effectiveFields(a, modified), plan, {
    now: command.now,
    newElementId: command.facts.newElementId,
    ...(command.facts.organisationBodies ? { organisationBodies: command.facts.organisationBodies } : {}),
  });
  if (result === 'lapsed' || !outcome.possible) {
    const why = reason || (outcome.possible ? 'Declared lapsed by the meeting' : outcome.reason);
    return [{ type: 'VoteRecorded', data: { ...base, result: 'lapsed', reason: why } }];
  }
  return [
    {
      type: 'VoteRecorded',
      data: {
        ...base,
        result: 'adopted',
        ...(reason ? { reason } : {}),
        ...(modified ? { modified: true } : {}),
        changes: outcome.changes,
      },
    },
  ];
}

export function votePlan(command: VotePlan, state: MeetingState): MeetingEvent[] {
  const meeting = existingMeeting(state);
  if (!(PLAN_VOTE_RESULTS as readonly string[]).includes(command.result)) {
    throw invalid(
      'UNKNOWN_RESULT',
      `The plan as a whole is ${PLAN_VOTE_RESULTS.join(' or ')}, not "${command.result}"`,
      { field: 'result' },
    );
  }
  const counts = checkCounts(command);
  if (meeting.planVote) {
    if (meeting.planVote.result === command.result) return [];
    throw conflict('PLAN_ALREADY_VOTED', `Meeting ${meeting.id} has already voted on the plan`, {
      field: 'plan',
    });
  }
  const pending = pendingAmendments(meeting).map((a) => a.no);
  if (pending.length > 0) {
    throw conflict(
      'AMENDMENTS_PENDING',
      `Amendments ${pending.join(', ')} have not been voted on; vote on them before the plan as a whole`,
      { field: 'plan', pending },
    );
  }
  return [
    {
      type: 'PlanVoted',
      data: { meetingId: meeting.id, result: command.result as PlanVoteResult, ...counts },
    },
  ];
}

export function decideMeeting(command: MeetingCommand, state: MeetingState): MeetingEvent[] {
  switch (command.type) {
    case 'ScheduleMeeting':
      return scheduleMeeting(command, state);
    case 'FileAmendment':
      return fileAmendment(command, state);
    case 'WithdrawAmendment':
      return withdrawAmendment(command, state);
    case 'GiveRecommendation':
      return giveRecommendation(command, state);
    case 'RecordVote':
      return recordVote(command, state);
    case 'VotePlan':
      return votePlan(command, state);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState> = {
  decide: decideMeeting,
  evolve: evolveMeeting,
  initialState: initialMeetingState,
};
