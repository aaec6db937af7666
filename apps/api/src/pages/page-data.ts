import { Injectable } from '@nestjs/common';
import { isTargetExpired, type RoleGrant } from '@app/domain';
import { AccessCommandRunner } from '@app/plans';
import {
  flattenGoals,
  flattenMeasures,
  flattenSections,
  describeCauseNb,
  meetingNameNb,
  type HistoryRow,
  type OrganisationView,
  type PlanSummary,
  type PlanView,
  type SuccessorVersion,
  formatPeriodNb,
} from '@app/read-models';
import { MeetingQueries, PlanQueries } from '@app/runtime';
import { planReader, type PlanReader } from '../auth/visibility.interceptor.js';
import { PageProblem, planNotFoundPage } from './page-http.js';
import { describeTarget } from './views/history.js';

export interface OrganisationContext {
  readonly organisation: OrganisationView;
  readonly organisations: OrganisationView[];
  readonly plans: PlanSummary[];
  readonly current: PlanSummary | undefined;
  readonly earlier: PlanSummary[];
  /** The national plan the current plan follows up. */
  readonly parent: PlanSummary | undefined;
}

export interface IndicatorPoint {
  readonly at: string;
  readonly value: number;
  readonly note: string | null;
  readonly planId: string;
  /** The plan by its period ("2020–2023"), as a table names it. */
  readonly planPeriod: string;
}

export interface IndicatorTarget {
  readonly value: number;
  readonly by: string | null;
  readonly goal: string;
  readonly goalAddress: string;
  /** The meeting that added the goal, by name, where a meeting did. */
  readonly adoptedBy?: string;
  readonly planId: string;
  readonly planPeriod: string;
  readonly description: string;
  /** Its date has passed: shown as expired, never measured against. */
  readonly expired: boolean;
  /** A target of the plan the page is about that has not expired: what progress is measured against. */
  readonly current: boolean;
}

export interface IndicatorSeries {
  readonly metric: string;
  readonly points: IndicatorPoint[];
  readonly targets: IndicatorTarget[];
}

/** The printable reports and exports about a plan that its pages link to (PageData.reports). */
export interface PlanReports {
  readonly planId: string;
  /** The follow-up report's period: since the last adoption (or the period's start) until today. */
  readonly followUp: { readonly from: string; readonly to: string };
  /** The predecessor the audit report compares with, if any. */
  readonly predecessor: { readonly id: string; readonly title: string } | undefined;
  /** What a meeting or an adoption changed, each as a redline (a page and Word with tracked changes). */
  readonly redlines: ReadonlyArray<{ readonly label: string; readonly query: string }>;
}

/**
 * The read side the pages need, composed from PlanQueries. What lists plans takes a reader:
 * the internal plans the caller may not read are left out, as if they were not there.
 */
@Injectable()
export class PageData {
  constructor(
    private readonly queries: PlanQueries,
    private readonly access: AccessCommandRunner,
    private readonly meetings: MeetingQueries,
  ) {}

  /**
   * The reports a plan's pages link to: the follow-up report since the last adoption, the audit
   * report against the predecessor (when the caller may read it), and a redline of what each
   * meeting that treated the plan changed and of the latest adoption against the one before.
   */
  async reports(plan: PlanView, reader: PlanReader, today: string): Promise<PlanReports> {
    const last = plan.adoptions[plan.adoptions.length - 1];
    const from = last && last.date <= today ? last.date : `${plan.period.from}-01-01`;
    const predecessorId =
      plan.predecessorPlanId && reader(plan.predecessorPlanId) ? plan.predecessorPlanId : undefined;
    const predecessor = predecessorId
      ? await this.queries.findPlan(predecessorId).catch(() => undefined)
      : undefined;
    const meetings = (await this.meetings.list(plan.id)).filter(
      (m) => m.planVote !== null || m.byStatus.adopted,
    );
    const redlines = [
      ...meetings.map((m) => ({
        label: `Endringer vedtatt av ${meetingNameNb(m)}`,
        query: `meeting=${m.id}`,
      })),
      ...(plan.adoptions.length >= 2
        ? [
            {
              label: `Revisjon ${plan.adoptedRevision} mot revisjon ${plan.adoptedRevision - 1}`,
              query: `from=${plan.adoptedRevision - 1}&to=${plan.adoptedRevision}`,
            },
          ]
        : []),
    ];
    return {
      planId: plan.id,
      followUp: { from: from > today ? today : from, to: today },
      predecessor: predecessor ? { id: predecessor.id, title: predecessor.title } : undefined,
      redlines,
    };
  }

