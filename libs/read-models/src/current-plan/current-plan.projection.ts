import type { CopyValue } from '@app/database';
import {
  initialPlanState,
  noAddressesGiven,
  planFold,
  type Body,
  type ExistingPlan,
  type GoalState,
  type MeasureState,
  type PlanEvent,
  type PlanState,
  type SectionState,
  type Target,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { sql, type Transaction } from 'kysely';
import { planEventsOf } from '../plan-events.js';
import type { Projection, RebuildSession, RebuildTarget } from '../projection.js';
import type { ReadModelDatabase } from '../read-model-database.js';
import type { PlanGoalRow } from './plan-goals.table.js';
import type { PlanMeasureRow } from './plan-measures.table.js';
import type { PlanSectionRow } from './plan-sections.table.js';
import type { PlanRow } from './plans.table.js';

/** Events a rebuild folds in memory before it writes the changed rows (and moves the checkpoint). */
const REBUILD_WRITE_EVERY = 250_000;

/**
 * The current state of every plan in tables (rm_plans, rm_plan_sections, rm_plan_goals,
 * rm_plan_measures), for lists, dashboards and summaries across plans.
 *
 * The domain's fold is the only interpreter of plan events here: each event evolves the plan
 * as the domain holds it (evolvePlan, via planFold), and the rows are what the folded plan says
 * (so "changed since adoption" is the domain's own `changedSinceAdoption`).
 *
 * A batch is applied in memory and written at the end: the rows its events touch are read in
 * one query per table, the events change them in order, and new rows go in as multi-row
 * inserts and changed rows as multi-row upserts. The rows come out as the event-by-event
 * updates would leave them (an update of a row that does not exist changes nothing; a
 * duplicate id is a unique violation), in a handful of round trips instead of two or three
 * per event.
 *
 * A rebuild from position 0 keeps every row in memory from the empty tables on (so it never
 * reads them back) and writes every `REBUILD_WRITE_EVERY` events only the rows created or
 * changed since its last write: new ones by COPY, the others as upserts. A measure whose
 * status changes every quarter is written a few times in a rebuild instead of once a batch.
 */
export const currentPlanProjection: Projection = {
  name: 'current-plan',
  tables: ['rm_plan_measures', 'rm_plan_goals', 'rm_plan_sections', 'rm_plans'],
  async apply(trx, events) {
    const planEvents = planEventsOf(events);
    if (planEvents.length === 0) return;
    const rows = await CurrentPlanRows.load(
      trx,
      planEvents.map((e) => e.event),
    );
    for (const { event, recorded } of planEvents) rows.apply(event, recorded);
    await rows.write(trx);
  },
  startRebuild(): RebuildSession {
    // Empty tables at the start: every row there is is in memory.
    const rows = new CurrentPlanRows();
    return {
      writeEvery: REBUILD_WRITE_EVERY,
      add(events) {
        for (const { event, recorded } of planEventsOf(events)) rows.apply(event, recorded);
      },
      take() {
        const taken = rows.tables.map((table) => table.take());
        return async (target) => {
          for (const write of taken) await write(target);
        };
      },
    };
  },
};

/** The rows of the four tables as a batch holds them: JSON columns parsed. */
interface HeldRows {
  rm_plans: Omit<PlanRow, 'bodies'> & { bodies: Body[] };
  rm_plan_sections: PlanSectionRow;
  rm_plan_goals: Omit<PlanGoalRow, 'target'> & { target: Target | null };
  rm_plan_measures: Omit<PlanMeasureRow, 'responsible'> & { responsible: string[] };
}
type HeldTable = keyof HeldRows;
type Column<T extends HeldTable> = keyof HeldRows[T] & string;

/**
 * One table's rows as a batch sees them: loaded, created and changed. Its statements are the
 * ones kysely would build for any of the four tables (names quoted, values as parameters),
 * written with `sql` because the table is a type parameter here.
 */
class TableRows<T extends HeldTable> {
  private readonly rows = new Map<string, HeldRows[T]>();
  private readonly created = new Set<string>();
  private readonly changed = new Set<string>();

  constructor(
    readonly table: T,
    readonly key: Column<T>,
    /** Every column this projection writes; JSON columns are kept parsed and written as JSON text. */
    readonly columns: readonly Column<T>[],
    readonly jsonColumns: readonly Column<T>[] = [],
  ) {}

  async load(trx: Transaction<ReadModelDatabase>, ids: Iterable<string>): Promise<void> {
    const wanted = [...new Set(ids)];
    for (let i = 0; i < wanted.length; i += 10_000) {
      const { rows: found } = await sql<HeldRows[T]>`select ${sql.join(this.columns.map((c) => sql.ref(c)))}
        from ${sql.table(this.table)}
        where ${sql.ref(this.key)} in (${sql.join(wanted.slice(i, i + 10_000))})`.execute(trx);
      for (const row of found) {
        for (const column of this.jsonColumns) {
          const value: unknown = row[column];
          if (typeof value === 'string') Object.assign(row, { [column]: JSON.parse(value) as unknown });
        }
        this.rows.set(this.keyOf(row), row);
      }
    }
  }

  get(id: string): HeldRows[T] | undefined {
    return this.rows.get(id);
  }

  all(): IterableIterator<HeldRows[T]> {
    return this.rows.values();
  }

  insert(row: HeldRows[T]): void {
    const id = this.keyOf(row);
    if (this.rows.has(id)) {
      throw new Error(
        `duplicate key value violates unique constraint "${this.table}_pkey": ${this.key} ${id} already exists`,
      );
    }
    this.rows.set(id, row);
    this.created.add(id);
  }

  /** Changes a row if it exists (as `update ... where key = id` would). */
  update(id: string, change: Partial<HeldRows[T]>): void {
    const row = this.rows.get(id);
    if (!row) return;
    Object.assign(row, change);
    if (!this.created.has(id)) this.changed.add(id);
  }

  async write(trx: Transaction<ReadModelDatabase>): Promise<void> {
    // PostgreSQL takes at most 65535 parameters per statement.
    const chunk = Math.floor(60_000 / this.columns.length);
    const inserts = [...this.created].map((id) => this.encode(this.rows.get(id)!));
    for (let i = 0; i < inserts.length; i += chunk) {
      await this.insertStatement(inserts.slice(i, i + chunk)).execute(trx);
    }
    const updates = [...this.changed].map((id) => this.encode(this.rows.get(id)!));
    const set = this.columns.filter((c) => c !== this.key);
    for (let i = 0; i < updates.length; i += chunk) {
      await sql`${this.insertStatement(updates.slice(i, i + chunk))}
        on conflict (${sql.ref(this.key)})
        do update set ${sql.join(set.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))}`.execute(
        trx,
      );
    }
  }

  /**
   * For a rebuild: the rows created and changed since the last `take`, encoded now (later
   * events may change the rows in memory while these are written); new rows are inserted,
   * the others (written before) upserted.
   */
  take(): (target: RebuildTarget) => Promise<void> {
    const inserts: CopyValue[][] = [];
    for (const id of this.created) inserts.push(this.encode(this.rows.get(id)!));
    const upserts = new TableRows(this.table, this.key, this.columns, this.jsonColumns);
    for (const id of this.changed) {
      const row = this.rows.get(id)!;
      upserts.rows.set(id, JSON.parse(JSON.stringify(row)) as HeldRows[T]);
      upserts.changed.add(id);
    }
    this.created.clear();
    this.changed.clear();
    return async ({ trx, insertRows }) => {
      await insertRows(this.table, this.columns, inserts);
      await upserts.write(trx);
    };
  }

  private keyOf(row: HeldRows[T]): string {
    return row[this.key] as string;
  }

  /** A row's values in `columns` order: JSON columns as JSON text, nothing undefined. */
  private encode(row: HeldRows[T]): CopyValue[] {
    return this.columns.map((column) => {
      const value: unknown = row[column];
      if (value === null || value === undefined) return null;
      if (this.jsonColumns.includes(column)) return JSON.stringify(value);
      return value as CopyValue;
    });
  }

  private insertStatement(rows: readonly CopyValue[][]) {
    return sql`insert into ${sql.table(this.table)} (${sql.join(this.columns.map((c) => sql.ref(c)))})
      values ${sql.join(rows.map((row) => sql`(${sql.join(row)})`))}`;
  }
}

/** The element an event is about, by the id it names: a measure, else a goal, else a section. */
function elementOf(event: PlanEvent): { kind: 'measures' | 'goals' | 'sections'; id: string } | undefined {
  const d = event.data as Partial<Record<'measureId' | 'goalId' | 'sectionId', unknown>>;
  if (typeof d.measureId === 'string') return { kind: 'measures', id: d.measureId };
  if (typeof d.goalId === 'string') return { kind: 'goals', id: d.goalId };
  if (typeof d.sectionId === 'string') return { kind: 'sections', id: d.sectionId };
  return undefined;
}

/**
 * A table's columns in the order they are written, given as a record so that the compiler names
 * a column that is left out (a column added to the table's type is written, or it does not compile).
 */
function columnsOf<T extends HeldTable>(columns: Readonly<Record<Column<T>, true>>): Column<T>[] {
  return Object.keys(columns) as Column<T>[];
}

/** A plan as the projection holds it: the domain's state, and the fold (planFold) that evolves it. */
interface HeldPlan {
  state: PlanState;
  readonly evolve: (state: PlanState, event: PlanEvent) => PlanState;
}

/**
 * The four tables of the projection for one batch (or, in a rebuild, all of them), and the
 * plans they hold as the domain's fold holds them. Every event goes through the domain's own
 * evolve; the rows are what the folded plan says (rowsOf*), plus what the domain does not keep
 * (when and by whom a status was reported, the plan stream's revision and times).
 */
class CurrentPlanRows {
  readonly plans = new TableRows(
    'rm_plans',
    'plan_id',
    columnsOf<'rm_plans'>({
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
    }),
    ['bodies'],
  );
  readonly sections = new TableRows(
    'rm_plan_sections',
    'section_id',
    columnsOf<'rm_plan_sections'>({
      section_id: true,
      plan_id: true,
      parent_section_id: true,
      number: true,
      title: true,
      intro: true,
    }),
  );
  readonly goals = new TableRows(
    'rm_plan_goals',
    'goal_id',
    columnsOf<'rm_plan_goals'>({
      goal_id: true,
      plan_id: true,
      section_id: true,
      parent_goal_id: true,
      text: true,
      target: true,
      struck: true,
    }),
    ['target'],
  );
  readonly measures = new TableRows(
    'rm_plan_measures',
    'measure_id',
    columnsOf<'rm_plan_measures'>({
      measure_id: true,
      plan_id: true,
      section_id: true,
      label: true,
      text: true,
      timing: true,
      responsible: true,
      responsible_note: true,
      status: true,
      status_note: true,
      status_changed_at: true,
      status_changed_by: true,
      struck: true,
      status_period: true,
    }),
    ['responsible'],
  );
  private readonly held = new Map<string, HeldPlan>();

  /**
   * The rows the events will touch, read in one query per table, and each plan's state made
   * from them: the plan with just those sections, goals and measures. What no row keeps (the
   * lines an element stood on, goal numbers and letters given, earlier places, named parties)
   * starts empty there; the domain derives nothing a row holds from it.
   */
  static async load(
    trx: Transaction<ReadModelDatabase>,
    events: readonly PlanEvent[],
  ): Promise<CurrentPlanRows> {
    const rows = new CurrentPlanRows();
    const ids = {
      plans: new Set<string>(),
      sections: new Set<string>(),
      goals: new Set<string>(),
      measures: new Set<string>(),
    };
    for (const event of events) {
      ids.plans.add(event.data.planId);
      const element = elementOf(event);
      if (element) ids[element.kind].add(element.id);
    }
    await rows.plans.load(trx, ids.plans);
    if (ids.sections.size > 0) await rows.sections.load(trx, ids.sections);
    if (ids.goals.size > 0) await rows.goals.load(trx, ids.goals);
    if (ids.measures.size > 0) await rows.measures.load(trx, ids.measures);
    rows.holdLoadedPlans();
    return rows;
  }

  get tables(): ReadonlyArray<Pick<TableRows<HeldTable>, 'take'>> {
    return [this.plans, this.sections, this.goals, this.measures];
  }

  async write(trx: Transaction<ReadModelDatabase>): Promise<void> {
    await this.plans.write(trx);
    await this.sections.write(trx);
    await this.goals.write(trx);
    await this.measures.write(trx);
  }

  apply(event: PlanEvent, recorded: RecordedEvent): void {
    const planId = event.data.planId;
    const held = this.held.get(planId) ?? { state: initialPlanState(), evolve: planFold() };
    this.held.set(planId, held);
    const element = elementOf(event);
    const before =
      element && held.state.status !== 'none' ? held.state[element.kind].get(element.id) : undefined;
    held.state = held.evolve(held.state, event);
    const plan = held.state;
    if (plan.status === 'none') return;

    const at = recorded.metadata.recordedAt;
    const revision = String(recorded.revision);
    if (event.type === 'PlanCreated') {
      this.plans.insert(planRowOf(plan, { revision, created_at: at, updated_at: at }));
    } else {
      const row = this.plans.get(planId);
      if (row)
        this.plans.update(planId, planRowOf(plan, { revision, created_at: row.created_at, updated_at: at }));
    }
    if (!element) return;
    const after = plan[element.kind].get(element.id);
    if (after === undefined || after === before) return;
    const created = before === undefined;
    switch (element.kind) {
      case 'sections':
        this.put(this.sections, created, sectionRowOf(planId, after as SectionState));
        return;
      case 'goals':
        this.put(this.goals, created, goalRowOf(planId, after as GoalState));
        return;
      case 'measures': {
        const kept = this.measures.get(element.id);
        this.put(
          this.measures,
          created,
          measureRowOf(planId, after as MeasureState, followUpOf(event, recorded, kept)),
        );
        return;
      }
    }
  }

  private put<T extends HeldTable>(table: TableRows<T>, created: boolean, row: HeldRows[T]): void {
    if (created) table.insert(row);
    else table.update(row[table.key] as string, row);
  }

  /** Each loaded plan as the domain's state, with the loaded sections, goals and measures. */
  private holdLoadedPlans(): void {
    const byPlan = <T extends { plan_id: string }>(rows: Iterable<T>) => {
      const grouped = new Map<string, T[]>();
      for (const row of rows) grouped.set(row.plan_id, [...(grouped.get(row.plan_id) ?? []), row]);
      return (planId: string) => grouped.get(planId) ?? [];
    };
    const sections = byPlan(this.sections.all());
    const goals = byPlan(this.goals.all());
    const measures = byPlan(this.measures.all());
    for (const row of this.plans.all()) {
      const state: ExistingPlan = {
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
        sections: new Map(sections(row.plan_id).map((s) => [s.section_id, sectionStateOf(s)])),
        goals: new Map(goals(row.plan_id).map((g) => [g.goal_id, goalStateOf(g)])),
        measures: new Map(measures(row.plan_id).map((m) => [m.measure_id, measureStateOf(m)])),
        given: noAddressesGiven(),
      };
      this.held.set(row.plan_id, { state, evolve: planFold() });
    }
  }
}

type Held<T extends HeldTable> = HeldRows[T];
type MeasureFollowUp = Pick<
  Held<'rm_plan_measures'>,
  'responsible_note' | 'status_note' | 'status_period' | 'status_changed_at' | 'status_changed_by'
>;

function planRowOf(
  plan: ExistingPlan,
  kept: Pick<Held<'rm_plans'>, 'revision' | 'created_at' | 'updated_at'>,
): Held<'rm_plans'> {
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

function sectionRowOf(planId: string, s: SectionState): Held<'rm_plan_sections'> {
  return {
    section_id: s.id,
    plan_id: planId,
    parent_section_id: s.parentSectionId ?? null,
    number: s.number,
    title: s.title,
    intro: s.intro ?? null,
  };
}

function goalRowOf(planId: string, g: GoalState): Held<'rm_plan_goals'> {
  return {
    goal_id: g.id,
    plan_id: planId,
    section_id: g.sectionId,
    parent_goal_id: g.parentGoalId ?? null,
    text: g.text,
    target: g.target ?? null,
    struck: g.struck,
  };
}

function measureRowOf(planId: string, m: MeasureState, followUp: MeasureFollowUp): Held<'rm_plan_measures'> {
  return {
    measure_id: m.id,
    plan_id: planId,
    section_id: m.sectionId,
    label: m.label,
    text: m.text,
    timing: m.timing,
    responsible: [...m.responsible],
    responsible_note: followUp.responsible_note,
    status: m.status,
    status_note: followUp.status_note,
    status_changed_at: followUp.status_changed_at,
    status_changed_by: followUp.status_changed_by,
    struck: m.struck,
    status_period: followUp.status_period,
  };
}

/**
 * What a measure's row keeps that the domain does not: the note on who is responsible as the
 * plan wrote it, and the last status report's note, period, date and reporter.
 */
function followUpOf(
  event: PlanEvent,
  recorded: RecordedEvent,
  kept: MeasureFollowUp | undefined,
): MeasureFollowUp {
  const followUp: MeasureFollowUp = {
    responsible_note: kept?.responsible_note ?? null,
    status_note: kept?.status_note ?? null,
    status_period: kept?.status_period ?? null,
    status_changed_at: kept?.status_changed_at ?? null,
    status_changed_by: kept?.status_changed_by ?? null,
  };
  if (event.type === 'MeasureAdded')
    return { ...followUp, responsible_note: event.data.responsibleNote ?? null };
  if (event.type === 'MeasureStatusChanged') {
    return {
      ...followUp,
      status_note: event.data.note ?? null,
      status_period: event.data.period ?? null,
      status_changed_at: recorded.metadata.effectiveAt,
      status_changed_by: recorded.metadata.actor,
    };
  }
  return followUp;
}

const sectionStateOf = (row: Held<'rm_plan_sections'>): SectionState => ({
  id: row.section_id,
  number: row.number,
  title: row.title,
  parentSectionId: row.parent_section_id ?? undefined,
  intro: row.intro ?? undefined,
  lines: undefined,
});

const goalStateOf = (row: Held<'rm_plan_goals'>): GoalState => ({
  id: row.goal_id,
  sectionId: row.section_id,
  parentGoalId: row.parent_goal_id ?? undefined,
  number: 0,
  text: row.text,
  target: row.target ?? undefined,
  struck: row.struck,
  lines: undefined,
});

const measureStateOf = (row: Held<'rm_plan_measures'>): MeasureState => ({
  id: row.measure_id,
  sectionId: row.section_id,
  label: row.label,
  earlierPlaces: [],
  text: row.text,
  timing: row.timing,
  responsible: row.responsible,
  parties: [],
  status: row.status,
  struck: row.struck,
  lines: undefined,
});
