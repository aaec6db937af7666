import { amendmentChanges } from '../amendment-changes.js';
import type { PlanEvent } from '../../plan/plan.events.js';
import { evolvePlan, type ExistingPlan, type PlanState } from '../../plan/plan.state.js';
import type {
  AcceptRecommendations,
  RecordVote,
  SetFloor,
  SetVotingOrder,
  VotePlan,
} from '../meeting.commands.js';
import type { MeetingEvent, VoteRecorded } from '../meeting.events.js';
import {
  effectiveFields,
  evolveMeeting,
  pendingAmendments,
  type AmendmentState,
  type ExistingMeeting,
  type MeetingState,
} from '../meeting.state.js';
import { KNOWN_PLAN_RESULTS, KNOWN_RESULTS, readPlanResult, readResult } from '../vocabulary.js';
import { suggestVotingOrder } from '../voting-order.js';
import { checkCounts, checkResultAgainstCounts } from './majority.js';
import {
  amendment,
  conflict,
  existingMeeting,
  invalid,
  openMeeting,
  STATUS_WORD,
  treatedPlan,
} from './guards.js';

const RESULT_OF_RECOMMENDATION = {
  adopt: 'adopted',
  adopt_modified: 'adopted',
  reject: 'rejected',
  refer: 'referred',
} as const;

const applyPlanEvents = (plan: ExistingPlan, events: readonly PlanEvent[]): ExistingPlan =>
  events.reduce<PlanState>(evolvePlan, plan) as ExistingPlan;

interface Decided {
  meeting: ExistingMeeting;
  plan: ExistingPlan;
  events: MeetingEvent[];
}

const record = (decided: Decided, event: MeetingEvent): void => {
  decided.events.push(event);
  decided.meeting = evolveMeeting(decided.meeting, event) as ExistingMeeting;
};

/**
 * An amendment adopted: its changes go into the plan, and every amendment still pending that it
 * made impossible (its text gone, its target struck) lapses (bortfaller), saying why.
 */
function adopt(
  decided: Decided,
  a: AmendmentState,
  modified: boolean,
  base: Omit<VoteRecorded['data'], 'result'>,
  context: { now: string; newElementId: string; organisationBodies?: readonly string[] },
): void {
  const outcome = amendmentChanges(decided.meeting, a, effectiveFields(a, modified), decided.plan, context);
  if (!outcome.possible) {
    record(decided, { type: 'VoteRecorded', data: { ...base, result: 'lapsed', reason: outcome.reason } });
    return;
  }
  record(decided, {
    type: 'VoteRecorded',
    data: { ...base, result: 'adopted', ...(modified ? { modified: true } : {}), changes: outcome.changes },
  });
  decided.plan = applyPlanEvents(decided.plan, outcome.events);
  // Only an amendment on the same element, or a new section of the same number, can be undone by it.
  const touched = (other: AmendmentState): boolean =>
    other.target.id === a.target.id ||
    (other.op === 'add_section' &&
      a.op === 'add_section' &&
      other.fields.section?.number === a.fields.section?.number);
  for (const other of pendingAmendments(decided.meeting).filter(touched)) {
    const modifiedOther = other.recommendation?.recommendation === 'adopt_modified';
    const after = amendmentChanges(
      decided.meeting,
      other,
      effectiveFields(other, modifiedOther),
      decided.plan,
      {
        now: context.now,
        newElementId: `lapse-check-${other.no}`,
        ...(context.organisationBodies ? { organisationBodies: context.organisationBodies } : {}),
      },
    );
    if (!after.possible)
      record(decided, {
        type: 'VoteRecorded',
        data: { meetingId: decided.meeting.id, no: other.no, result: 'lapsed', reason: after.reason },
      });
  }
}