  /** Which plans the caller may read (no grants: signed out, published plans only). */
  reader(grants: readonly RoleGrant[] | undefined): Promise<PlanReader> {
    return planReader(this.access, grants ?? []);
  }

  /**
   * The meeting that added a goal, by name, where a meeting did ("Oslo SVs årsmøte 2026
   * (eksempel), endringsforslag 9"): a target the demo's invented meeting set says so.
   */
  private async meetingThatAdded(goalId: string, planId: string): Promise<string | undefined> {
    const added = (await this.elementHistory(goalId)).find(
      (r) => r.planId === planId && r.eventType === 'GoalAdded',
    );
    return added?.cause?.kind === 'meeting' ? added.causeName : undefined;
  }

  /** The titles of the plans the reader may read, by id (to name a linked plan, not show its id). */
  async planTitles(reader: PlanReader): Promise<Map<string, string>> {
    return new Map((await this.readablePlans(reader)).map((p) => [p.id, p.title]));
  }

  private async readablePlans(reader: PlanReader, organisationId?: string): Promise<PlanSummary[]> {
    return (await this.queries.listPlans(organisationId)).filter((p) => reader(p.id));
  }

  listOrganisations(): Promise<OrganisationView[]> {
    return this.queries.listOrganisations();
  }

  /** The county organisation with the most plans on record (then by name): the board's landing page. */
  async landingOrganisation(reader: PlanReader): Promise<string | undefined> {
    const [organisations, plans] = await Promise.all([
      this.queries.listOrganisations(),
      this.readablePlans(reader),
    ]);
    const count = (id: string) => plans.filter((p) => p.organisationId === id).length;
    const withPlans = organisations.filter((o) => count(o.id) > 0);
    const ranked = [...withPlans].sort(
      (a, b) =>
        Number(b.level === 'county') - Number(a.level === 'county') ||
        count(b.id) - count(a.id) ||
        a.name.localeCompare(b.name, 'nb'),
    );
    return ranked[0]?.id;
  }

  async organisation(orgId: string, reader: PlanReader): Promise<OrganisationContext> {
    const [organisations, plans, all] = await Promise.all([
      this.queries.listOrganisations(),
      this.readablePlans(reader, orgId),
      this.readablePlans(reader),
    ]);
    const organisation = organisations.find((o) => o.id === orgId);
    if (!organisation) throw new PageProblem(404, `Fant ingen organisasjon med id «${orgId}».`);
    const current = currentPlan(plans);
    const parentId = current?.parentPlanId;
    return {
      organisation,
      organisations,
      plans,
      current,
      earlier: plans.filter((p) => p !== current).sort((a, b) => b.period.from - a.period.from),
      parent: parentId ? all.find((p) => p.id === parentId) : undefined,
    };
  }

  async plan(planId: string, moment: { revision?: number; asOf?: string } = {}): Promise<PlanView> {
    const plan = await this.queries.findPlan(planId, moment);
    if (!plan) throw planNotFoundPage(planId);
    return plan;
  }

  /**
   * Every numeric indicator of the plan's organisation: measured values from all its plans
   * (members 2993 at 31.12.2019 from the 2020-2023 plan, 3394 at 31.12.2025 from 2024-2027)
   * and the targets its goals set, one series per metric.
   */
  async indicators(plan: PlanView, reader: PlanReader, today: string): Promise<IndicatorSeries[]> {
    const summaries = await this.readablePlans(reader, plan.organisationId);
    const others = await Promise.all(
      summaries.filter((p) => p.id !== plan.id).map((p) => this.queries.findPlan(p.id)),
    );
    const views = [...others.filter((v): v is PlanView => v !== undefined), plan].sort(
      (a, b) => a.period.from - b.period.from,
    );
    const series = new Map<string, { points: Map<string, IndicatorPoint>; targets: IndicatorTarget[] }>();
    const of = (metric: string) => {
      let entry = series.get(metric);
      if (!entry) series.set(metric, (entry = { points: new Map(), targets: [] }));
      return entry;
    };
    for (const view of views) {
      const goals = flattenGoals(view.sections);
      const measurements = [...view.measurements, ...goals.flatMap((g) => g.measurements)];
      for (const m of measurements) {
        // The later plan's figure wins when two plans report the same date.
        of(m.metric).points.set(m.at, {
          at: m.at,
          value: m.value,
          note: m.note ?? null,
          planId: view.id,
          planPeriod: periodOf(view),
        });
      }
      for (const g of goals) {
        if (!g.target) continue;
        const expired = isTargetExpired(g.target, today);
        const adoptedBy = await this.meetingThatAdded(g.id, view.id);
        of(g.target.metric).targets.push({
          ...(adoptedBy ? { adoptedBy } : {}),
          value: g.target.value,
          by: g.target.by ?? null,
          goal: g.text,
          goalAddress: g.address,
          planId: view.id,
          planPeriod: periodOf(view),
          description: describeTarget(g.target, today),
          expired,
          current: view.id === plan.id && !expired,
        });
      }
    }
    return [...series.entries()]
      .map(([metric, s]) => ({
        metric,
        points: [...s.points.values()].sort((a, b) => a.at.localeCompare(b.at)),
        targets: s.targets.sort((a, b) => (a.by ?? '').localeCompare(b.by ?? '')),
      }))
      .sort(
        (a, b) =>
          Number(b.targets.length > 0) - Number(a.targets.length > 0) ||
          b.points.length - a.points.length ||
          a.metric.localeCompare(b.metric),
      );
  }

