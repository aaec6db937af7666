import type { CopyValue } from '@app/database';
import { PreparedMeasures, suggestLinks, type LinkSuggestion, type MeasureText } from '@app/domain';
import { TimeSlices } from '@app/off-thread';
import type { Kysely, Transaction } from 'kysely';
import { flattenGoals, flattenMeasures } from '../plan-diff/diff-plans.js';
import { jsonDigest } from '../json-digest.js';
import type { PlanView } from '../plan-view/plan-view.js';
import type { ReadModelDatabase } from '../read-model-database.js';
import type { NewPlanLineageTextsRow } from './plan-lineage-texts.table.js';
import type { NewPlanLineageRow, PlanLineageRow } from './plan-lineage.table.js';

/** What lineage suggestions are made from: a plan's live measures and goals, ids and texts, in plan order. */
export interface LineageTexts {
  readonly measures: MeasureText[];
  readonly goals: MeasureText[];
}

/** The suggested links (before people's decisions) from one plan's measures and goals to another's. */
export interface LineageSuggestions {
  readonly measures: LinkSuggestion[];
  readonly goals: LinkSuggestion[];
}

export function lineageTexts(view: PlanView): LineageTexts {
  const texts = (items: ReadonlyArray<{ id: string; text: string }>): MeasureText[] =>
    items.map((m) => ({ id: m.id, text: m.text }));
  return { measures: texts(flattenMeasures(view.sections)), goals: texts(flattenGoals(view.sections)) };
}

/** A plan's lineage texts made ready for `suggestLinks` once, for a plan scored against more than one other. */
interface PreparedTexts {
  readonly measures: PreparedMeasures;
  readonly goals: PreparedMeasures;
}

const prepareTexts = (texts: LineageTexts): PreparedTexts => ({
  measures: PreparedMeasures.of(texts.measures),
  goals: PreparedMeasures.of(texts.goals),
});

/** The one place suggestions between two plans are made, kept or at read time. */
export function suggestLineage(
  from: LineageTexts | PreparedTexts,
  to: LineageTexts | PreparedTexts,
): LineageSuggestions {
  return { measures: suggestLinks(from.measures, to.measures), goals: suggestLinks(from.goals, to.goals) };
}

/** A plan's lineage texts as kept: the JSON, and a key that changes whenever the texts do. */
export interface PlanTexts {
  readonly planId: string;
  readonly predecessorPlanId: string | null;
  readonly key: string;
  readonly json: string;
}

export function planTextsOf(view: PlanView): PlanTexts {
  const json = JSON.stringify(lineageTexts(view));
  return {
    planId: view.id,
    predecessorPlanId: view.predecessorPlanId,
    key: jsonDigest(json),
    json,
  };
}

/** The kept row of `toPlanId`'s links from `fromPlanId`, if any (see `lineageSuggestions`). */
export async function keptLineage(
  db: Kysely<ReadModelDatabase>,
  fromPlanId: string,
  toPlanId: string,
): Promise<PlanLineageRow | undefined> {
  return db
    .selectFrom('rm_plan_lineage')
    .selectAll()
    .where('to_plan_id', '=', toPlanId)
    .where('from_plan_id', '=', fromPlanId)
    .executeTakeFirst();
}

/**
 * The suggested links from `from` to `to`: the kept ones when they were made from exactly these
 * texts (the kept row may lag behind the plans, or be of other versions of them), else made now.
 */
export function lineageSuggestions(
  kept: PlanLineageRow | undefined,
  from: PlanView,
  to: PlanView,
): LineageSuggestions {
  const fromTexts = planTextsOf(from);
  const toTexts = planTextsOf(to);
  if (
    kept &&
    kept.from_plan_id === from.id &&
    kept.to_plan_id === to.id &&
    kept.from_key === fromTexts.key &&
    kept.to_key === toTexts.key
  ) {
    return {
      measures: JSON.parse(kept.measures) as LinkSuggestion[],
      goals: JSON.parse(kept.goals) as LinkSuggestion[],
    };
  }
  return suggestLineage(parse(fromTexts), parse(toTexts));
}

const parse = (texts: PlanTexts): LineageTexts => JSON.parse(texts.json) as LineageTexts;

const textsRow = (t: PlanTexts): NewPlanLineageTextsRow => ({
  plan_id: t.planId,
  predecessor_plan_id: t.predecessorPlanId,
  texts_key: t.key,
  texts: t.json,
});

