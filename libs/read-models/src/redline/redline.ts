import { wordDiff, type DiffPart } from '@app/domain';
import type { Kysely } from 'kysely';
import { loadPlanHistory, streamRevisionOfAdoption } from '../plan-history/plan-history.queries.js';
import { planAt, PlanMomentNotFound } from '../plan-view/plan-at.js';
import type { HistoryRow } from '../plan-history/history-row.js';
import {
  compareLabels,
  responsibleNames,
  type GoalView,
  type MeasureView,
  type PlanView,
  type SectionView,
} from '../plan-view/plan-view.js';
import type { ReadModelDatabase } from '../read-model-database.js';
import { loadMeetingNames } from '../meetings/meeting-names.js';

export type Change = 'unchanged' | 'added' | 'removed' | 'changed';

/** Why an element changed between the two revisions: the causes on its events. */
export interface RedlineCause {
  readonly kind: string;
  readonly meetingId?: string;
  /** The meeting by its name ("Oslo SVs årsmøte 2026"), where the loader looked it up. */
  readonly meetingName?: string;
  readonly amendmentNo?: number;
  readonly reference?: string;
  readonly effectiveAt: string;
  readonly actor: string;
  /** How the meeting voted on the amendment ("vedtatt 87–12–3"), where known. */
  readonly vote?: string;
}

/** The vote on an amendment of a meeting, as the redline shows it. */
export type VoteLookup = (meetingId: string, amendmentNo: number) => string | undefined;

export interface RedlineText {
  readonly parts: DiffPart[];
}

export interface RedlineMeasure {
  readonly id: string;
  readonly label: string;
  readonly change: Change;
  readonly text: RedlineText;
  readonly timing: RedlineText;
  readonly responsible: RedlineText;
  readonly causes: RedlineCause[];
}

export interface RedlineGoal {
  readonly id: string;
  readonly change: Change;
  readonly text: RedlineText;
  readonly causes: RedlineCause[];
}

export interface RedlineSection {
  readonly id: string;
  readonly number: string;
  readonly change: Change;
  readonly title: RedlineText;
  /** The part of the introductory prose the change touched (see introDiff), where it changed (`introChanged`). */
  readonly intro: RedlineText;
  readonly introChanged: boolean;
  readonly goals: RedlineGoal[];
  readonly measures: RedlineMeasure[];
  readonly sections: RedlineSection[];
  readonly causes: RedlineCause[];
}

export interface Redline {
  readonly planId: string;
  readonly title: string;
  readonly from: { readonly adoptedRevision: number; readonly date: string | null };
  readonly to: { readonly adoptedRevision: number; readonly date: string | null; readonly current: boolean };
  readonly sections: RedlineSection[];
  readonly counts: Record<Exclude<Change, 'unchanged'>, number>;
}

const same = (text: string): RedlineText => ({ parts: text ? [{ op: 'equal', text }] : [] });
const diff = (from: string | undefined, to: string | undefined): RedlineText => {
  if (from === undefined) return { parts: to ? [{ op: 'insert', text: to }] : [] };
  if (to === undefined) return { parts: from ? [{ op: 'delete', text: from }] : [] };
  return from === to ? same(to) : { parts: wordDiff(from, to) };
};

/** The causes recorded on each element's events, by element id. */
export function causesByElement(
  rows: readonly HistoryRow[],
  votes: VoteLookup = () => undefined,
  meetingNames: Readonly<Record<string, string>> = {},
): Map<string, RedlineCause[]> {
  const causes = new Map<string, RedlineCause[]>();
  for (const row of rows) {
    if (!row.elementId || !row.cause) continue;
    const c = row.cause as { kind?: string; meetingId?: string; amendmentNo?: number; reference?: string };
    const cause: RedlineCause = {
      kind: c.kind ?? 'command',
      ...(c.meetingId ? { meetingId: c.meetingId } : {}),
      ...(c.meetingId && meetingNames[c.meetingId] ? { meetingName: meetingNames[c.meetingId] } : {}),
      ...(c.amendmentNo !== undefined ? { amendmentNo: c.amendmentNo } : {}),
      ...(c.reference ? { reference: c.reference } : {}),
      effectiveAt: row.effectiveAt,
      actor: row.actor,
    };
    const vote = c.meetingId && c.amendmentNo !== undefined ? votes(c.meetingId, c.amendmentNo) : undefined;
    if (vote) Object.assign(cause, { vote });

    const list = causes.get(row.elementId) ?? [];
    const duplicate = list.some(
      (x) =>
        x.meetingId === cause.meetingId &&
        x.amendmentNo === cause.amendmentNo &&
        x.reference === cause.reference &&
        x.kind === cause.kind,
    );
    if (!duplicate) causes.set(row.elementId, [...list, cause]);
  }
  return causes;
}

