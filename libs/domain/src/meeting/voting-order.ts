import { DomainError } from '../shared/domain-error.js';
import type { PlanEvent } from '../plan/plan.events.js';
import { evolvePlan, type ExistingPlan, type PlanState } from '../plan/plan.state.js';
import { quotedText } from './amendment-target.js';
import { spanOf, spansTouch, type TextSpan } from './amendment-text.js';
import { amendmentChanges } from './amendment-changes.js';
import { describeElement } from './meeting-words.js';
import { effectiveFields, type AmendmentState, type ExistingMeeting } from './meeting.state.js';
import type { AmendmentOp } from './meeting.types.js';

export interface ConflictPair {
  readonly a: number;
  readonly b: number;
  readonly reason: string;
}

/** Amendments that touch the same element or text: they cannot all be adopted as filed. */
export interface TargetConflict {
  readonly targetId: string;
  readonly target: string;
  readonly amendments: number[];
  readonly pairs: ConflictPair[];
}

const STRIKES: ReadonlySet<AmendmentOp> = new Set(['strike_measure', 'strike_goal']);
const TEXT_OPS: ReadonlySet<AmendmentOp> = new Set(['replace_text', 'insert_text', 'strike_text']);

function spanOfAmendment(a: AmendmentState): TextSpan | undefined {
  if (!TEXT_OPS.has(a.op) || a.target.text === undefined) return undefined;
  return spanOf(a.target.text, quotedText(a.op, a.fields), a.op === 'insert_text');
}

function conflictReason(a: AmendmentState, b: AmendmentState): string | undefined {
  if (a.target.id !== b.target.id) return undefined;
  if (STRIKES.has(a.op) || STRIKES.has(b.op)) {
    const striker = STRIKES.has(a.op) ? a : b;
    return `forslag ${striker.no} stryker ${describeElement(striker.target.kind, striker.target.address)}`;
  }
  if (a.op === b.op && (a.op === 'change_timing' || a.op === 'reassign'))
    return a.op === 'change_timing' ? 'begge endrer gjennomføringen' : 'begge endrer hvem som har ansvaret';
  const spanA = spanOfAmendment(a);
  const spanB = spanOfAmendment(b);
  if (spanA && spanB && spansTouch(spanA, spanB)) {
    const quote = (x: AmendmentState): string => quotedText(x.op, x.fields) ?? '';
    return quote(a) === quote(b) && quote(a) !== ''
      ? `begge endrer «${quote(a)}»`
      : 'de endrer tekst som overlapper';
  }
  return undefined;
}

/** Conflicts per target among the amendments not withdrawn, in document order of the targets. */
export function findConflicts(meeting: ExistingMeeting): TargetConflict[] {
  const live = [...meeting.amendments.values()]
    .filter((a) => a.status !== 'withdrawn')
    .sort((a, b) => a.no - b.no);
  const byTarget = new Map<string, TargetConflict>();
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const a = live[i]!;
      const b = live[j]!;
      const reason = conflictReason(a, b);
      if (!reason) continue;
      const entry = byTarget.get(a.target.id) ?? {
        targetId: a.target.id,
        target: a.target.address,
        amendments: [],
        pairs: [],
      };
      for (const no of [a.no, b.no]) if (!entry.amendments.includes(no)) entry.amendments.push(no);
      entry.pairs.push({ a: a.no, b: b.no, reason });
      byTarget.set(a.target.id, entry);
    }
  }
  return [...byTarget.values()]
    .map((c) => ({ ...c, amendments: [...c.amendments].sort((x, y) => x - y) }))
    .sort((x, y) => compareAddresses(x.target, y.target));
}

/** "4.2.J" before "4.10.A", "3.1.g2" before "4.1": numeric where numbers. */
export function compareAddresses(a: string, b: string): number {
  return a.localeCompare(b, 'nb', { numeric: true });
}

/** How far an operation goes: striking an element first, then struck text, replacements, insertions. */
const REACH: Record<AmendmentOp, number> = {
  strike_measure: 0,
  strike_goal: 0,
  strike_text: 1,
  replace_text: 2,
  insert_text: 3,
  change_timing: 4,
  reassign: 4,
  add_section: 5,
  add_goal: 5,
  add_measure: 5,
};

function reachOrder(a: AmendmentState, b: AmendmentState): number {
  const spanLength = (x: AmendmentState): number => {
    const span = spanOfAmendment(x);
    return span ? span.end - span.start : 0;
  };
  return REACH[a.op] - REACH[b.op] || spanLength(b) - spanLength(a) || a.no - b.no;
}

export interface VotingOrderEntry {
  readonly no: number;
  readonly op: AmendmentOp;
  /** Would lapse if put to the vote now: an adopted amendment already made it impossible. */
  readonly lapses: string | null;
  /** Amendments before it in this order whose adoption would make it lapse. */
  readonly lapsesIfAdopted: number[];
}

export interface TargetVotingOrder {
  readonly targetId: string;
  readonly target: string;
  readonly amendments: VotingOrderEntry[];
}

export interface VotingOrder {
  readonly targets: TargetVotingOrder[];
  /** Every amendment still to be voted on, in the suggested order. */
  readonly toVote: number[];
}

/**
 * The suggested voting order for the amendments still to be voted on: per target (in document
 * order), the one that goes furthest first; each marked with what would make it lapse.
 */
