import { Controller, Get, Header, Param, Query, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  flattenMeasures,
  planDiffRequestProblem,
  PlanMomentNotFound,
  summariseFollowUp,
  type MeasureView,
  type PlanDiff,
  type PlanView,
} from '@app/read-models';
import type { Request, Response } from 'express';
import {
  EARLIEST_DATE,
  formatDate,
  isIsoDate,
  isMeasureStatus,
  LATEST_DATE,
  SLUG,
  todayIso,
  UUID,
} from './format.js';
import { html } from './html.js';
import { LineagePage } from './lineage-page.js';
import { elementNames, PageData } from './page-data.js';
import {
  PageErrorFilter,
  PageProblem,
  queryString,
  ServerTimingInterceptor,
  visitorOf,
} from './page-http.js';
import { changesPage, type ChangesRequest } from './views/changes.js';
import { emptyState } from './views/components.js';
import { newestFirst } from './views/history.js';
import { indicatorsPage } from './views/indicators.js';
import { layout } from './views/layout.js';
import { noRevisionsText, overviewPage } from './views/overview.js';
import { measurePage, planPage, type PlanMoment } from './views/plan.js';
import { responsibilityPage, type ResponsibilityFilter } from './views/responsibility.js';

const HTML = 'text/html; charset=utf-8';
type QueryParams = Record<string, unknown>;

function slug(value: string, what: string): string {
  if (!SLUG.test(value) || value.length > 100)
    throw new PageProblem(404, `Fant ingen ${what} med id «${value}».`);
  return value;
}

function revisionParam(query: QueryParams, key: string): number | undefined {
  const value = queryString(query, key);
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,5}$/.test(value))
    throw new PageProblem(400, `Revisjonen må være et helt tall fra 1, ikke «${value}».`);
  return Number(value);
}

function dateParam(query: QueryParams, key: string): string | undefined {
  const value = queryString(query, key);
  if (value === undefined) return undefined;
  if (!isIsoDate(value))
    throw new PageProblem(
      400,
      `«${value}» er ikke en gyldig dato (ÅÅÅÅ-MM-DD, fra ${EARLIEST_DATE} til ${LATEST_DATE}).`,
    );
  return value;
}

/**
 * The board's pages (Norwegian bokmål), server-rendered from the read models. Follow-up
 * actions are in PageActionsController, so access control can be put on them alone.
 */
@ApiExcludeController()
@Controller()
@UseInterceptors(ServerTimingInterceptor)
@UseFilters(PageErrorFilter)
export class PagesController {
  constructor(
    private readonly data: PageData,
    private readonly lineagePage: LineagePage,
  ) {}

  @Get()
  async root(@Req() req: Request, @Res() res: Response): Promise<void> {
    const orgId = await this.data.landingOrganisation(await this.data.reader(req.principal?.grants));
    if (orgId) {
      res.redirect(302, `/org/${orgId}`);
      return;
    }
    const organisations = await this.data.listOrganisations();
    res
      .status(200)
      .type(HTML)
      .send(
        layout({
          title: 'Planverk',
          organisations,
          visitor: visitorOf(req),
          body: html`<h1>Planverk</h1>
            ${emptyState('Ingen organisasjon har planer ennå. Importer en plan for å komme i gang (se /docs).')}`,
        }).value,
      );
  }

  @Get('org/:orgId')
  @Header('Content-Type', HTML)
  async organisation(@Param('orgId') orgIdParam: string, @Req() req: Request): Promise<string> {
    const reader = await this.data.reader(req.principal?.grants);
    const ctx = await this.data.organisation(slug(orgIdParam, 'organisasjon'), reader);
    const plan = ctx.current ? await this.data.plan(ctx.current.id) : undefined;
    const [history, indicators, reports, planTitles] = plan
      ? await Promise.all([
          this.data.planHistory(plan.id),
          this.data.indicators(plan, reader, todayIso()),
          this.data.reports(plan, reader, todayIso()),
          this.data.planTitles(reader),
        ])
      : [[], [], undefined, new Map<string, string>()];
    return overviewPage({
      ctx,
      plan,
      summary: plan ? summariseFollowUp(plan, todayIso()) : undefined,
      latest: newestFirst(history).slice(0, 8),
      // The plan's elements by address, and linked plans by title ("koblet til forrige plan «...»").
      names: plan ? new Map([...planTitles, ...elementNames(plan)]) : new Map(),
      indicators,
      reports,
      visitor: visitorOf(req),
    }).value;
  }