/**
 * The later revision of a plan against the earlier one as one document: every section, goal and
 * measure of either, struck and inserted words marked, each change with the causes (meeting and
 * amendment, board decision) recorded on its events between the two.
 */
export function buildRedline(
  from: PlanView,
  to: PlanView,
  rows: readonly HistoryRow[],
  current: boolean,
  votes: VoteLookup = () => undefined,
  meetingNames: Readonly<Record<string, string>> = {},
): Redline {
  const causes = causesByElement(rows, votes, meetingNames);
  const counts = { added: 0, removed: 0, changed: 0 };
  const count = (change: Change): Change => {
    if (change !== 'unchanged') counts[change]++;
    return change;
  };
  const measure = (a: MeasureView | undefined, b: MeasureView | undefined): RedlineMeasure => {
    const m = (b ?? a)!;
    const text = diff(a?.text, b?.text);
    const timing = diff(a?.timing, b?.timing);
    const responsible = diff(
      a ? responsibleNames(a).join(', ') : undefined,
      b ? responsibleNames(b).join(', ') : undefined,
    );
    const changed = [text, timing, responsible].some((t) => t.parts.some((p) => p.op !== 'equal'));
    return {
      id: m.id,
      label: b?.label ?? a!.label,
      change: count(!a ? 'added' : !b ? 'removed' : changed ? 'changed' : 'unchanged'),
      text,
      timing,
      responsible,
      causes: causes.get(m.id) ?? [],
    };
  };
  const goal = (a: GoalView | undefined, b: GoalView | undefined): RedlineGoal => {
    const text = diff(a?.text, b?.text);
    const changed = text.parts.some((p) => p.op !== 'equal');
    return {
      id: (b ?? a)!.id,
      change: count(!a ? 'added' : !b ? 'removed' : changed ? 'changed' : 'unchanged'),
      text,
      causes: causes.get((b ?? a)!.id) ?? [],
    };
  };
  const section = (a: SectionView | undefined, b: SectionView | undefined): RedlineSection => {
    const s = (b ?? a)!;
    const title = diff(a?.title, b?.title);
    const fromMeasures = new Map((a?.measures ?? []).map((m) => [m.id, m]));
    const toMeasures = new Map((b?.measures ?? []).map((m) => [m.id, m]));
    const measureIds = [...new Set([...(b?.measures ?? []), ...(a?.measures ?? [])].map((m) => m.id))];
    const fromGoals = new Map(flattenGoals(a?.goals ?? []).map((g) => [g.id, g]));
    const toGoals = new Map(flattenGoals(b?.goals ?? []).map((g) => [g.id, g]));
    const goalIds = [...new Set([...toGoals.keys(), ...fromGoals.keys()])];
    const childIds = [...new Set([...(b?.sections ?? []), ...(a?.sections ?? [])].map((c) => c.id))];
    const fromChildren = new Map((a?.sections ?? []).map((c) => [c.id, c]));
    const toChildren = new Map((b?.sections ?? []).map((c) => [c.id, c]));
    const retitled = title.parts.some((p) => p.op !== 'equal');
    const intro = introDiff(a?.intro ?? '', b?.intro ?? '');
    const introChanged = !!a && !!b && intro.parts.some((p) => p.op !== 'equal');
    return {
      id: s.id,
      number: s.number,
      change: count(!a ? 'added' : !b ? 'removed' : retitled || introChanged ? 'changed' : 'unchanged'),
      title,
      intro,
      introChanged,
      goals: goalIds.map((id) => goal(fromGoals.get(id), toGoals.get(id))),
      measures: measureIds
        .map((id) => measure(fromMeasures.get(id), toMeasures.get(id)))
        .sort((x, y) => compareLabels(x.label, y.label) || (x.change === 'removed' ? -1 : 1)),
      sections: childIds.map((id) => section(fromChildren.get(id), toChildren.get(id))),
      causes: causes.get(s.id) ?? [],
    };
  };
  const fromTop = new Map(from.sections.map((s) => [s.id, s]));
  const toTop = new Map(to.sections.map((s) => [s.id, s]));
  const sections = [...new Set([...toTop.keys(), ...fromTop.keys()])].map((id) =>
    section(fromTop.get(id), toTop.get(id)),
  );
  const adoptionDate = (view: PlanView) => view.adoptions[view.adoptions.length - 1]?.date ?? null;
  return {
    planId: to.id,
    title: to.title,
    from: { adoptedRevision: from.adoptedRevision, date: adoptionDate(from) },
    to: { adoptedRevision: to.adoptedRevision, date: adoptionDate(to), current },
    sections,
    counts,
  };
}

