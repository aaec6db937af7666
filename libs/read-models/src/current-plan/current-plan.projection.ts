import type { CopyValue } from '@app/database';
import {
  initialPlanState,
  isPlanEvent,
  noAddressesGiven,
  planFold,
  type Body,
  type ExistingPlan,
  type PlanEvent,
  type PlanState,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { Transaction } from 'kysely';
import { planEventsOf } from '../plan-events.js';
import type { Projection, RebuildSession } from '../projection.js';
import type { ReadModelDatabase } from '../read-model-database.js';
import type { NewPlanRow, PlanRow, PlansTable } from './plans.table.js';

/** Events a rebuild folds in memory before it writes the changed rows (and moves the checkpoint). */
const REBUILD_WRITE_EVERY = 250_000;

/** A row of rm_plans as a batch holds it: `bodies` parsed. */
type HeldRow = Omit<PlanRow, 'bodies'> & { bodies: Body[] };

/**
 * Every column this projection writes, in the order a rebuild copies them, given as a record
 * so that the compiler names a column that is left out (a column added to the table's type is
 * written, or it does not compile).
 */
const COLUMNS = Object.keys({
  plan_id: true,
  organisation_id: true,
  title: true,
  period_from: true,
  period_to: true,
  edition: true,
  status: true,
  bodies: true,
  revision: true,
  created_at: true,
  updated_at: true,
  predecessor_plan_id: true,
  parent_plan_id: true,
  adopted_revision: true,
  changed_since_adoption: true,
} satisfies Readonly<Record<keyof PlansTable, true>>) as (keyof PlansTable & string)[];

/**
 * The current state of every plan, one row each in rm_plans (title, period, status, bodies,
 * adoptions, links, whether it changed since its adoption), for the lists of plans across an
 * organisation. A plan's sections, goals and measures are read from its history or its kept
 * fold (plan-history, plan-now), not from here.
 *
 * The domain's fold is the only interpreter of plan events here: each event evolves the plan
 * as the domain holds it (evolvePlan, via planFold), and the row is what the folded plan says
 * (so "changed since adoption" is the domain's own `changedSinceAdoption`). What the row holds
 * depends on no section, goal or measure, so a batch starts each plan it touches from its row,
 * with none of them, and the rows come out as a fold of the whole stream would leave them.
 *
 * A batch reads the rows its events touch in one query, the events change them in order, and
 * new rows go in as one multi-row insert and changed rows as one multi-row upsert. A rebuild
 * from position 0 keeps every plan in memory from the empty table on (so it never reads a row
 * back) and writes every `REBUILD_WRITE_EVERY` events only the rows created or changed since
 * its last write: new ones by COPY, the others as upserts.
 */
export const currentPlanProjection: Projection = {
  name: 'current-plan',
  tables: ['rm_plans'],
  handles: (event) => isPlanEvent(event),
  async apply(trx, events) {
    const planEvents = planEventsOf(events);
    if (planEvents.length === 0) return;
    const rows = await CurrentPlanRows.load(
      trx,
      planEvents.map((e) => e.event.data.planId),
    );
    for (const { event, recorded } of planEvents) rows.apply(event, recorded);
    await rows.write(trx);
  },
  startRebuild(): RebuildSession {
    // Empty table at the start: every row there is is in memory.
    const rows = new CurrentPlanRows();
    return {
      writeEvery: REBUILD_WRITE_EVERY,
      add(events) {
        for (const { event, recorded } of planEventsOf(events)) rows.apply(event, recorded);
        // As a batch of `apply` starts from the rows: the plans go on without what no row holds,
        // so a rebuild holds no plan's sections, goals and measures, nor folds events into them.
        rows.forgetElements();
      },
      take() {
        const { inserts, upserts } = rows.take();
        return async ({ trx, insertRows }) => {
          await insertRows(
            'rm_plans',
            COLUMNS,
            inserts.map((row) => COLUMNS.map((column): CopyValue => row[column])),
          );
          await upsert(trx, upserts);
        };
      },
    };
  },
};

/** A plan as the projection holds it: the domain's state, and the fold (planFold) that evolves it. */
interface HeldPlan {
  state: PlanState;
  readonly evolve: (state: PlanState, event: PlanEvent) => PlanState;
}

/** What a plan's row keeps that the domain does not: the plan stream's revision and times. */
type Kept = Pick<HeldRow, 'revision' | 'created_at' | 'updated_at'>;

/**
 * The plans a batch (or, in a rebuild, all of them) touches, as the domain's fold holds them,
 * and what their rows keep beside. Every event goes through the domain's own evolve; a row is
 * made when it is written, from the folded plan (planRowOf), not at every event.
 */
class CurrentPlanRows {
  /** Each plan that has a row (or will have one when written), and what the row keeps. */
  private readonly kept = new Map<string, Kept>();
  private readonly created = new Set<string>();
  private readonly changed = new Set<string>();
  private readonly held = new Map<string, HeldPlan>();
  /** Plans whose sections, goals or measures the fold may have filled since `forgetElements`. */
  private readonly folded = new Set<string>();

  /** The rows of these plans, read in one query, and each plan's state made from its row. */
  static async load(
    trx: Transaction<ReadModelDatabase>,
    planIds: Iterable<string>,
  ): Promise<CurrentPlanRows> {
    const rows = new CurrentPlanRows();
    const wanted = [...new Set(planIds)];
    for (let i = 0; i < wanted.length; i += 10_000) {
      const found = await trx
        .selectFrom('rm_plans')
        .select(COLUMNS)
        .where('plan_id', 'in', wanted.slice(i, i + 10_000))
        .execute();
      for (const row of found) {
        const held: HeldRow = {
          ...row,
          bodies: typeof row.bodies === 'string' ? (JSON.parse(row.bodies) as Body[]) : row.bodies,
        };
        rows.kept.set(row.plan_id, {
          revision: row.revision,
          created_at: row.created_at,
          updated_at: row.updated_at,
        });
        rows.held.set(row.plan_id, { state: planStateOf(held), evolve: planFold() });
      }
    }
    return rows;
  }

  apply(event: PlanEvent, recorded: RecordedEvent): void {
    const planId = event.data.planId;
    let held = this.held.get(planId);
    if (!held) {
      held = { state: initialPlanState(), evolve: planFold() };
      this.held.set(planId, held);
    }
    held.state = held.evolve(held.state, event);
    if (held.state.status === 'none') return;
    this.folded.add(planId);

    const at = recorded.metadata.recordedAt;
    const revision = String(recorded.revision);
    if (event.type === 'PlanCreated') {
      if (this.kept.has(planId)) {
        throw new Error(
          `duplicate key value violates unique constraint "rm_plans_pkey": plan_id ${planId} already exists`,
        );
      }
      this.kept.set(planId, { revision, created_at: at, updated_at: at });
      this.created.add(planId);
      return;
    }
    // As `update ... where plan_id = ...` would: a plan without a row is left without one.
    const kept = this.kept.get(planId);
    if (!kept) return;
    kept.revision = revision;
    kept.updated_at = at;
    if (!this.created.has(planId)) this.changed.add(planId);
  }

  /**
   * Each plan folded since the last call goes on without its sections, goals and measures, as a
   * batch of `apply` starts a plan from its row (planStateOf): what the row holds is the same.
   */
  forgetElements(): void {
    for (const planId of this.folded) {
      const held = this.held.get(planId)!;
      if (held.state.status !== 'none') held.state = withoutElements(held.state);
    }
    this.folded.clear();
  }

  /** The batch's new rows as one multi-row insert, its changed ones as one multi-row upsert. */
  async write(trx: Transaction<ReadModelDatabase>): Promise<void> {
    const { inserts, upserts } = this.take();
    // PostgreSQL takes at most 65535 parameters per statement.
    const chunk = Math.floor(60_000 / COLUMNS.length);
    for (let i = 0; i < inserts.length; i += chunk) {
      await trx
        .insertInto('rm_plans')
        .values(inserts.slice(i, i + chunk))
        .execute();
    }
    await upsert(trx, upserts);
  }

  /**
   * The rows created and changed since the last `take`, as they are written (made now: later
   * events go on folding the plans in memory while these are written), and a fresh start.
   */
  take(): { inserts: NewPlanRow[]; upserts: NewPlanRow[] } {
    const rowOf = (planId: string): NewPlanRow => {
      const row = planRowOf(this.held.get(planId)!.state as ExistingPlan, this.kept.get(planId)!);
      return { ...row, bodies: JSON.stringify(row.bodies) };
    };
    const taken = { inserts: [...this.created].map(rowOf), upserts: [...this.changed].map(rowOf) };
    this.created.clear();
    this.changed.clear();
    return taken;
  }
}

/** Rows written before, written again with what they hold now. */
async function upsert(trx: Transaction<ReadModelDatabase>, rows: readonly NewPlanRow[]): Promise<void> {
  const chunk = Math.floor(60_000 / COLUMNS.length);
  for (let i = 0; i < rows.length; i += chunk) {
    await trx
      .insertInto('rm_plans')
      .values(rows.slice(i, i + chunk))
      .onConflict((oc) =>
        oc
          .column('plan_id')
          .doUpdateSet((eb) =>
            Object.fromEntries(
              COLUMNS.filter((c) => c !== 'plan_id').map((c) => [c, eb.ref(`excluded.${c}`)]),
            ),
          ),
      )
      .execute();
  }
}

function planRowOf(plan: ExistingPlan, kept: Kept): HeldRow {
  return {
    plan_id: plan.id,
    organisation_id: plan.organisationId,
    title: plan.title,
    period_from: plan.period.from,
    period_to: plan.period.to,
    edition: plan.edition ?? null,
    status: plan.status,
    bodies: [...plan.bodies.values()],
    ...kept,
    predecessor_plan_id: plan.predecessorPlanId ?? null,
    parent_plan_id: plan.parentPlanId ?? null,
    adopted_revision: plan.adoptedRevision,
    changed_since_adoption: plan.changedSinceAdoption,
  };
}

/** A plan without its sections, goals and measures (and the addresses given to them). */
const withoutElements = (plan: ExistingPlan): ExistingPlan => ({
  ...plan,
  sections: new Map(),
  goals: new Map(),
  measures: new Map(),
  given: noAddressesGiven(),
});

/**
 * A plan as the domain holds it, from its row: no sections, goals or measures (the row is about
 * none of them, and evolving a plan without them leaves every field the row holds as it would be).
 */
const planStateOf = (row: HeldRow): ExistingPlan => ({
  status: row.status,
  id: row.plan_id,
  organisationId: row.organisation_id,
  title: row.title,
  period: { from: row.period_from, to: row.period_to },
  edition: row.edition ?? undefined,
  predecessorPlanId: row.predecessor_plan_id ?? undefined,
  parentPlanId: row.parent_plan_id ?? undefined,
  bodies: new Map(row.bodies.map((b) => [b.code, b])),
  adoptedRevision: row.adopted_revision,
  changedSinceAdoption: row.changed_since_adoption,
  sections: new Map(),
  goals: new Map(),
  measures: new Map(),
  given: noAddressesGiven(),
});
