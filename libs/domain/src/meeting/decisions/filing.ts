import { checkAmendmentFields } from '../amendment-changes.js';
import { resolveAmendment, targetText } from '../amendment-target.js';
import { describeDeadline } from '../deadline.js';
import type { FileAmendment, WithdrawAmendment } from '../meeting.commands.js';
import type { AmendmentFiled, MeetingEvent } from '../meeting.events.js';
import type { MeetingState } from '../meeting.state.js';
import { normaliseOp } from '../vocabulary.js';
import {
  amendment,
  cleanFields,
  conflict,
  existingMeeting,
  invalid,
  openMeeting,
  same,
  treatedPlan,
  undecided,
} from './guards.js';

/**
 * Filing an amendment: a member files their own until the deadline; the meeting officer files
 * any, on anyone's behalf, and after the deadline too ("fremmet i møtet"). Each is checked against
 * the papers and the plan the meeting treats, and refused with what to do about it.
 */
export function fileAmendment(command: FileAmendment, state: MeetingState): MeetingEvent[] {
  const meeting = existingMeeting(state);
  if (!Number.isInteger(command.no) || command.no < 1)
    throw invalid('INVALID_AMENDMENT_NO', `Forslagsnummeret må være et helt tall fra 1, ikke ${command.no}`, {
      field: 'no',
    });
  const plan = treatedPlan(command.facts, meeting.planId);
  const given = cleanFields(command.fields);
  const normalised = normaliseOp(command.op, command.target, given);
  if (!normalised) {
    throw invalid(
      'UNKNOWN_OPERATION',
      `Ukjent type forslag «${command.op}»; bruk Tillegg, Endring eller Stryking (eller replace_text, insert_text, strike_text, add_measure, strike_measure, add_goal, strike_goal, change_timing, reassign, add_section)`,
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
  const late = meeting.deadline !== undefined && command.now > meeting.deadline;
  // Only a member is bound by the deadline: the api says which the caller is; the officer's own
  // tools (their pages, a replayed protocol, an amendment list) file as the officer.
  const officer = command.asOfficer !== false;
  const inMeeting = officer ? (command.inMeeting ?? late) : false;
  const data: AmendmentFiled['data'] = {
    meetingId: meeting.id,
    no: command.no,
    ...(command.proposer?.trim() ? { proposer: command.proposer.trim() } : {}),
    cited: { ...command.target },
    target,
    op,
    fields,
    ...(command.justification?.trim() ? { justification: command.justification.trim() } : {}),
    ...(command.filedBy ? { filedBy: command.filedBy } : {}),
    ...(inMeeting ? { inMeeting: true } : {}),
  };
  const filed = meeting.amendments.get(command.no);
  if (filed) {
    // The same amendment again (a retried form, a replayed protocol or list) changes nothing.
    const content = (a: Record<string, unknown>) => ({
      proposer: a.proposer,
      cited: a.cited,
      target: a.target,
      op: a.op,
      fields: a.fields,
      justification: a.justification,
    });
    if (same(content(filed as unknown as Record<string, unknown>), content(data))) return [];
    throw conflict(
      'DUPLICATE_AMENDMENT_NO',
      `Forslag ${command.no} er allerede fremmet, med annet innhold; bruk et annet nummer`,
      { field: 'no', no: command.no },
    );
  }
  openMeeting(state);
  if (late && !officer) {
    throw conflict(
      'DEADLINE_PASSED',
      `Fristen for å sende inn endringsforslag gikk ut ${describeDeadline(meeting.deadline!)}; nå kan bare møteledelsen fremme forslag i møtet`,
      { field: 'no', deadline: meeting.deadline },
    );
  }
  return [{ type: 'AmendmentFiled', data }];
}

/** A member withdraws what they filed; the officer any amendment, until it is voted on. */
export function withdrawAmendment(command: WithdrawAmendment, state: MeetingState): MeetingEvent[] {
  const meeting = existingMeeting(state);
  const a = amendment(meeting, command.no);
  if (a.status === 'withdrawn') return [];
  undecided(a);
  if (command.asOfficer === false && (a.filedBy === undefined || a.filedBy !== command.by)) {
    throw conflict(
      'NOT_YOUR_AMENDMENT',
      `Du kan bare trekke forslag du selv har sendt inn; forslag ${a.no} er ikke ditt`,
      {
        field: 'no',
        no: a.no,
      },
    );
  }
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