/** The suggestions from `from` to `to` as the row that keeps them: the scoring, once per pair. */
function lineageRow(
  from: PlanTexts,
  to: PlanTexts,
  prepared: (texts: PlanTexts) => PreparedTexts = (texts) => prepareTexts(parse(texts)),
): NewPlanLineageRow {
  const suggested = suggestLineage(prepared(from), prepared(to));
  return {
    to_plan_id: to.planId,
    from_plan_id: from.planId,
    from_key: from.key,
    to_key: to.key,
    measures: JSON.stringify(suggested.measures),
    goals: JSON.stringify(suggested.goals),
  };
}

const TEXTS_COLUMNS = ['plan_id', 'predecessor_plan_id', 'texts_key', 'texts'] as const;
const LINEAGE_COLUMNS = ['to_plan_id', 'from_plan_id', 'from_key', 'to_key', 'measures', 'goals'] as const;

/** Writes a batch's lineage changes, once they are read and scored (see `lineageChanges`). */
export type LineageWrite = (trx: Transaction<ReadModelDatabase>) => Promise<void>;

/**
 * After a batch of plan-now: the texts of the plans it touched (as they now are) and of those no
 * longer kept (`gone`), and the suggestions of every pair of plan and predecessor where either
 * side's texts or the link changed. Status reports, the most common events, change no texts, so
 * they cost a comparison of keys; only an amendment or a link scores a pair again. Everything is
 * read and scored here, and written by the returned function, after plan-now's own rows.
 */
export async function lineageChanges(
  trx: Transaction<ReadModelDatabase>,
  touched: readonly PlanTexts[],
  gone: readonly string[],
): Promise<LineageWrite> {
  const stored = new Map(
    touched.length === 0
      ? []
      : (
          await trx
            .selectFrom('rm_plan_lineage_texts')
            .select(['plan_id', 'predecessor_plan_id', 'texts_key'])
            .where(
              'plan_id',
              'in',
              touched.map((t) => t.planId),
            )
            .execute()
        ).map((r) => [r.plan_id, r]),
  );
  const changed = touched.filter((t) => {
    const s = stored.get(t.planId);
    return !s || s.texts_key !== t.key || s.predecessor_plan_id !== t.predecessorPlanId;
  });
  const deleteGone: LineageWrite = async (w) => {
    if (gone.length === 0) return;
    await w.deleteFrom('rm_plan_lineage_texts').where('plan_id', 'in', gone).execute();
    await w
      .deleteFrom('rm_plan_lineage')
      .where((eb) => eb.or([eb('to_plan_id', 'in', gone), eb('from_plan_id', 'in', gone)]))
      .execute();
  };
  if (changed.length === 0) return deleteGone;

  // Every plan whose pair may have changed: the changed ones with a predecessor, and the
  // successors of each changed one (as stored: a touched plan's own texts win).
  const known = new Map<string, PlanTexts>(touched.map((t) => [t.planId, t]));
  const successors = await trx
    .selectFrom('rm_plan_lineage_texts')
    .selectAll()
    .where(
      'predecessor_plan_id',
      'in',
      changed.map((c) => c.planId),
    )
    .execute();
  for (const s of successors) if (!known.has(s.plan_id)) known.set(s.plan_id, fromRow(s));
  const pairs = [
    ...new Set([
      ...changed.filter((c) => c.predecessorPlanId !== null).map((c) => c.planId),
      ...successors.map((s) => s.plan_id).filter((id) => known.get(id)!.predecessorPlanId !== null),
    ]),
  ];
  const unlinked = changed.filter((c) => c.predecessorPlanId === null).map((c) => c.planId);
  const missing = [
    ...new Set(pairs.map((id) => known.get(id)!.predecessorPlanId!).filter((id) => !known.has(id))),
  ];
  if (missing.length > 0) {
    const rows = await trx
      .selectFrom('rm_plan_lineage_texts')
      .selectAll()
      .where('plan_id', 'in', missing)
      .execute();
    for (const r of rows) known.set(r.plan_id, fromRow(r));
  }
  const existing = new Map(
    pairs.length === 0
      ? []
      : (
          await trx
            .selectFrom('rm_plan_lineage')
            .select(['to_plan_id', 'from_plan_id', 'from_key', 'to_key'])
            .where('to_plan_id', 'in', pairs)
            .execute()
        ).map((r) => [r.to_plan_id, r]),
  );
  const rows: NewPlanLineageRow[] = [];
  const orphans: string[] = [...unlinked];
  for (const planId of pairs) {
    const to = known.get(planId)!;
    const from = known.get(to.predecessorPlanId!);
    // A predecessor that is gone in this batch has no texts any more.
    if (!from || gone.includes(from.planId)) {
      orphans.push(planId);
      continue;
    }
    const e = existing.get(planId);
    if (e && e.from_plan_id === from.planId && e.from_key === from.key && e.to_key === to.key) continue;
    rows.push(lineageRow(from, to));
  }
  return async (w) => {
    await deleteGone(w);
    await upsertTexts(w, changed.map(textsRow));
    if (orphans.length > 0)
      await w.deleteFrom('rm_plan_lineage').where('to_plan_id', 'in', orphans).execute();
    if (rows.length > 0) {
      await w
        .insertInto('rm_plan_lineage')
        .values(rows)
        .onConflict((oc) =>
          oc.column('to_plan_id').doUpdateSet((eb) => ({
            from_plan_id: eb.ref('excluded.from_plan_id'),
            from_key: eb.ref('excluded.from_key'),
            to_key: eb.ref('excluded.to_key'),
            measures: eb.ref('excluded.measures'),
            goals: eb.ref('excluded.goals'),
          })),
        )
        .execute();
    }
  };
}

