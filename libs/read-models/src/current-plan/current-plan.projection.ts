import type { CopyValue } from '@app/database';
import type { Body, PlanEvent, Target } from '@app/domain';
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

/** The four tables of the projection for one batch (or, in a rebuild, all of them). */
class CurrentPlanRows {
  readonly plans = new TableRows(
    'rm_plans',
    'plan_id',
    [
      'plan_id',
      'organisation_id',
      'title',
      'period_from',
      'period_to',
      'edition',
      'status',
      'bodies',
      'revision',
      'created_at',
      'updated_at',
      'predecessor_plan_id',
      'parent_plan_id',
      'adopted_revision',
      'changed_since_adoption',
    ],
    ['bodies'],
  );
  readonly sections = new TableRows('rm_plan_sections', 'section_id', [
    'section_id',
    'plan_id',
    'parent_section_id',
    'number',
    'title',
    'intro',
  ]);
  readonly goals = new TableRows(
    'rm_plan_goals',
    'goal_id',
    ['goal_id', 'plan_id', 'section_id', 'parent_goal_id', 'text', 'target', 'struck'],
    ['target'],
  );
  readonly measures = new TableRows(
    'rm_plan_measures',
    'measure_id',
    [
      'measure_id',
      'plan_id',
      'section_id',
      'label',
      'text',
      'timing',
      'responsible',
      'responsible_note',
      'status',
      'status_note',
      'status_changed_at',
      'status_changed_by',
      'struck',
      'status_period',
    ],
    ['responsible'],
  );

  /** The rows the events will touch, read in one query per table. */
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
      const d = event.data as Record<string, unknown>;
      if (event.type === 'SectionRetitled' || event.type === 'SectionIntroRevised')
        ids.sections.add(event.data.sectionId);
      else if (event.type.startsWith('Goal') && typeof d.goalId === 'string') ids.goals.add(d.goalId);
      else if (event.type.startsWith('Measure') && typeof d.measureId === 'string')
        ids.measures.add(d.measureId);
    }
    await rows.plans.load(trx, ids.plans);
    if (ids.sections.size > 0) await rows.sections.load(trx, ids.sections);
    if (ids.goals.size > 0) await rows.goals.load(trx, ids.goals);
    if (ids.measures.size > 0) await rows.measures.load(trx, ids.measures);
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
    const at = recorded.metadata.recordedAt;
    const planId = event.data.planId;
    const plan = (change: Partial<HeldRows['rm_plans']>) => this.plans.update(planId, change);
    const changed = () => plan({ changed_since_adoption: true });
    switch (event.type) {
      case 'PlanCreated': {
        const d = event.data;
        this.plans.insert({
          plan_id: d.planId,
          organisation_id: d.organisationId,
          title: d.title,
          period_from: d.period.from,
          period_to: d.period.to,
          edition: d.edition ?? null,
          status: 'draft',
          bodies: d.bodies,
          revision: String(recorded.revision),
          created_at: at,
          updated_at: at,
          predecessor_plan_id: d.predecessorPlanId ?? null,
          parent_plan_id: d.parentPlanId ?? null,
          adopted_revision: 0,
          changed_since_adoption: false,
        });
        return;
      }
      case 'PlanRetitled':
        plan({ title: event.data.to, changed_since_adoption: true });
        break;
      case 'PlanLinked': {
        const d = event.data;
        plan({
          ...(d.predecessorPlanId ? { predecessor_plan_id: d.predecessorPlanId } : {}),
          ...(d.parentPlanId ? { parent_plan_id: d.parentPlanId } : {}),
        });
        break;
      }
      case 'BodyDeclared': {
        const row = this.plans.get(planId);
        if (!row) throw new Error(`no result: plan ${planId} is not in rm_plans`);
        plan({ bodies: [...row.bodies, { code: event.data.code, name: event.data.name }] });
        break;
      }
      case 'PlanAdopted':
        plan({
          status: 'adopted',
          adopted_revision: event.data.revision,
          changed_since_adoption: false,
          ...(event.data.edition ? { edition: event.data.edition } : {}),
        });
        break;
      case 'PlanSuperseded':
        plan({ status: 'superseded' });
        break;
      case 'SectionAdded': {
        const d = event.data;
        this.sections.insert({
          section_id: d.sectionId,
          plan_id: planId,
          parent_section_id: d.parentSectionId ?? null,
          number: d.number,
          title: d.title,
          intro: d.intro ?? null,
        });
        changed();
        break;
      }
      case 'SectionRetitled':
        this.sections.update(event.data.sectionId, { title: event.data.to });
        changed();
        break;
      case 'SectionIntroRevised':
        this.sections.update(event.data.sectionId, { intro: event.data.to === '' ? null : event.data.to });
        changed();
        break;
      case 'GoalAdded': {
        const d = event.data;
        this.goals.insert({
          goal_id: d.goalId,
          plan_id: planId,
          section_id: d.sectionId,
          parent_goal_id: d.parentGoalId ?? null,
          text: d.text,
          target: d.target ?? null,
          struck: false,
        });
        changed();
        break;
      }
      case 'GoalReworded':
        this.goals.update(event.data.goalId, { text: event.data.to });
        changed();
        break;
      case 'GoalTargetSet':
        this.goals.update(event.data.goalId, { target: event.data.to });
        changed();
        break;
      case 'GoalStruck':
        this.goals.update(event.data.goalId, { struck: true });
        changed();
        break;
      case 'IndicatorMeasured':
      case 'ProgressNoted':
      case 'LineageConfirmed':
      case 'LineageRejected':
        break;
      case 'MeasureAdded': {
        const d = event.data;
        this.measures.insert({
          measure_id: d.measureId,
          plan_id: planId,
          section_id: d.sectionId,
          label: d.label,
          text: d.text,
          timing: d.timing,
          responsible: d.responsible,
          responsible_note: d.responsibleNote ?? null,
          status: 'not_started',
          status_note: null,
          status_changed_at: null,
          status_changed_by: null,
          struck: false,
          status_period: null,
        });
        changed();
        break;
      }
      case 'MeasureReworded':
        this.measures.update(event.data.measureId, { text: event.data.to });
        changed();
        break;
      case 'MeasureMoved':
        this.measures.update(event.data.measureId, {
          section_id: event.data.toSectionId,
          label: event.data.toLabel,
        });
        changed();
        break;
      case 'MeasureRetimed':
        this.measures.update(event.data.measureId, { timing: event.data.to });
        changed();
        break;
      case 'MeasureReassigned':
        this.measures.update(event.data.measureId, { responsible: event.data.to });
        changed();
        break;
      case 'MeasureStruck':
        this.measures.update(event.data.measureId, { struck: true });
        changed();
        break;
      case 'MeasureStatusChanged': {
        const d = event.data;
        this.measures.update(d.measureId, {
          status: d.to,
          status_note: d.note ?? null,
          status_period: d.period ?? null,
          status_changed_at: recorded.metadata.effectiveAt,
          status_changed_by: recorded.metadata.actor,
        });
        break;
      }
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
    plan({ revision: String(recorded.revision), updated_at: at });
  }
}
