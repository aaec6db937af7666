import {
  Controller,
  Get,
  Header,
  Logger,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@app/domain';
import { ExpectedRevisionConflict } from '@app/event-store';
import { ChangePlanCommand, type CommandEnvelope, type CommandOutcome, type PlanChange } from '@app/plans';
import { ReadYourWrites, summariseFollowUp, type PlanView } from '@app/read-models';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { logCommandId } from '../auth/logging.js';
import { isClientCommandId } from '../http/command-envelope.js';
import {
  BODY_CODE,
  formatDate,
  isIsoDate,
  isMeasureStatus,
  SLUG,
  statusLabel,
  todayIso,
  UUID,
} from './format.js';
import { html, type Html } from './html.js';
import { elementNames, PageData } from './page-data.js';
import {
  actorOf,
  csrfToken,
  FORM_SENT_BEFORE,
  PageErrorFilter,
  PageProblem,
  queryString,
  readForm,
  readFormFields,
  ServerTimingInterceptor,
  visitorOf,
} from './page-http.js';
import { findMeasure } from './pages.controller.js';
import {
  FOLLOW_UP_ROUTE,
  followUpPermissions,
  mayFollowUp,
  RESPONSIBLE_ACTION,
  STATUS_ACTION,
  type FollowUpPermissions,
} from './permissions.js';
import { followUpForms, measureCard, statusSummary, type FollowUpFormValues } from './views/components.js';
import { historyList } from './views/history.js';
import { followUpHint } from './views/plan.js';

type View = 'plan' | 'measure';

/**
 * Follow-up from the pages: change a measure's status with a note, reassign responsibility.
 * Each action dispatches the same ChangePlanCommand as the JSON api, waits until the read
 * models have applied it, and answers htmx with the updated measure card (and, out of band,
 * the status counts or the history), or a plain form post with a redirect back.
 *
 * Access control belongs on this controller as a whole: a guard requiring the secretary
 * role (`@UseGuards(...)` here), and the actor taken from the signed-in user in `actorOf`.
 */
@ApiExcludeController()
@Controller(FOLLOW_UP_ROUTE)
@UseInterceptors(ServerTimingInterceptor)
@UseFilters(PageErrorFilter)
export class PageActionsController {
  private readonly logger = new Logger('PageActions');

  constructor(
    private readonly commandBus: CommandBus,
    private readonly reads: ReadYourWrites,
    private readonly data: PageData,
  ) {}

  /** The follow-up forms, loaded into a measure's "Følg opp" panel on the plan page. */
  @Get('oppfolging')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async forms(
    @Param('id') planId: string,
    @Param('measureId') measureId: string,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
  ): Promise<string> {
    const { plan, measure } = await this.load(planId, measureId);
    const view: View = queryString(query, 'view') === 'measure' ? 'measure' : 'plan';
    const permissions = followUpPermissions(req.principal, plan.organisationId);
    if (!mayFollowUp(permissions)) return followUpHint(visitorOf(req), permissions).toString();
    const forms = followUpForms(measure, {
      planId,
      bodies: plan.bodies,
      headingLevel: 3,
      view,
      permissions,
      csrf: csrfToken(req),
    });
    return forms.value;
  }

  @Post(STATUS_ACTION)
  async status(
    @Param('id') planId: string,
    @Param('measureId') measureId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.load(planId, measureId);
    const form = await readForm(req);
    const values: FollowUpFormValues = {
      status: form.status ?? '',
      note: form.note ?? '',
      effectiveAt: form.effectiveAt ?? '',
    };
    const refuse = (message: string) => this.refuse(req, res, planId, measureId, form, values, message);
    const status = form.status;
    if (!isMeasureStatus(status)) return refuse('Velg en gyldig status.');
    const note = (form.note ?? '').trim();
    if (note.length > 5000) return refuse('Merknaden kan være på høyst 5000 tegn.');
    const effectiveAt = effectiveDate(form);
    if (effectiveAt.problem) return refuse(effectiveAt.problem);
    const change: PlanChange = { type: 'ChangeMeasureStatus', measureId, status, ...(note ? { note } : {}) };
    await this.dispatch(req, res, planId, measureId, form, values, change, effectiveAt.date, (appended) =>
      appended
        ? `Status endret til ${statusLabel(status)}${effectiveAt.date ? ` fra ${formatDate(effectiveAt.date)}` : ''}.`
        : `Ingen endring: status var allerede ${statusLabel(status)}.`,
    );
  }

  @Post(RESPONSIBLE_ACTION)
  async responsible(
    @Param('id') planId: string,
    @Param('measureId') measureId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.load(planId, measureId);
    const fields = await readFormFields(req);
    const form = Object.fromEntries(fields);
    const codes = responsibleFrom(fields);
    const values: FollowUpFormValues = {
      responsible: codes,
      reason: form.reason ?? '',
      effectiveAt: form.effectiveAt ?? '',
    };
    const refuse = (message: string) => this.refuse(req, res, planId, measureId, form, values, message);
    const bad = codes.filter((c) => !BODY_CODE.test(c));
    if (bad.length > 0) return refuse(`Ugyldig organkode: ${bad.join(', ')}.`);
    const reason = (form.reason ?? '').trim();
    if (reason.length > 2000) return refuse('Begrunnelsen kan være på høyst 2000 tegn.');
    const effectiveAt = effectiveDate(form);
    if (effectiveAt.problem) return refuse(effectiveAt.problem);
    const change: PlanChange = {
      type: 'ReassignMeasure',
      measureId,
      responsible: codes,
      ...(reason ? { reason } : {}),
    };
    await this.dispatch(req, res, planId, measureId, form, values, change, effectiveAt.date, (appended) =>
      appended
        ? `Ansvar endret til ${codes.length > 0 ? codes.join(', ') : 'ingen'}.`
        : 'Ingen endring: ansvaret var allerede slik.',
    );
  }

  private async load(planId: string, measureId: string) {
    if (!SLUG.test(planId) || !UUID.test(measureId)) throw new PageProblem(404, 'Fant ikke tiltaket.');
    const plan = await this.data.plan(planId);
    const measure = findMeasure(plan, measureId);
    if (!measure) throw new PageProblem(404, 'Fant ikke tiltaket i planen slik den er nå.');
    return { plan, measure };
  }

  private async dispatch(
    req: Request,
    res: Response,
    planId: string,
    measureId: string,
    form: Record<string, string>,
    values: FollowUpFormValues,
    change: PlanChange,
    effectiveAt: string | undefined,
    done: (appended: boolean) => string,
  ): Promise<void> {
    const envelope: CommandEnvelope = {
      // The form carries a fresh id, so a double submit appends once.
      commandId: isClientCommandId(form.commandId) ? form.commandId : randomUUID(),
      actor: actorOf(req),
      now: new Date().toISOString(),
      ...(effectiveAt ? { effectiveAt } : {}),
      cause: { kind: 'follow_up', reference: 'Oppfølging på planverk-sidene' },
    };
    logCommandId(req, envelope.commandId);
    let outcome: CommandOutcome;
    try {
      outcome = await this.commandBus.execute(new ChangePlanCommand(planId, change, envelope));
    } catch (error) {
      if (error instanceof DomainError && error.kind !== 'not_found')
        return this.refuse(req, res, planId, measureId, form, values, refusal(error));
      if (error instanceof ExpectedRevisionConflict)
        return this.refuse(
          req,
          res,
          planId,
          measureId,
          form,
          values,
          'Planen ble endret samtidig av noen andre. Prøv igjen.',
        );
      throw error;
    }
    if (req.header('hx-request') !== 'true') {
      // The page it goes back to waits for the change, as every read does (ReadYourWrites).
      res.redirect(303, backTo(planId, measureId, form));
      return;
    }
    const visibility = await this.reads.beforeRead();
    if (visibility !== 'up_to_date')
      this.logger.warn(`Read models do not show the page action yet: ${visibility}`);
    const plan = await this.data.plan(planId);
    res
      .status(200)
      .type('text/html; charset=utf-8')
      .send(
        fragment(plan, measureId, viewOf(form), {
          flash: { kind: 'ok', text: done(outcome.appended) },
          history: await this.history(plan, measureId, viewOf(form)),
          csrf: csrfToken(req),
          permissions: followUpPermissions(req.principal, plan.organisationId),
        }).value,
      );
  }

  private async refuse(
    req: Request,
    res: Response,
    planId: string,
    measureId: string,
    form: Record<string, string>,
    values: FollowUpFormValues,
    message: string,
  ): Promise<void> {
    if (req.header('hx-request') !== 'true') throw new PageProblem(422, message);
    const plan = await this.data.plan(planId);
    res
      .status(422)
      .type('text/html; charset=utf-8')
      .send(
        fragment(plan, measureId, viewOf(form), {
          flash: { kind: 'error', text: message },
          values,
          csrf: csrfToken(req),
          permissions: followUpPermissions(req.principal, plan.organisationId),
        }).value,
      );
  }

  private async history(plan: PlanView, measureId: string, view: View): Promise<Html | undefined> {
    if (view !== 'measure') return undefined;
    const rows = (await this.data.elementHistory(measureId)).filter((r) => r.planId === plan.id);
    return historyList(rows, elementNames(plan), { id: 'tiltak-historikk', oob: true });
  }
}

/**
 * The bodies the form names, lead first: the one chosen as lead, those ticked (in the plan's
 * order, as the form lists them), then those typed; each once.
 */
export function responsibleFrom(fields: URLSearchParams): string[] {
  const typed = (fields.get('andre') ?? '').split(/[,\s]+/);
  const codes = [fields.get('lead') ?? '', ...fields.getAll('med'), ...typed]
    .map((c) => c.trim())
    .filter((c) => c !== '');
  return [...new Set(codes)];
}

/** The form's "Gjaldt fra": a date not after today, or none (the change takes effect today). */
function effectiveDate(form: Record<string, string>): { date?: string; problem?: string } {
  const value = (form.effectiveAt ?? '').trim();
  if (value === '') return {};
  if (!isIsoDate(value)) return { problem: `«${value}» er ikke en gyldig dato (ÅÅÅÅ-MM-DD).` };
  if (value > todayIso()) return { problem: 'Datoen endringen gjaldt fra kan ikke være fram i tid.' };
  return { date: value };
}

function viewOf(form: Record<string, string>): View {
  return form.view === 'measure' ? 'measure' : 'plan';
}

function backTo(planId: string, measureId: string, form: Record<string, string>): string {
  return viewOf(form) === 'measure'
    ? `/plan/${planId}/tiltak/${measureId}`
    : `/plan/${planId}#tiltak-${measureId}`;
}

/** The updated card, and out of band what else on that page shows the change. */
function fragment(
  plan: PlanView,
  measureId: string,
  view: View,
  o: {
    flash: { kind: 'ok' | 'error'; text: string };
    values?: FollowUpFormValues;
    history?: Html | undefined;
    csrf: string | undefined;
    permissions: FollowUpPermissions;
  },
): Html {
  const { flash, values, history } = o;
  const measure = findMeasure(plan, measureId);
  if (!measure)
    return html`<p class="flash flash-error" role="alert">Tiltaket er ikke lenger med i planen.</p>`;
  const card = measureCard(measure, {
    planId: plan.id,
    bodies: plan.bodies,
    headingLevel: view === 'measure' ? 2 : measureHeadingLevel(plan, measureId),
    actions: view === 'measure' ? 'inline' : 'lazy',
    view,
    flash,
    csrf: o.csrf,
    permissions: o.permissions,
    ...(values ? { formValues: values } : {}),
  });
  if (view === 'measure') return html`${card}${history ?? ''}`;
  const summary = summariseFollowUp(plan, todayIso());
  return html`${card}${statusSummary(summary.byStatus, summary.measures, summary.overdue, { oob: true })}`;
}

/** As on the plan page: a top-level section is an h2, its measures h3, a sub-section's h4... */
function measureHeadingLevel(plan: PlanView, measureId: string): number {
  const depth = (sections: PlanView['sections'], level: number): number | undefined => {
    for (const s of sections) {
      if (s.measures.some((m) => m.id === measureId)) return level + 1;
      const found = depth(s.sections, level + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return depth(plan.sections, 2) ?? 3;
}

function refusal(error: DomainError): string {
  switch (error.code) {
    case 'UNKNOWN_BODY': {
      const unknown = (error.details.unknown as string[] | undefined) ?? [];
      return `Ukjent organ: ${unknown.join(', ')}. Bruk kodene fra planens forkortelsesliste.`;
    }
    case 'MEASURE_STRUCK':
      return 'Tiltaket er strøket og kan ikke følges opp.';
    case 'PLAN_SUPERSEDED':
      return 'Planen er erstattet av en ny plan og kan ikke endres.';
    case 'COMMAND_ID_TAKEN':
      return FORM_SENT_BEFORE;
    default:
      return `Endringen ble avvist: ${error.message}`;
  }
}