  @Get('org/:orgId/ansvar')
  @Header('Content-Type', HTML)
  async responsibility(
    @Param('orgId') orgIdParam: string,
    @Query() query: QueryParams,
    @Req() req: Request,
  ): Promise<string> {
    const reader = await this.data.reader(req.principal?.grants);
    const ctx = await this.data.organisation(slug(orgIdParam, 'organisasjon'), reader);
    const planId = queryString(query, 'plan');
    const chosen = planId ? ctx.plans.find((p) => p.id === planId) : ctx.current;
    if (planId && !chosen) throw new PageProblem(404, `Organisasjonen har ingen plan med id «${planId}».`);
    const status = queryString(query, 'status');
    if (status !== undefined && !isMeasureStatus(status))
      throw new PageProblem(400, `Ukjent status «${status}».`);
    const due = queryString(query, 'due');
    if (due !== undefined && !/^(\d{4}|forfalt|uten)$/.test(due))
      throw new PageProblem(400, `Ukjent frist «${due}»: bruk et årstall, «forfalt» eller «uten».`);
    const filter: ResponsibilityFilter = {
      ...(chosen ? { plan: chosen.id } : {}),
      ...(queryString(query, 'body') ? { body: queryString(query, 'body')! } : {}),
      ...(queryString(query, 'section') ? { section: queryString(query, 'section')! } : {}),
      ...(status ? { status } : {}),
      ...(due ? { due } : {}),
    };
    const plan = chosen ? await this.data.plan(chosen.id) : undefined;
    return responsibilityPage(ctx, plan, filter, visitorOf(req)).value;
  }

  @Get('plan/:id')
  @Header('Content-Type', HTML)
  async plan(
    @Param('id') planIdParam: string,
    @Query() query: QueryParams,
    @Req() req: Request,
  ): Promise<string> {
    const planId = slug(planIdParam, 'plan');
    const revision = revisionParam(query, 'revision');
    const asOf = dateParam(query, 'asOf');
    if (revision !== undefined && asOf !== undefined)
      throw new PageProblem(400, 'Velg enten en revisjon eller en dato, ikke begge.');
    const moment: PlanMoment = { ...(revision !== undefined ? { revision } : {}), ...(asOf ? { asOf } : {}) };
    const [latest, organisations, reader] = await Promise.all([
      this.data.plan(planId),
      this.data.listOrganisations(),
      this.data.reader(req.principal?.grants),
    ]);
    const plan = revision !== undefined || asOf ? await this.planAtMoment(latest, moment) : latest;
    return planPage({
      plan,
      latest,
      moment,
      summary: summariseFollowUp(plan, asOf ?? todayIso()),
      organisations,
      reports: await this.data.reports(latest, reader, todayIso()),
      planTitles: await this.data.planTitles(reader),
      visitor: visitorOf(req),
    }).value;
  }

  /** The plan at a revision or a date; a date before its first recorded text says from when there is one. */
  private async planAtMoment(latest: PlanView, moment: PlanMoment): Promise<PlanView> {
    try {
      return await this.data.plan(latest.id, moment);
    } catch (error) {
      if (!(error instanceof PlanMomentNotFound) || moment.asOf === undefined) throw error;
      const first = (await this.data.planHistory(latest.id)).map((r) => r.effectiveAt).sort()[0];
      throw new PageProblem(
        404,
        `Planverk har ikke «${latest.title}» slik den sto ${formatDate(moment.asOf)}: den eldste teksten som er registrert, gjelder fra ${formatDate(first)}.`,
      );
    }
  }

  @Get('plan/:id/tiltak/:measureId')
  @Header('Content-Type', HTML)
  async measure(
    @Param('id') planIdParam: string,
    @Param('measureId') measureId: string,
    @Req() req: Request,
  ): Promise<string> {
    const planId = slug(planIdParam, 'plan');
    if (!UUID.test(measureId)) throw new PageProblem(404, 'Fant ikke tiltaket.');
    const [plan, history, organisations] = await Promise.all([
      this.data.plan(planId),
      this.data.elementHistory(measureId),
      this.data.listOrganisations(),
    ]);
    const rows = history.filter((r) => r.planId === planId);
    if (rows.length === 0) throw new PageProblem(404, 'Fant ikke tiltaket i denne planen.');
    const measure = findMeasure(plan, measureId);
    // A struck measure keeps its address among the names (PlanView.struck).
    const names = elementNames(plan);
    return measurePage({
      plan,
      measure,
      measureId,
      history: rows,
      names,
      organisations,
      visitor: visitorOf(req),
    }).value;
  }

