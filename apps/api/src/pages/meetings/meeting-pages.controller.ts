import {
  Controller,
  Get,
  Header,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { mayCall } from '../../auth/access-policy.js';
import { SLUG } from '../format.js';
import type { Html } from '../html.js';
import {
  csrfToken,
  PageErrorFilter,
  PageProblem,
  queryString,
  readForm,
  ServerTimingInterceptor,
  actorOf,
  visitorOf,
} from '../page-http.js';
import { MeetingCommands } from './meeting-commands.js';
import { MeetingPageData, type MeetingContext } from './meeting-page-data.js';
import { fingerprint, liveRegion } from './views/live.js';
import { meetingPage, meetingProgress } from './views/meeting.js';
import { officerPage } from './views/officer.js';
import { projectorPage, projectorView } from './views/projector.js';
import { protocolPage } from './views/protocol.js';
import { papersPage } from './views/papers.js';
import type { FilingFormModel } from './views/filing-form.js';
import { allAmendments, meetingName } from './views/amendment.js';
import { papersDocument as printPapers } from './exports/papers-document.js';
import { renderDocx, renderPdf } from './exports/print-files.js';
import { protocolDocument } from './exports/protocol-document.js';
import { protocolModel } from './protocol-model.js';
import { planMeetingsPage, type ScheduleFormValues } from './views/plan-meetings.js';

const HTML = 'text/html; charset=utf-8';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file to download, named for the meeting. */
function sendFile(res: Response, body: Buffer, type: string, name: string): void {
  res.status(200).type(type).setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.send(body);
}

function planId(value: string): string {
  if (!SLUG.test(value) || value.length > 100)
    throw new PageProblem(404, `Fant ingen plan med id «${value}».`);
  return value;
}

/** Whether the caller may post the meeting officer's forms: the access policy's own row for them. */
export function canLead(req: Request, organisationId: string): boolean {
  return mayCall(req.principal?.grants, 'POST', '/mote/:id/*', organisationId);
}

/** Whether the caller may file amendments (a member, or the meeting officer): the policy's row. */
export function mayFile(req: Request, organisationId: string): boolean {
  return mayCall(req.principal?.grants, 'POST', '/mote/:id/forslag', organisationId);
}

/** The filing form as the meeting page and the papers show it to a caller who may file. */
function filingFor(ctx: MeetingContext, csrf: string | undefined, asOfficer: boolean): FilingFormModel {
  return { meetingId: ctx.meeting.id, papers: ctx.papers, csrf, asOfficer, deadline: ctx.meeting.deadline };
}

/** The live regions a meeting page can ask for, each rendered from the meeting as it is. */
const LIVE_VIEWS: Record<
  string,
  { id: string; every: string; className?: string; render: (ctx: MeetingContext) => Html }
> = {
  motet: { id: 'motet-live', every: '1s', render: (ctx) => meetingProgress(ctx) },
  skjerm: { id: 'skjerm-live', every: '500ms', render: projectorView, className: 'live projector-live' },
};

/**
 * The annual meeting's pages: the plan's meetings (and scheduling one), the delegates' view and
 * the live regions that keep the pages in step with the meeting.
 */
@ApiExcludeController()
@Controller()
@UseInterceptors(ServerTimingInterceptor)
@UseFilters(PageErrorFilter)
export class MeetingPagesController {
  private readonly liveCache = new Map<string, { version: string; body: Html; meetingId: string }>();

  constructor(
    private readonly data: MeetingPageData,
    private readonly commands: MeetingCommands,
  ) {}

  @Get('plan/:id/moter')
  @Header('Content-Type', HTML)
  async planMeetings(@Param('id') id: string, @Req() req: Request): Promise<string> {
    return (await this.planMeetingsPage(planId(id), req)).value;
  }

  @Post('plan/:id/moter')
  async schedule(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const plan = await this.data.plan(planId(id));
    const form = await readForm(req);
    const values: ScheduleFormValues = {
      id: (form.id ?? '').trim(),
      body: form.body ?? '',
      date: form.date ?? '',
      title: (form.title ?? '').trim(),
      edition: (form.edition ?? '').trim(),
    };
    const refuse = async (problem: string) =>
      res
        .status(422)
        .type(HTML)
        .send((await this.planMeetingsPage(plan.id, req, { problem, values })).value);
    if (!SLUG.test(values.id!) || values.id!.length > 100)
      return void (await refuse(
        'Kortnavnet kan bare ha små bokstaver, tall og bindestrek (for eksempel oslo-sv-am-2027).',
      ));
    if (values.title!.length > 200) return void (await refuse('Navnet kan være på høyst 200 tegn.'));
    if (values.edition!.length > 50) return void (await refuse('Årsutgaven kan være på høyst 50 tegn.'));
    const refusal = await this.commands.run(req, values.id!, form, {
      type: 'ScheduleMeeting',
      meetingId: values.id!,
      organisationId: plan.organisationId,
      planId: plan.id,
      body: values.body!,
      date: values.date!,
      ...(values.title ? { title: values.title } : {}),
      ...(values.edition ? { edition: values.edition } : {}),
    });
    if (refusal) return void (await refuse(refusal));
    res.redirect(303, `/mote/${values.id}`);
  }

  @Get('mote/:id')
  @Header('Content-Type', HTML)
  async meeting(@Param('id') id: string, @Req() req: Request): Promise<string> {
    const ctx = await this.data.context(id);
    const leads = canLead(req, ctx.meeting.organisationId);
    const csrf = csrfToken(req);
    const actor = actorOf(req);
    const mine = allAmendments(ctx.meeting).filter((a) => a.status === 'filed' && a.filedBy === actor);
    return meetingPage({
      ...ctx,
      canLead: leads,
      csrf,
      visitor: visitorOf(req),
      ...(mayFile(req, ctx.meeting.organisationId) ? { filing: filingFor(ctx, csrf, leads), mine } : {}),
    }).value;
  }

  @Get('mote/:id/skjerm')
  @Header('Content-Type', HTML)
  async projector(@Param('id') id: string, @Req() req: Request): Promise<string> {
    return projectorPage(await this.data.context(id), visitorOf(req)).value;
  }

  @Get('mote/:id/sakspapir')
  @Header('Content-Type', HTML)
  async papers(@Param('id') id: string, @Req() req: Request): Promise<string> {
    const ctx = await this.data.context(id);
    const sheets = await this.data.papers(ctx.meeting.id);
    const leads = canLead(req, ctx.meeting.organisationId);
    const csrf = csrfToken(req);
    return papersPage({
      ...ctx,
      sheets,
      canLead: leads,
      csrf,
      visitor: visitorOf(req),
      ...(mayFile(req, ctx.meeting.organisationId) ? { filing: filingFor(ctx, csrf, leads) } : {}),
    }).value;
  }

  @Get('mote/:id/sakspapir.pdf')
  async papersPdf(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const document = await this.papersDocument(id);
    sendFile(res, await renderPdf(document.print), 'application/pdf', `${document.meetingId}-sakspapir.pdf`);
  }

  @Get('mote/:id/sakspapir.docx')
  async papersDocx(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const document = await this.papersDocument(id);
    sendFile(res, await renderDocx(document.print), DOCX, `${document.meetingId}-sakspapir.docx`);
  }

  private async papersDocument(id: string) {
    const ctx = await this.data.context(id);
    const sheets = await this.data.papers(ctx.meeting.id);
    const heading = `Sakspapir til ${meetingName(ctx.meeting)}. Linjenumrene i margen er dem endringsforslagene viser til.`;
    return {
      meetingId: ctx.meeting.id,
      print: printPapers(sheets, ctx.plan, allAmendments(ctx.meeting), heading),
    };
  }

  @Get('mote/:id/protokoll')
  @Header('Content-Type', HTML)
  async protocol(@Param('id') id: string, @Req() req: Request): Promise<string> {
    const ctx = await this.data.context(id);
    const protocol = protocolModel(ctx, await this.data.adoptedRedline(ctx.meeting));
    return protocolPage({
      ...ctx,
      protocol,
      canLead: canLead(req, ctx.meeting.organisationId),
      visitor: visitorOf(req),
    }).value;
  }

  @Get('mote/:id/protokoll.docx')
  async protocolDocx(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const ctx = await this.data.context(id);
    const document = protocolDocument(protocolModel(ctx, await this.data.adoptedRedline(ctx.meeting)));
    sendFile(res, await renderDocx(document), DOCX, `${ctx.meeting.id}-protokoll.docx`);
  }

  @Get('mote/:id/protokoll.pdf')
  async protocolPdf(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const ctx = await this.data.context(id);
    const document = protocolDocument(protocolModel(ctx, await this.data.adoptedRedline(ctx.meeting)));
    sendFile(res, await renderPdf(document), 'application/pdf', `${ctx.meeting.id}-protokoll.pdf`);
  }

  @Get('mote/:id/ledelse')
  @Header('Content-Type', HTML)
  async officer(@Param('id') id: string, @Req() req: Request): Promise<string> {
    const ctx = await this.data.context(id);
    if (!canLead(req, ctx.meeting.organisationId))
      throw new PageProblem(403, 'Møteledelsen er for møteledere i organisasjonen. Logg inn som møteleder.');
    return officerPage({ ...ctx, csrf: csrfToken(req), visitor: visitorOf(req) }).value;
  }

  /** A live region of a meeting page: 204 while it shows what the meeting is, else the region anew. */
  @Get('mote/:id/live')
  async live(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const name = queryString(query, 'visning') ?? '';
    const view = LIVE_VIEWS[name];
    if (!view) throw new PageProblem(404, 'Ukjent visning.');
    const { body, meetingId } = await this.liveBody(id, name, view.render);
    res.setHeader('Cache-Control', 'no-store');
    if (queryString(query, 'v') === fingerprint(body)) {
      res.status(204).end();
      return;
    }
    const src = `/mote/${meetingId}/live?visning=${name}`;
    res
      .status(200)
      .type(HTML)
      .send(liveRegion(view.id, src, body, view.every).value);
  }

  /**
   * A live region as the read models have it: rendered once per change of the read models and
   * kept until the next, so a hall of delegates asking every second costs one query each.
   */
  private async liveBody(
    id: string,
    name: string,
    render: (ctx: MeetingContext) => Html,
  ): Promise<{ body: Html; meetingId: string }> {
    const key = `${id}\n${name}`;
    const version = await this.data.version();
    const cached = this.liveCache.get(key);
    if (cached && cached.version === version) return cached;
    const ctx = await this.data.context(id);
    const fresh = { version, body: render(ctx), meetingId: ctx.meeting.id };
    this.liveCache.delete(key);
    this.liveCache.set(key, fresh);
    // A few meetings at a time: drop the least recently rendered beyond that.
    while (this.liveCache.size > 32) this.liveCache.delete(this.liveCache.keys().next().value!);
    return fresh;
  }

  private async planMeetingsPage(
    id: string,
    req: Request,
    refused: { problem: string; values: ScheduleFormValues } | undefined = undefined,
  ): Promise<Html> {
    const [plan, meetings, organisations] = await Promise.all([
      this.data.plan(id),
      this.data.list(id),
      this.data.listOrganisations(),
    ]);
    return planMeetingsPage({
      plan,
      meetings,
      organisations,
      canSchedule: mayCall(req.principal?.grants, 'POST', '/plan/:id/moter', plan.organisationId),
      csrf: csrfToken(req),
      visitor: visitorOf(req),
      ...(refused ?? {}),
    });
  }
}
