import type { CopyValue } from '@app/database';
import { isPlanEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { Transaction } from 'kysely';
import {
  LineageRebuild,
  lineageChanges,
  planTextsOf,
  scoreLineagePairs,
  type PlanTexts,
} from '../lineage/kept-lineage.js';
import { planEventsOf } from '../plan-events.js';
import type { TimelineRow } from '../plan-history/history-row.js';
import {
  foldTimeline,
  timelineFromJson,
  timelineToJson,
  type PlanTimeline,
} from '../plan-view/plan-timeline.js';
import { renderDaylessView, type PlanView } from '../plan-view/plan-view.js';
import type { Projection, RebuildSession, RebuildWrite } from '../projection.js';
import type { ReadModelDatabase } from '../read-model-database.js';
import { jsonDigest } from '../json-digest.js';
import { KeptTimelines } from './kept-timelines.js';
import type { NewPlanNowRow } from './plan-now.table.js';

/** Events a rebuild takes in before it folds them into the plans they concern and writes those. */
const REBUILD_WRITE_EVERY = 250_000;

const COLUMNS = ['plan_id', 'stream_revision', 'timeline', 'timeline_digest', 'view'] as const;

/** How many plans a batch folds and writes at a time (see `apply`). */
const PLANS_AT_A_TIME = 16;

/**
 * The most events a plan may have for its fold to be kept here. Reading and writing a kept
 * timeline is one JSON parse and one stringify of the whole plan on the event loop: for a real
 * plan (hundreds of measures, a few thousand events over its years) a few milliseconds, but for
 * an import of 10,000 measures some 300 ms a batch, which held the liveness probe and every
 * other request (issue 13, point 3). A plan beyond it is folded from its history when read, as
 * every plan was before this read model.
 */
export const PLAN_NOW_MAX_EVENTS = 5_000;

const keptFor = (rows: readonly TimelineRow[]): boolean =>
  rows[rows.length - 1]!.streamRevision < PLAN_NOW_MAX_EVENTS;

/** A batch's plan events as the history rows a timeline folds, per plan, in order. */
function timelineRowsByPlan(events: readonly RecordedEvent[]): Map<string, TimelineRow[]> {
  const byPlan = new Map<string, TimelineRow[]>();
  for (const { event, recorded } of planEventsOf(events)) {
    const row: TimelineRow = {
      streamRevision: Number(recorded.revision),
      eventType: event.type,
      data: event.data as unknown as Record<string, unknown>,
      actor: recorded.metadata.actor,
      effectiveAt: recorded.metadata.effectiveAt,
    };
    const rows = byPlan.get(event.data.planId);
    if (rows) rows.push(row);
    else byPlan.set(event.data.planId, [row]);
  }
  return byPlan;
}

/**
 * The timelines this process wrote last (some 40 plans of a few hundred kB of JSON): a batch goes
 * on from them rather than reading its plans' timelines back (see KeptTimelines).
 */
const keptTimelines = new KeptTimelines(8 * 1024 * 1024);

function rowOf(planId: string, timeline: PlanTimeline, view: PlanView | undefined): NewPlanNowRow {
  const json = timelineToJson(timeline);
  const digest = jsonDigest(json);
  keptTimelines.set(planId, digest, timeline, json.length);
  return {
    plan_id: planId,
    stream_revision: String(timeline.streamRevision),
    timeline: json,
    timeline_digest: digest,
    view: view ? JSON.stringify(view) : null,
  };
}

/** A plan folded on: its row, and the texts its lineage suggestions are made from (none without a view). */
function keep(planId: string, timeline: PlanTimeline): { row: NewPlanNowRow; texts: PlanTexts | undefined } {
  const view = renderDaylessView(timeline);
  return { row: rowOf(planId, timeline, view), texts: view ? planTextsOf(view) : undefined };
}

/** The stored timelines of these plans: from memory where the row still holds what was kept, else read back. */
async function storedTimelines(
  trx: Transaction<ReadModelDatabase>,
  planIds: readonly string[],
): Promise<Map<string, PlanTimeline>> {
  const digests = await trx
    .selectFrom('rm_plan_now')
    .select(['plan_id', 'timeline_digest'])
    .where('plan_id', 'in', planIds)
    .execute();
  const timelines = new Map<string, PlanTimeline>();
  const unknown: string[] = [];
  for (const { plan_id, timeline_digest } of digests) {
    const kept = keptTimelines.get(plan_id, timeline_digest);
    if (kept) timelines.set(plan_id, kept);
    else unknown.push(plan_id);
  }
  if (unknown.length > 0) {
    const stored = await trx
      .selectFrom('rm_plan_now')
      .select(['plan_id', 'timeline'])
      .where('plan_id', 'in', unknown)
      .execute();
    for (const row of stored) timelines.set(row.plan_id, timelineFromJson(row.timeline));
  }
  return timelines;
}

async function upsert(trx: Transaction<ReadModelDatabase>, rows: readonly NewPlanNowRow[]): Promise<void> {
  // PostgreSQL takes at most 65535 parameters a statement.
  for (let i = 0; i < rows.length; i += 10_000) {
    await trx
      .insertInto('rm_plan_now')
      .values(rows.slice(i, i + 10_000))
      .onConflict((oc) =>
        oc.column('plan_id').doUpdateSet((eb) => ({
          stream_revision: eb.ref('excluded.stream_revision'),
          timeline: eb.ref('excluded.timeline'),
          timeline_digest: eb.ref('excluded.timeline_digest'),
          view: eb.ref('excluded.view'),
        })),
      )
      .execute();
  }
}

/**
 * Each plan as its history folds to now (docs/adr/0004's fold, kept instead of repeated): a
 * batch's events go on from the stored timeline of each plan they concern, folded by the same
 * `foldTimeline` (and so the domain's evolve) that time travel uses, so "the plan now" is a
 * lookup of what folding the whole history would give.
 */
export const planNowProjection: Projection = {
  name: 'plan-now',
  tables: ['rm_plan_now', 'rm_plan_lineage_texts', 'rm_plan_lineage'],
  // Rewriting a plan's whole timeline takes longer than a read should wait; the plan now is read
  // from here as kept once it has caught up with the history, and caught up at the read while it
  // is behind (plan-at.ts).
  awaitedByWrites: false,
  // Each batch rewrites its plans' whole view and timeline (a few hundred kB each): under a
  // steady stream of commands, once per 100 ms rather than every few. A read meanwhile folds
  // the history rows after the kept timeline onto it (plan-at.ts).
  gatherMs: 100,
  handles: (event) => isPlanEvent(event),
  async apply(trx, events) {
    const byPlan = timelineRowsByPlan(events);
    const beyond = [...byPlan].filter(([, rows]) => !keptFor(rows)).map(([planId]) => planId);
    for (const planId of beyond) {
      byPlan.delete(planId);
      keptTimelines.delete(planId);
    }
    if (beyond.length > 0) {
      const writeLineage = await lineageChanges(trx, [], beyond);
      await trx.deleteFrom('rm_plan_now').where('plan_id', 'in', beyond).execute();
      await writeLineage(trx);
    }
    // A few plans at a time: a batch may touch hundreds of plans (a burst of commands across a
    // whole party), and each kept timeline is the JSON of a whole plan; held all at once they took
    // the api's RSS to 818 MiB at the default benchmark scale.
    const planIds = [...byPlan.keys()];
    for (let i = 0; i < planIds.length; i += PLANS_AT_A_TIME) {
      const chunk = planIds.slice(i, i + PLANS_AT_A_TIME);
      const before = await storedTimelines(trx, chunk);
      const kept = chunk.map((planId) => keep(planId, foldTimeline(byPlan.get(planId)!, before.get(planId))));
      const writeLineage = await lineageChanges(
        trx,
        kept.flatMap((k) => k.texts ?? []),
        kept.filter((k) => !k.texts).map((k) => k.row.plan_id),
      );
      await upsert(
        trx,
        kept.map((k) => k.row),
      );
      await writeLineage(trx);
    }
  },
  startRebuild(): RebuildSession {
    // Empty table at the start: every plan's timeline is here, and the rows not yet folded in.
    const timelines = new Map<string, PlanTimeline>();
    const written = new Set<string>();
    const lineage = new LineageRebuild();
    let pending = new Map<string, TimelineRow[]>();
    return {
      writeEvery: REBUILD_WRITE_EVERY,
      writesAtTheEnd: true,
      add(events) {
        for (const [planId, rows] of timelineRowsByPlan(events)) {
          const held = pending.get(planId);
          if (held) held.push(...rows);
          else pending.set(planId, rows);
        }
      },
      take(last) {
        const inserts: CopyValue[][] = [];
        const upserts: NewPlanNowRow[] = [];
        const beyond: string[] = [];
        for (const [planId, rows] of pending) {
          if (!keptFor(rows)) {
            timelines.delete(planId);
            lineage.delete(planId);
            if (written.has(planId)) beyond.push(planId);
            written.delete(planId);
            continue;
          }
          const timeline = foldTimeline(rows, timelines.get(planId));
          timelines.set(planId, timeline);
          const { row, texts } = keep(planId, timeline);
          if (texts) lineage.set(texts);
          else lineage.delete(planId);
          if (written.has(planId)) upserts.push(row);
          else inserts.push(COLUMNS.map((column) => row[column]));
          written.add(planId);
        }
        pending = new Map();
        // The lineage rows once, at the end: a pair scored at every write would be scored again
        // at the next one while either plan still changes.
        const lineageRows = last ? lineage.rows() : undefined;
        const write =
          (scored?: CopyValue[][]): RebuildWrite =>
          async ({ trx, insertRows }) => {
            await insertRows('rm_plan_now', COLUMNS, inserts);
            if (lineageRows && scored) {
              await insertRows('rm_plan_lineage_texts', LineageRebuild.textsColumns, lineageRows.texts);
              await insertRows('rm_plan_lineage', LineageRebuild.lineageColumns, scored);
            }
            await upsert(trx, upserts);
            if (beyond.length > 0)
              await trx.deleteFrom('rm_plan_now').where('plan_id', 'in', beyond).execute();
          };
        // Scored before the write's transaction (giving way to the event loop every few
        // milliseconds), not in it: an open write transaction holds back every reader of the
        // event store on the server, the live projections' included.
        return lineageRows ? scoreLineagePairs(lineageRows.pairs).then(write) : write();
      },
    };
  },
};