/**
 * What changed in a section's intro: its lines from the first that differs to the last, word
 * by word (an intro is paragraphs of prose; the redline shows the part the revision touched).
 */
function introDiff(from: string, to: string): RedlineText {
  const a = from.split('\n');
  const b = to.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end++;
  const changed = (lines: string[]) => lines.slice(start, lines.length - end).join('\n');
  return from === to ? same('') : diff(changed(a), changed(b));
}

function flattenGoals(goals: readonly GoalView[]): GoalView[] {
  return goals.flatMap((g) => [g, ...flattenGoals(g.goals)]);
}

/**
 * The redline of a plan between two adopted revisions; `to` omitted means the plan now, `from`
 * omitted means the revision before `to` (the one the last meeting treated).
 */
export async function loadRedline(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  request: { from?: number; to?: number },
  today: string,
): Promise<Redline | undefined> {
  const to = await planAt(db, planId, request.to !== undefined ? { revision: request.to } : {}, today);
  if (!to) return undefined;
  const fromRevision =
    request.from ??
    (request.to !== undefined
      ? request.to - 1
      : to.changedSinceAdoption
        ? to.adoptedRevision
        : to.adoptedRevision - 1);
  if (fromRevision < 1)
    throw new PlanMomentNotFound(`Plan "${planId}" has no earlier adopted revision to compare with`);
  const from = await planAt(db, planId, { revision: fromRevision }, today);
  if (!from) return undefined;
  const fromStream = (await streamRevisionOfAdoption(db, planId, fromRevision))!;
  const toStream =
    request.to !== undefined ? await streamRevisionOfAdoption(db, planId, request.to) : undefined;
  const rows = (
    await loadPlanHistory(db, planId, toStream !== undefined ? { upToStreamRevision: toStream } : {})
  ).filter((r) => r.streamRevision > fromStream);
  return buildRedline(
    from,
    to,
    rows,
    request.to === undefined,
    undefined,
    await loadMeetingNames(db, planId),
  );
}

/**
 * What a meeting did to a plan: the draft exactly as the meeting received it (the stream
 * revision it treated) against the revision the meeting adopted (or the plan now, before the
 * vote on the plan as a whole), each change with its amendment and vote.
 */
export async function loadMeetingRedline(
  db: Kysely<ReadModelDatabase>,
  planId: string,
  meeting: { readonly id: string; readonly planRevision: number },
  votes: VoteLookup,
  today: string,
): Promise<Redline | undefined> {
  const history = await loadPlanHistory(db, planId);
  if (history.length === 0) return undefined;
  const adoption = history.find(
    (r) => r.eventType === 'PlanAdopted' && (r.data as { decisionRef?: string }).decisionRef === meeting.id,
  );
  const from = await planAt(db, planId, { streamRevision: meeting.planRevision }, today);
  const to = await planAt(db, planId, adoption ? { streamRevision: adoption.streamRevision } : {}, today);
  if (!from || !to) return undefined;
  const rows = history.filter(
    (r) =>
      r.streamRevision > meeting.planRevision && (!adoption || r.streamRevision <= adoption.streamRevision),
  );
  return buildRedline(from, to, rows, !adoption, votes, await loadMeetingNames(db, planId));
}
