import { parseJsonColumn } from '@app/database';
import {
  AMENDMENT_FIELD_NAMES,
  effectiveVotingOrder,
  findConflicts,
  whatIsVotedOn,
  type AmendmentFields,
  type FloorItem,
  type MajorityRule,
  previewAdoption,
  suggestVotingOrder,
  type AmendmentState,
  type ExistingMeeting,
  type PreviewOutcome,
  type TargetConflict,
  type VotingOrder,
} from '@app/domain';
import { simulatedEventRecords, type EventRecord } from '@app/event-store';
import type { MeetingProtocol, ProtocolAmendment, ProtocolVote } from '@app/plan-document';
import type { Kysely } from 'kysely';
import { loadPlanHistory } from '../plan-history/plan-history.queries.js';
import type { HistoryRow } from '../plan-history/history-row.js';
import { foldTimeline } from '../plan-view/plan-timeline.js';
import { renderPlanView, type PlanView } from '../plan-view/plan-view.js';
import { loadMeetingState, meetingStreamRevision } from './meetings.projection.js';
import type { ReadModelDatabase } from '../read-model-database.js';

export { loadMeetingState };

export interface MeetingSummary {
  readonly id: string;
  readonly organisationId: string;
  readonly planId: string;
  readonly planRevision: number;
  readonly body: string;
  readonly date: string;
  readonly title: string | null;
  readonly status: 'scheduled' | 'concluded';
  readonly amendments: number;
  /** How many amendments are filed (not yet decided), adopted, rejected... */
  readonly byStatus: Record<string, number>;
  readonly planVote: string | null;
}