  @Get('plan/:id/endringer')
  @Header('Content-Type', HTML)
  async changes(
    @Param('id') planIdParam: string,
    @Query() query: QueryParams,
    @Req() req: Request,
  ): Promise<string> {
    const planId = slug(planIdParam, 'plan');
    const [plan, organisations] = await Promise.all([this.data.plan(planId), this.data.listOrganisations()]);
    let request: ChangesRequest = {
      ...(revisionParam(query, 'from') !== undefined ? { from: revisionParam(query, 'from')! } : {}),
      ...(revisionParam(query, 'to') !== undefined ? { to: revisionParam(query, 'to')! } : {}),
      ...(dateParam(query, 'fromAsOf') ? { fromAsOf: dateParam(query, 'fromAsOf')! } : {}),
      ...(dateParam(query, 'toAsOf') ? { toAsOf: dateParam(query, 'toAsOf')! } : {}),
    };
    // Without a choice: the latest adopted change, the last adoption against the one before it
    // (or, after a single adoption, what has changed since).
    const last = plan.adoptions.at(-1);
    const previous = plan.adoptions.at(-2);
    if (Object.keys(request).length === 0 && last)
      request = previous ? { from: previous.revision, to: last.revision } : { from: last.revision };
    let problem: string | undefined;
    let diff: PlanDiff | undefined;
    if (request.from !== undefined && request.fromAsOf !== undefined)
      problem = 'Velg enten en revisjon eller en dato å sammenligne fra, ikke begge.';
    else if (request.to !== undefined && request.toAsOf !== undefined)
      problem = 'Velg enten en revisjon eller en dato å sammenligne til, ikke begge.';
    else if (request.from === undefined && request.fromAsOf === undefined)
      problem =
        plan.adoptions.length === 0
          ? `${noRevisionsText(plan)} Velg en dato å sammenligne fra.`
          : 'Velg en revisjon eller en dato å sammenligne fra.';
    else if (planDiffRequestProblem(planId, request) === undefined) {
      for (const [key, revision] of [
        ['from', request.from],
        ['to', request.to],
      ] as const) {
        if (revision !== undefined && !plan.adoptions.some((a) => a.revision === revision))
          problem = `Planen har ingen vedtatt revisjon ${revision}${key === 'from' ? ' å sammenligne fra' : ''}.`;
      }
      if (!problem) diff = await this.data.planDiff(planId, request);
    }
    const meetings = await this.data.meetingNames(planId);
    return changesPage({ plan, request, diff, problem, organisations, meetings, visitor: visitorOf(req) })
      .value;
  }

  @Get('plan/:id/revisjon')
  @Header('Content-Type', HTML)
  async lineage(
    @Param('id') planIdParam: string,
    @Query() query: QueryParams,
    @Req() req: Request,
  ): Promise<string> {
    // After a decision made on the page (a redirect back here): say what was done.
    const done = queryString(query, 'bekreftet')
      ? 'bekreftet'
      : queryString(query, 'avvist')
        ? 'avvist'
        : undefined;
    // ?versjon=na: the plan now instead of the revision it was first adopted as.
    const version = queryString(query, 'versjon') === 'na' ? 'now' : revisionParam(query, 'versjon');
    return (
      await this.lineagePage.render(
        slug(planIdParam, 'plan'),
        req,
        done ? { kind: 'ok', text: `Koblingen er ${done}.` } : undefined,
        version ?? 'first-adopted',
      )
    ).value;
  }

  @Get('plan/:id/mal')
  @Header('Content-Type', HTML)
  async indicators(@Param('id') planIdParam: string, @Req() req: Request): Promise<string> {
    const plan = await this.data.plan(slug(planIdParam, 'plan'));
    const [series, organisations] = await Promise.all([
      this.data.indicators(plan, await this.data.reader(req.principal?.grants), todayIso()),
      this.data.listOrganisations(),
    ]);
    return indicatorsPage(plan, series, organisations, visitorOf(req)).value;
  }
}

export function findMeasure(plan: PlanView, measureId: string): MeasureView | undefined {
  return flattenMeasures(plan.sections).find((m) => m.id === measureId);
}
