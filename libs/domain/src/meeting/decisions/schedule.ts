import { isIsoDate } from '../../shared/iso-date.js';
import { parseDeadline } from '../deadline.js';
import type { ChangeDeadline, ScheduleMeeting, SetMajorityRule } from '../meeting.commands.js';
import type { MeetingEvent, MeetingScheduled } from '../meeting.events.js';
import type { MeetingState } from '../meeting.state.js';
import { MEETING_BODIES, type MajorityRule } from '../meeting.types.js';
import { KNOWN_MAJORITIES, readMajority } from '../vocabulary.js';
import { conflict, existingMeeting, invalid, openMeeting, treatedPlan } from './guards.js';

function deadlineOf(written: string): string {
  const deadline = parseDeadline(written);
  if (!deadline)
    throw invalid(
      'INVALID_DEADLINE',
      `Fristen «${written}» er ikke en dato eller et tidspunkt; skriv for eksempel 2026-03-01 eller 2026-03-01T12:00`,
      { field: 'deadline' },
    );
  return deadline;
}

function majorityOf(written: string): MajorityRule {
  const rule = readMajority(written);
  if (!rule)
    throw invalid('UNKNOWN_MAJORITY_RULE', `Ukjent flertallskrav «${written}»; bruk ${KNOWN_MAJORITIES}`, {
      field: 'majority',
    });
  return rule;
}

export function scheduleMeeting(command: ScheduleMeeting, state: MeetingState): MeetingEvent[] {
  if (!(MEETING_BODIES as readonly string[]).includes(command.body)) {
    throw invalid(
      'UNKNOWN_MEETING_BODY',
      `Ukjent organ «${command.body}»; møter holdes av ${MEETING_BODIES.join(', ')}`,
      { field: 'body' },
    );
  }
  if (!isIsoDate(command.date))
    throw invalid('INVALID_DATE', `Møtedatoen må være en dato som ÅÅÅÅ-MM-DD, ikke «${command.date}»`, {
      field: 'date',
    });
  const plan = treatedPlan(command.facts, command.planId);
  if (plan.organisationId !== command.organisationId) {
    throw invalid(
      'WRONG_ORGANISATION',
      `Planen «${plan.id}» tilhører ${plan.organisationId}, ikke ${command.organisationId}`,
      { field: 'organisationId' },
    );
  }
  const planRevision = command.planRevision ?? command.facts.planRevisionNow;
  if (!Number.isInteger(planRevision) || planRevision < 0 || planRevision > command.facts.planRevisionNow) {
    throw invalid(
      'INVALID_PLAN_REVISION',
      `Planen «${plan.id}» har ingen revisjon ${planRevision} av hendelsesstrømmen (den er på ${command.facts.planRevisionNow})`,
      { field: 'planRevision' },
    );
  }
  const deadline = command.deadline ? deadlineOf(command.deadline) : undefined;
  const majority = command.majority ? majorityOf(command.majority) : undefined;
  const data: MeetingScheduled['data'] = {
    meetingId: command.meetingId,
    organisationId: command.organisationId,
    body: command.body,
    date: command.date,
    planId: command.planId,
    planRevision,
    ...(command.title?.trim() ? { title: command.title.trim() } : {}),
    ...(command.edition?.trim() ? { edition: command.edition.trim() } : {}),
    ...(command.facts.papersFingerprint ? { papers: command.facts.papersFingerprint } : {}),
    ...(deadline ? { deadline } : {}),
    ...(majority && majority !== 'simple' ? { majority } : {}),
  };
  if (state.status !== 'none') {
    // The same meeting again (a replayed protocol) changes nothing; another with this id is refused.
    const existing: Record<string, unknown> = {
      organisationId: state.organisationId,
      body: state.body,
      date: state.date,
      planId: state.planId,
    };
    const given: Record<string, unknown> = data;
    const differs = ['organisationId', 'body', 'date', 'planId'].filter((k) => existing[k] !== given[k]);
    if (command.planRevision !== undefined && command.planRevision !== state.planRevision)
      differs.push('planRevision');
    if (differs.length === 0) return [];
    throw conflict(
      'MEETING_EXISTS',
      `Møtet ${state.id} er allerede innkalt, med annen ${differs.join(', ')}`,
      {
        field: differs[0],
        differs,
      },
    );
  }
  return [{ type: 'MeetingScheduled', data }];
}

export function changeDeadline(command: ChangeDeadline, state: MeetingState): MeetingEvent[] {
  const meeting = openMeeting(state);
  const deadline =
    command.deadline === null || command.deadline.trim() === '' ? undefined : deadlineOf(command.deadline);
  if (deadline === meeting.deadline) return [];
  return [{ type: 'DeadlineChanged', data: { meetingId: meeting.id, ...(deadline ? { deadline } : {}) } }];
}

export function setMajorityRule(command: SetMajorityRule, state: MeetingState): MeetingEvent[] {
  const meeting = existingMeeting(state);
  const rule = majorityOf(command.rule);
  if (rule === meeting.majority) return [];
  openMeeting(state);
  return [{ type: 'MajorityRuleSet', data: { meetingId: meeting.id, rule } }];
}