export function recordVote(command: RecordVote, state: MeetingState): MeetingEvent[] {
  const meeting = existingMeeting(state);
  const a = amendment(meeting, command.no, 'amendment');
  const result = readResult(command.result);
  if (!result)
    throw invalid('UNKNOWN_RESULT', `Ukjent resultat «${command.result}»; bruk ${KNOWN_RESULTS}`, {
      field: 'result',
    });
  const counts = checkCounts(command);
  if (a.status !== 'filed') {
    // A replayed vote: the same decision again is no change.
    if (a.status === result) return [];
    if (a.status === 'lapsed' && result === 'adopted')
      throw conflict(
        'AMENDMENT_LAPSED',
        `Forslag ${a.no} er bortfalt og kan ikke vedtas: ${a.vote?.reason ?? ''}`.trim(),
        {
          field: 'amendment',
          no: a.no,
        },
      );
    throw conflict('AMENDMENT_DECIDED', `Forslag ${a.no} er allerede ${STATUS_WORD[a.status]}`, {
      field: 'amendment',
      no: a.no,
    });
  }
  openMeeting(state);
  const reason = command.reason?.trim();
  if (result === 'withdrawn' || result === 'lapsed') {
    if (Object.keys(counts).length > 0)
      throw invalid(
        'UNEXPECTED_COUNTS',
        `Et forslag som er ${result === 'withdrawn' ? 'trukket' : 'bortfalt'}, stemmes det ikke over; ta bort stemmetallene`,
        { field: 'for' },
      );
  }
  if (result === 'withdrawn') {
    return [
      {
        type: 'AmendmentWithdrawn',
        data: { meetingId: meeting.id, no: a.no, ...(reason ? { reason } : {}) },
      },
    ];
  }
  const base = { meetingId: meeting.id, no: a.no, ...counts };
  if (result === 'rejected' || result === 'referred') {
    checkResultAgainstCounts(result, counts, meeting.majority, `Forslag ${a.no}`);
    return [{ type: 'VoteRecorded', data: { ...base, result, ...(reason ? { reason } : {}) } }];
  }
  const plan = treatedPlan(command.facts, meeting.planId);
  const modified = command.modified ?? a.recommendation?.recommendation === 'adopt_modified';
  if (modified && !a.recommendation?.modified) {
    throw invalid('NO_MODIFIED_TEXT', `Redaksjonskomiteen har ingen endret tekst til forslag ${a.no}`, {
      field: 'modified',
    });
  }
  if (result === 'lapsed') {
    return [
      {
        type: 'VoteRecorded',
        data: { ...base, result: 'lapsed', reason: reason || 'Erklært bortfalt av møtet' },
      },
    ];
  }
  checkResultAgainstCounts('adopted', counts, meeting.majority, `Forslag ${a.no}`);
  const context = {
    now: command.now,
    newElementId: command.facts.newElementId,
    ...(command.facts.organisationBodies ? { organisationBodies: command.facts.organisationBodies } : {}),
  };
  const outcome = amendmentChanges(meeting, a, effectiveFields(a, modified), plan, context);
  if (!outcome.possible) {
    throw conflict(
      'AMENDMENT_IMPOSSIBLE',
      `Forslag ${a.no} kan ikke vedtas: ${outcome.reason}. Registrer det som bortfalt`,
      { field: 'result', no: a.no },
    );
  }
  const decided: Decided = { meeting, plan, events: [] };
  adopt(decided, a, modified, { ...base, ...(reason ? { reason } : {}) }, context);
  return decided.events;
}

/**
 * The meeting accepts the committee's recommendations en bloc: each amendment gets what its
 * recommendation says (adopted, in the committee's wording where it rewrote it; rejected;
 * referred), in the suggested voting order, and those an adoption makes impossible lapse.
 */
export function acceptRecommendations(command: AcceptRecommendations, state: MeetingState): MeetingEvent[] {
  const meeting = openMeeting(state);
  const plan = treatedPlan(command.facts, meeting.planId);
  const counts = checkCounts(command);
  const uncontested = pendingAmendments(meeting).filter((a) => a.recommendation && !a.contested);
  const nos = command.nos ?? uncontested.map((a) => a.no);
  if (nos.length === 0) {
    throw conflict(
      'NOTHING_TO_ACCEPT',
      'Ingen forslag til behandling har en innstilling som ikke er bestridt; stem over forslagene hver for seg',
      { field: 'nos' },
    );
  }
  for (const no of nos) {
    const a = amendment(meeting, no, 'nos');
    if (a.status !== 'filed')
      throw conflict('AMENDMENT_DECIDED', `Forslag ${no} er allerede ${STATUS_WORD[a.status]}`, {
        field: 'nos',
        no,
      });
    if (!a.recommendation)
      throw invalid('NO_RECOMMENDATION', `Forslag ${no} har ingen innstilling fra redaksjonskomiteen`, {
        field: 'nos',
        no,
      });
    if (a.contested)
      throw invalid(
        'RECOMMENDATION_CONTESTED',
        `Innstillingen på forslag ${no} er bestridt; det stemmes over for seg`,
        {
          field: 'nos',
          no,
        },
      );
  }
  if (new Set(nos).size !== nos.length)
    throw invalid('DUPLICATE_AMENDMENT_NO', 'Hvert forslag kan bare være med én gang', { field: 'nos' });
  checkResultAgainstCounts('adopted', counts, meeting.majority, 'Innstillingen');
  const decided: Decided = { meeting, plan, events: [] };
  record(decided, {
    type: 'RecommendationsAccepted',
    data: { meetingId: meeting.id, nos: [...nos], ...counts },
  });
  const order = suggestVotingOrder(meeting, plan, command.now).toVote.filter((no) => nos.includes(no));
  for (const no of order) {
    const a = decided.meeting.amendments.get(no)!;
    if (a.status !== 'filed') continue; // lapsed by one adopted before it in this vote
    const base = { meetingId: meeting.id, no, enBloc: true };
    const result = RESULT_OF_RECOMMENDATION[a.recommendation!.recommendation];
    if (result !== 'adopted') {
      record(decided, { type: 'VoteRecorded', data: { ...base, result } });
      continue;
    }
    adopt(decided, a, a.recommendation!.recommendation === 'adopt_modified', base, {
      now: command.now,
      newElementId: command.facts.newElementIds[no] ?? `amendment-${no}`,
      ...(command.facts.organisationBodies ? { organisationBodies: command.facts.organisationBodies } : {}),
    });
  }
  return decided.events;
}