  /**
   * The plan's meetings by id (every plan's without one), each by the name people know it by
   * ("Oslo SVs årsmøte 2026").
   */
  async meetingNames(planId?: string): Promise<Map<string, string>> {
    return new Map((await this.meetings.list(planId)).map((m) => [m.id, meetingNameNb(m)]));
  }

  /** How the plan continues its predecessor: suggested links, and people's decisions on them. */
  lineage(planId: string, version: SuccessorVersion = 'first-adopted') {
    return this.queries.lineage(planId, undefined, undefined, version);
  }

  /** Actors ("user:<id>", "system:demo") to the names pages show. */
  actorNames(actors: readonly string[]): Promise<Map<string, string>> {
    return this.queries.actorNames(actors);
  }

  /** The plan's history, each row with its actor's name. */
  async planHistory(planId: string): Promise<HistoryRow[]> {
    return this.named(await this.queries.planHistory(planId));
  }

  async elementHistory(elementId: string): Promise<Array<HistoryRow & { planId: string }>> {
    return this.named(await this.queries.elementHistory(elementId));
  }

  /** Rows with their actor by name and their cause in words, a meeting by its name, not its id. */
  private async named<Row extends HistoryRow>(rows: readonly Row[]): Promise<Row[]> {
    const names = await this.queries.actorNames(rows.map((r) => r.actor));
    const meetings = rows.some((r) => r.cause?.kind === 'meeting')
      ? await this.meetingNames()
      : new Map<string, string>();
    return rows.map((r) => ({
      ...r,
      actorName: names.get(r.actor) ?? r.actor,
      causeName: describeCauseNb(r.cause, meetings),
    }));
  }

  planDiff(planId: string, request: Parameters<PlanQueries['planDiff']>[1]) {
    return this.queries.planDiff(planId, request);
  }
}

/** The plan in force: the latest period that is not superseded (adopted before drafts), else the latest. */
export function currentPlan(plans: readonly PlanSummary[]): PlanSummary | undefined {
  const live = plans.filter((p) => p.status !== 'superseded');
  const pool = live.length > 0 ? live : [...plans];
  return [...pool].sort(
    (a, b) =>
      b.period.from - a.period.from ||
      Number(b.status === 'adopted') - Number(a.status === 'adopted') ||
      b.id.localeCompare(a.id),
  )[0];
}

/** Element ids to the names the history shows ("Tiltak 4.1.A", "Mål 3.1.g2", "Kapittel 4"). */
export function elementNames(plan: PlanView): Map<string, string> {
  const names = new Map<string, string>();
  for (const s of flattenSections(plan.sections)) names.set(s.id, `Kapittel ${s.number}`);
  for (const g of flattenGoals(plan.sections)) names.set(g.id, `Mål ${g.address}`);
  for (const m of flattenMeasures(plan.sections)) names.set(m.id, `Tiltak ${m.address}`);
  // Struck elements keep their addresses: "Tiltak 4.1.D strøket: Gjennomført" names the measure.
  for (const m of plan.struck.measures) names.set(m.id, `Tiltak ${m.address}`);
  for (const g of plan.struck.goals) names.set(g.id, `Mål ${g.address}`);
  return names;
}

const periodOf = (plan: Pick<PlanView, 'period'>): string => formatPeriodNb(plan.period);