export async function listMeetings(
  db: Kysely<ReadModelDatabase>,
  planId?: string,
): Promise<MeetingSummary[]> {
  let query = db.selectFrom('rm_meetings').selectAll();
  if (planId) query = query.where('plan_id', '=', planId);
  const rows = await query.orderBy('date').orderBy('meeting_id').execute();
  const counts = await db
    .selectFrom('rm_amendments')
    .select(['meeting_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['meeting_id', 'status'])
    .execute();
  return rows.map((row) => {
    const byStatus: Record<string, number> = {};
    for (const c of counts.filter((c) => c.meeting_id === row.meeting_id)) byStatus[c.status] = Number(c.n);
    return {
      id: row.meeting_id,
      organisationId: row.organisation_id,
      planId: row.plan_id,
      planRevision: Number(row.plan_revision),
      body: row.body,
      date: row.date,
      title: row.title ?? null,
      status: row.status,
      amendments: Object.values(byStatus).reduce((a, b) => a + b, 0),
      byStatus,
      planVote: row.plan_vote === null ? null : parseJsonColumn<{ result: string }>(row.plan_vote).result,
    };
  });
}

export interface AmendmentView {
  readonly no: number;
  readonly proposer: string | null;
  readonly cited: AmendmentState['cited'];
  readonly target: AmendmentState['target'];
  readonly op: string;
  readonly fields: AmendmentState['fields'];
  readonly justification: string | null;
  readonly status: string;
  readonly recommendation: AmendmentState['recommendation'] | null;
  readonly result: string | null;
  readonly votes: { for: number | null; against: number | null; abstain: number | null } | null;
  /** Why it lapsed or was withdrawn. */
  readonly reason: string | null;
  /** Adopted in the committee's modified wording. */
  readonly modified: boolean;
  /** The order decisions were taken in (1 for the first). */
  readonly decidedAs: number | null;
  readonly conflictsWith: number[];
  /** Who filed it (`user:<id>`), where known: a member may withdraw their own. */
  readonly filedBy: string | null;
  /** Put forward in the meeting by the officer after the deadline ("fremmet i møtet"). */
  readonly inMeeting: boolean;
  /** Its recommendation is contested: it gets a vote of its own. */
  readonly contested: boolean;
  /** Settled by accepting the committee's recommendations en bloc. */
  readonly enBloc: boolean;
}

export interface MeetingTargetView {
  readonly target: string;
  readonly kind: string;
  readonly targetId: string;
  readonly amendments: AmendmentView[];
}

export interface MeetingView {
  readonly id: string;
  readonly organisationId: string;
  readonly planId: string;
  readonly planRevision: number;
  readonly body: string;
  readonly date: string;
  readonly title: string | null;
  readonly edition: string | null;
  readonly status: 'scheduled' | 'concluded';
  readonly amendments: number;
  /** Amendments grouped by the element they change, in document order. */
  readonly targets: MeetingTargetView[];
  readonly conflicts: TargetConflict[];
  /** For the amendments still to be voted on: per target, the one that goes furthest first. */
  readonly votingOrder: VotingOrder['targets'];
  /** Still to be decided, in the voting order: the officer's where set, else the suggested. */
  readonly toVote: number[];
  /** Whether the officer set the order (else it is the suggested one). */
  readonly orderSetByOfficer: boolean;
  /**
   * What the meeting actually votes on: the pending amendments the committee's recommendations
   * settle when the meeting accepts them en bloc, and those that get a vote of their own.
   */
  readonly enBloc: number[];
  readonly separately: number[];
  /** The votes that accepted the recommendations en bloc, in the order taken. */
  readonly enBlocVotes: Array<{
    nos: number[];
    for: number | null;
    against: number | null;
    abstain: number | null;
  }>;
  /** Until when members file amendments (an ISO instant), or null for no deadline. */
  readonly deadline: string | null;
  /** What it takes to adopt: simple majority of the votes cast, or two thirds. */
  readonly majority: MajorityRule;
  /** What the meeting treats now ("now being treated"), or null. */
  readonly floor: FloorItem | null;
  /** The revision of the meeting's stream this view reflects: pages follow the meeting by it. */
  readonly revision: number;
  readonly planVote: {
    result: string;
    for: number | null;
    against: number | null;
    abstain: number | null;
  } | null;
}

function amendmentView(a: AmendmentState, conflicts: readonly TargetConflict[]): AmendmentView {
  const vote = a.vote;
  const counted =
    vote && (vote.for !== undefined || vote.against !== undefined || vote.abstain !== undefined);
  return {
    no: a.no,
    proposer: a.proposer ?? null,
    cited: a.cited,
    target: a.target,
    op: a.op,
    fields: a.fields,
    justification: a.justification ?? null,
    status: a.status,
    recommendation: a.recommendation ?? null,
    result: vote?.result ?? null,
    votes: counted
      ? { for: vote.for ?? null, against: vote.against ?? null, abstain: vote.abstain ?? null }
      : null,
    reason: vote?.reason ?? a.withdrawnReason ?? null,
    modified: vote?.modified === true,
    decidedAs: vote?.seq ?? null,
    filedBy: a.filedBy ?? null,
    inMeeting: a.inMeeting === true,
    contested: a.contested === true,
    enBloc: vote?.enBloc === true,
    conflictsWith: conflicts
      .flatMap((c) => c.pairs)
      .flatMap((p) => (p.a === a.no ? [p.b] : p.b === a.no ? [p.a] : []))
      .sort((x, y) => x - y),
  };
}

async function currentPlanRows(db: Kysely<ReadModelDatabase>, planId: string): Promise<HistoryRow[]> {
  return loadPlanHistory(db, planId);
}

export async function loadMeetingView(
  db: Kysely<ReadModelDatabase>,
  meetingId: string,
  now: string,
): Promise<MeetingView | undefined> {
  const meeting = await loadMeetingState(db, meetingId);
  if (!meeting) return undefined;
  const state = foldTimeline(await currentPlanRows(db, meeting.planId)).state;
  const conflicts = findConflicts(meeting);
  const order =
    state.status === 'none' ? { targets: [], toVote: [] } : suggestVotingOrder(meeting, state, now);
  const toVote = effectiveVotingOrder(meeting, order);
  const votedOn = whatIsVotedOn(meeting, toVote);
  const revision = (await meetingStreamRevision(db, meetingId)) ?? -1;
  const groups = new Map<string, AmendmentState[]>();
  for (const a of [...meeting.amendments.values()].sort((x, y) => x.no - y.no))
    groups.set(a.target.id, [...(groups.get(a.target.id) ?? []), a]);
  const targets = [...groups.values()]
    .map((group) => ({
      target: group[0]!.target.address,
      kind: group[0]!.target.kind,
      targetId: group[0]!.target.id,
      amendments: group.map((a) => amendmentView(a, conflicts)),
    }))
    .sort((x, y) => x.target.localeCompare(y.target, 'nb', { numeric: true }));
  const pv = meeting.planVote;
  return {
    id: meeting.id,
    organisationId: meeting.organisationId,
    planId: meeting.planId,
    planRevision: meeting.planRevision,
    body: meeting.body,
    date: meeting.date,
    title: meeting.title ?? null,
    edition: meeting.edition ?? null,
    status: meeting.status,
    amendments: meeting.amendments.size,
    targets,
    conflicts,
    votingOrder: order.targets,
    toVote,
    orderSetByOfficer: meeting.votingOrder !== undefined,
    enBloc: votedOn.enBloc,
    separately: votedOn.separately,
    enBlocVotes: meeting.enBloc.map((v) => ({
      nos: [...v.nos],
      for: v.for ?? null,
      against: v.against ?? null,
      abstain: v.abstain ?? null,
    })),
    deadline: meeting.deadline ?? null,
    majority: meeting.majority,
    floor: meeting.floor ?? null,
    revision,
    planVote: pv
      ? { result: pv.result, for: pv.for ?? null, against: pv.against ?? null, abstain: pv.abstain ?? null }
      : null,
  };
}

/** The keys of a mapping in the order given (stored JSON may come back with its keys reordered). */
function ordered<T extends object>(value: T, keys: readonly string[]): T {
  const entries = Object.entries(value).sort(
    ([a], [b]) => (keys.indexOf(a) + 1 || keys.length + 1) - (keys.indexOf(b) + 1 || keys.length + 1),
  );
  return Object.fromEntries(entries) as T;
}

/** An amendment's fields in the order of the protocol format (from, to, after, text, measure...). */
function orderedFields(fields: AmendmentFields): AmendmentFields {
  const out = ordered(fields, AMENDMENT_FIELD_NAMES) as Record<string, unknown>;
  if (fields.measure) out.measure = ordered(fields.measure, ['text', 'timing', 'responsible', 'label']);
  if (fields.section) out.section = ordered(fields.section, ['number', 'title', 'intro']);
  return out as AmendmentFields;
}

/** The meeting as recorded, in the protocol format: replaying it gives the same meeting and plan. */
export function meetingToProtocol(meeting: ExistingMeeting): MeetingProtocol {
  const amendments = [...meeting.amendments.values()]
    .sort((a, b) => a.no - b.no)
    .map((a): ProtocolAmendment => {
      const target =
        Object.keys(a.cited).length > 0
          ? { target: ordered(a.cited, ['measure', 'goal', 'section', 'lines', 'line', 'new']) }
          : {};
      const r = a.recommendation;
      return {
        no: a.no,
        ...(a.proposer ? { proposer: a.proposer } : {}),
        ...target,
        op: a.op,
        ...orderedFields(a.fields),
        ...(a.justification ? { justification: a.justification } : {}),
        ...(r ? { recommendation: r.recommendation } : {}),
        ...(r?.modified ? { modified: orderedFields(r.modified) } : {}),
        ...(r?.note ? { recommendationNote: r.note } : {}),
        ...(a.filedBy ? { filedBy: a.filedBy } : {}),
        ...(a.inMeeting ? { inMeeting: true } : {}),
        ...(a.contested ? { contested: true } : {}),
      };
    });
  const decided: Array<{ seq: number; vote: ProtocolVote }> = [];
  for (const block of meeting.enBloc) {
    decided.push({
      seq: block.seq,
      vote: {
        recommendations: 'accepted',
        amendments: [...block.nos],
        ...(block.for !== undefined ? { for: block.for } : {}),
        ...(block.against !== undefined ? { against: block.against } : {}),
        ...(block.abstain !== undefined ? { abstain: block.abstain } : {}),
      },
    });
  }
  for (const a of meeting.amendments.values()) {
    const v = a.vote;
    // Settled by accepting the recommendations en bloc: that vote stands for it.
    if (!v || v.enBloc) continue;
    const defaultModified = a.recommendation?.recommendation === 'adopt_modified';
    const modified = v.result === 'adopted' && v.modified === true;
    decided.push({
      seq: v.seq,
      vote: {
        amendment: a.no,
        result: v.result,
        ...(v.for !== undefined ? { for: v.for } : {}),
        ...(v.against !== undefined ? { against: v.against } : {}),
        ...(v.abstain !== undefined ? { abstain: v.abstain } : {}),
        ...(v.reason ? { reason: v.reason } : {}),
        ...(v.result === 'adopted' && modified !== defaultModified ? { modified } : {}),
      },
    });
  }
  const pv = meeting.planVote;
  if (pv) {
    decided.push({
      seq: pv.seq,
      vote: {
        plan: pv.result,
        ...(pv.for !== undefined ? { for: pv.for } : {}),
        ...(pv.against !== undefined ? { against: pv.against } : {}),
        ...(pv.abstain !== undefined ? { abstain: pv.abstain } : {}),
      },
    });
  }
  return {
    meeting: {
      id: meeting.id,
      org: meeting.organisationId,
      body: meeting.body,
      date: meeting.date,
      plan: meeting.planId,
      planRevision: meeting.planRevision,
      ...(meeting.title ? { title: meeting.title } : {}),
      ...(meeting.edition ? { edition: meeting.edition } : {}),
      ...(meeting.deadline ? { deadline: meeting.deadline } : {}),
      ...(meeting.majority !== 'simple' ? { majority: meeting.majority } : {}),
    },
    amendments,
    ...(meeting.votingOrder ? { votingOrder: [...meeting.votingOrder] } : {}),
    votes: decided.sort((a, b) => a.seq - b.seq).map((d) => d.vote),
  };
}

export async function loadMeetingProtocol(
  db: Kysely<ReadModelDatabase>,
  meetingId: string,
): Promise<MeetingProtocol | undefined> {
  const meeting = await loadMeetingState(db, meetingId);
  return meeting ? meetingToProtocol(meeting) : undefined;
}

/** A plan event held in memory (recorded, or simulated by a dry run or a preview) as a history row. */
function historyRowOf(e: EventRecord): HistoryRow {
  return {
    streamRevision: e.revision,
    eventId: '',
    eventType: e.type,
    elementKind: '',
    elementId: null,
    data: e.data,
    actor: e.actor,
    commandId: e.commandId,
    cause: e.cause === null ? null : { ...e.cause },
    recordedAt: e.recordedAt,
    effectiveAt: e.effectiveAt,
  };
}

/** A plan view from plan events held in memory (a dry run's, recorded and simulated). */
export function planViewFromEvents(events: readonly EventRecord[], today: string): PlanView | undefined {
  return renderPlanView(foldTimeline(events.map(historyRowOf)), today);
}

export interface MeetingPreview {
  readonly meetingId: string;
  readonly adopt: number[];
  /** Each chosen amendment in the suggested voting order: adopted, or lapsed and why. */
  readonly outcomes: PreviewOutcome[];
  readonly plan: PlanView;
}

/**
 * What-if: the plan as it would be if these pending amendments were adopted (and the plan as a
 * whole with them). Computed in memory from the read models; nothing is written.
 */
export async function previewMeeting(
  db: Kysely<ReadModelDatabase>,
  meetingId: string,
  adopt: readonly number[],
  now: string,
): Promise<MeetingPreview | undefined> {
  const meeting = await loadMeetingState(db, meetingId);
  if (!meeting) return undefined;
  const rows = await currentPlanRows(db, meeting.planId);
  const timeline = foldTimeline(rows);
  if (timeline.state.status === 'none') return undefined;
  const preview = previewAdoption(meeting, timeline.state, adopt, now);
  const simulated = simulatedEventRecords(preview.events, {
    after: rows[rows.length - 1]?.streamRevision ?? -1,
    effectiveAt: meeting.date,
    actor: 'preview',
    cause: { kind: 'meeting', meetingId },
    recordedAt: now,
  });
  const plan = renderPlanView(foldTimeline([...rows, ...simulated.map(historyRowOf)]), now.slice(0, 10))!;
  return { meetingId, adopt: [...adopt], outcomes: preview.outcomes, plan };
}