export function votePlan(command: VotePlan, state: MeetingState): MeetingEvent[] {
  const meeting = existingMeeting(state);
  const result = readPlanResult(command.result);
  if (!result)
    throw invalid('UNKNOWN_RESULT', `Planen som helhet er ${KNOWN_PLAN_RESULTS}, ikke «${command.result}»`, {
      field: 'result',
    });
  const counts = checkCounts(command);
  if (meeting.planVote) {
    if (meeting.planVote.result === result) return [];
    throw conflict('PLAN_ALREADY_VOTED', `Møtet ${meeting.id} har allerede stemt over planen som helhet`, {
      field: 'plan',
    });
  }
  const pending = pendingAmendments(meeting).map((a) => a.no);
  if (pending.length > 0) {
    throw conflict(
      'AMENDMENTS_PENDING',
      `Forslag ${pending.join(', ')} er ikke avgjort; stem over dem før planen som helhet`,
      { field: 'plan', pending },
    );
  }
  checkResultAgainstCounts(result, counts, meeting.majority, 'Planen');
  return [
    {
      type: 'PlanVoted',
      data: { meetingId: meeting.id, result, ...counts },
    },
  ];
}

/** The officer's order of the vote: amendments still pending, each once; the rest follow as suggested. */
export function setVotingOrder(command: SetVotingOrder, state: MeetingState): MeetingEvent[] {
  const meeting = openMeeting(state);
  const seen = new Set<number>();
  for (const no of command.order) {
    if (!Number.isInteger(no))
      throw invalid('INVALID_AMENDMENT_NO', `«${no}» er ikke et forslagsnummer`, { field: 'order' });
    const a = amendment(meeting, no, 'order');
    if (a.status !== 'filed')
      throw conflict(
        'AMENDMENT_DECIDED',
        `Forslag ${no} er allerede ${STATUS_WORD[a.status]}; det står ikke i voteringsrekkefølgen`,
        {
          field: 'order',
          no,
        },
      );
    if (seen.has(no))
      throw invalid('DUPLICATE_AMENDMENT_NO', `Forslag ${no} står to ganger i rekkefølgen`, {
        field: 'order',
        no,
      });
    seen.add(no);
  }
  if (meeting.votingOrder && meeting.votingOrder.join(',') === command.order.join(',')) return [];
  return [{ type: 'VotingOrderSet', data: { meetingId: meeting.id, order: [...command.order] } }];
}

/** What the meeting treats now, for the hall's screen and the delegates. */
export function setFloor(command: SetFloor, state: MeetingState): MeetingEvent[] {
  const meeting = existingMeeting(state);
  const item = command.item ?? undefined;
  if (item?.kind === 'amendment') amendment(meeting, item.no, 'item');
  else if (item && item.kind !== 'recommendations' && item.kind !== 'plan')
    throw invalid('UNKNOWN_FLOOR_ITEM', 'Velg et forslag, innstillingen en bloc eller planen som helhet', {
      field: 'item',
    });
  const same = JSON.stringify(item ?? null) === JSON.stringify(meeting.floor ?? null);
  if (same) return [];
  return [{ type: 'FloorSet', data: { meetingId: meeting.id, ...(item ? { item } : {}) } }];
}