const fromRow = (r: NewPlanLineageTextsRow): PlanTexts => ({
  planId: r.plan_id,
  predecessorPlanId: r.predecessor_plan_id ?? null,
  key: r.texts_key,
  json: r.texts,
});

async function upsertTexts(
  trx: Transaction<ReadModelDatabase>,
  rows: readonly NewPlanLineageTextsRow[],
): Promise<void> {
  // PostgreSQL takes at most 65535 parameters a statement.
  for (let i = 0; i < rows.length; i += 10_000) {
    await trx
      .insertInto('rm_plan_lineage_texts')
      .values(rows.slice(i, i + 10_000))
      .onConflict((oc) =>
        oc.column('plan_id').doUpdateSet((eb) => ({
          predecessor_plan_id: eb.ref('excluded.predecessor_plan_id'),
          texts_key: eb.ref('excluded.texts_key'),
          texts: eb.ref('excluded.texts'),
        })),
      )
      .execute();
  }
}

/** A plan (`to`) and its predecessor (`from`), to be scored. */
export interface LineagePair {
  readonly from: PlanTexts;
  readonly to: PlanTexts;
}

/**
 * The rows of rm_plan_lineage (in `LineageRebuild.lineageColumns` order) for these pairs, giving
 * way to the event loop every few milliseconds: a rebuild writes its other rows meanwhile.
 */
export async function scoreLineagePairs(pairs: readonly LineagePair[]): Promise<CopyValue[][]> {
  const slices = new TimeSlices(10);
  const rows: CopyValue[][] = [];
  // Most plans are scored twice, against their predecessor and their successor: parsed and
  // prepared once.
  const prepared = new Map<PlanTexts, PreparedTexts>();
  const preparedOnce = (texts: PlanTexts): PreparedTexts => {
    let p = prepared.get(texts);
    if (!p) prepared.set(texts, (p = prepareTexts(parse(texts))));
    return p;
  };
  for (const { from, to } of pairs) {
    if (slices.due()) await slices.pause();
    const link = lineageRow(from, to, preparedOnce);
    rows.push(LINEAGE_COLUMNS.map((column) => link[column]));
  }
  return rows;
}

/**
 * The same rows for a rebuild from position 0: the texts of every plan as the rebuild folds
 * them, in memory, and each pair scored once, when the rebuild ends (not at each of its writes).
 */
export class LineageRebuild {
  private readonly texts = new Map<string, PlanTexts>();

  set(texts: PlanTexts): void {
    this.texts.set(texts.planId, texts);
  }

  delete(planId: string): void {
    this.texts.delete(planId);
  }

  /** Every plan's texts row, and the pairs of plan and predecessor to score (`scoreLineagePairs`), for empty tables. */
  rows(): { texts: CopyValue[][]; pairs: LineagePair[] } {
    const texts: CopyValue[][] = [];
    const pairs: LineagePair[] = [];
    for (const t of this.texts.values()) {
      const row = textsRow(t);
      texts.push(TEXTS_COLUMNS.map((column) => row[column] ?? null));
      const from = t.predecessorPlanId === null ? undefined : this.texts.get(t.predecessorPlanId);
      if (from) pairs.push({ from, to: t });
    }
    return { texts, pairs };
  }

  static readonly textsColumns = TEXTS_COLUMNS;
  static readonly lineageColumns = LINEAGE_COLUMNS;
}