export function suggestVotingOrder(meeting: ExistingMeeting, plan: ExistingPlan, now: string): VotingOrder {
  const pending = [...meeting.amendments.values()].filter((a) => a.status === 'filed');
  const groups = new Map<string, AmendmentState[]>();
  for (const a of pending) groups.set(a.target.id, [...(groups.get(a.target.id) ?? []), a]);
  const targets = [...groups.values()]
    .map((group) => [...group].sort(reachOrder))
    .sort((x, y) => compareAddresses(x[0]!.target.address, y[0]!.target.address) || x[0]!.no - y[0]!.no)
    .map((group) => ({
      targetId: group[0]!.target.id,
      target: group[0]!.target.address,
      amendments: group.map((a, i) => {
        const now_ = outcomeOn(meeting, a, plan, now);
        const lapsesIfAdopted = group.slice(0, i).flatMap((earlier) => {
          const first = outcomeOn(meeting, earlier, plan, now);
          if (!first.possible) return [];
          const after = applyEvents(plan, first.events);
          const adoptedMeeting = markAdopted(meeting, earlier.no);
          return amendmentChanges(adoptedMeeting, a, fieldsOf(a), after, {
            now,
            newElementId: `preview-${a.no}`,
          }).possible
            ? []
            : [earlier.no];
        });
        return { no: a.no, op: a.op, lapses: now_.possible ? null : now_.reason, lapsesIfAdopted };
      }),
    }));
  return { targets, toVote: targets.flatMap((t) => t.amendments.map((a) => a.no)) };
}

function fieldsOf(a: AmendmentState): ReturnType<typeof effectiveFields> {
  return effectiveFields(a, a.recommendation?.recommendation === 'adopt_modified');
}

function outcomeOn(meeting: ExistingMeeting, a: AmendmentState, plan: ExistingPlan, now: string) {
  return amendmentChanges(meeting, a, fieldsOf(a), plan, { now, newElementId: `preview-${a.no}` });
}

function markAdopted(meeting: ExistingMeeting, no: number): ExistingMeeting {
  const a = meeting.amendments.get(no);
  if (!a) return meeting;
  return { ...meeting, amendments: new Map(meeting.amendments).set(no, { ...a, status: 'adopted' }) };
}

export interface PreviewOutcome {
  readonly no: number;
  readonly result: 'adopted' | 'lapsed';
  readonly reason: string | null;
}

export interface AdoptionPreview {
  readonly plan: ExistingPlan;
  readonly outcomes: PreviewOutcome[];
  /** The plan events adopting them would give, in order. */
  readonly events: PlanEvent[];
}

function applyEvents(plan: ExistingPlan, events: readonly PlanEvent[]): ExistingPlan {
  return events.reduce<PlanState>(evolvePlan, plan) as ExistingPlan;
}

/**
 * What-if: the plan as it would be if these pending amendments were adopted, in the suggested
 * voting order; those an earlier one makes impossible lapse. Nothing is recorded.
 */
export function previewAdoption(
  meeting: ExistingMeeting,
  plan: ExistingPlan,
  adopt: readonly number[],
  now: string,
  newElementId: (no: number) => string = (no) => `preview-${no}`,
): AdoptionPreview {
  for (const no of adopt) {
    const a = meeting.amendments.get(no);
    if (!a)
      throw new DomainError(
        'AMENDMENT_NOT_FOUND',
        'not_found',
        `Forslag ${no} er ikke fremmet på møtet ${meeting.id}`,
        { field: 'adopt' },
      );
    if (a.status !== 'filed')
      throw new DomainError(
        'AMENDMENT_DECIDED',
        'invalid',
        `Forslag ${no} er allerede avgjort (${a.status})`,
        {
          field: 'adopt',
        },
      );
  }
  const order = suggestVotingOrder(meeting, plan, now).toVote.filter((no) => adopt.includes(no));
  let current = plan;
  let state = meeting;
  const outcomes: PreviewOutcome[] = [];
  const events: PlanEvent[] = [];
  for (const no of order) {
    const a = state.amendments.get(no)!;
    const outcome = amendmentChanges(state, a, fieldsOf(a), current, { now, newElementId: newElementId(no) });
    if (!outcome.possible) {
      outcomes.push({ no, result: 'lapsed', reason: outcome.reason });
      continue;
    }
    current = applyEvents(current, outcome.events);
    events.push(...outcome.events);
    state = markAdopted(state, no);
    outcomes.push({ no, result: 'adopted', reason: null });
  }
  return { plan: current, outcomes, events };
}

/**
 * The order the amendments still pending are put to the vote in: the officer's where set (the
 * ones it leaves out, and any filed since, after it in the suggested order), else the suggested.
 */
export function effectiveVotingOrder(meeting: ExistingMeeting, suggested: VotingOrder): number[] {
  const pending = new Set(suggested.toVote);
  const chosen = (meeting.votingOrder ?? []).filter((no) => pending.has(no));
  return [...chosen, ...suggested.toVote.filter((no) => !chosen.includes(no))];
}

/**
 * What the meeting actually votes on: the amendments whose recommendation nobody contests are
 * settled together when the meeting accepts the committee's recommendations en bloc; the others
 * (contested, or without a recommendation) each get a vote of their own, in the voting order.
 */
export function whatIsVotedOn(
  meeting: ExistingMeeting,
  order: readonly number[],
): { readonly enBloc: number[]; readonly separately: number[] } {
  const settled = (no: number): boolean => {
    const a = meeting.amendments.get(no);
    return a !== undefined && a.recommendation !== undefined && !a.contested;
  };
  return { enBloc: order.filter(settled), separately: order.filter((no) => !settled(no)) };
}
