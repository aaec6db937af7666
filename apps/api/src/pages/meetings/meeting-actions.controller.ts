import { Controller, Param, Post, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { VoteCounts } from '@app/domain';
import type { MeetingChange } from '@app/plans';
import type { Request, Response } from 'express';
import {
  csrfToken,
  PageErrorFilter,
  PageProblem,
  readForm,
  ServerTimingInterceptor,
  visitorOf,
} from '../page-http.js';
import { MeetingCommands } from './meeting-commands.js';
import { MeetingPageData } from './meeting-page-data.js';
import { allAmendments, resultText } from './views/amendment.js';
import { lowerFirst } from '../format.js';
import { amendmentFromForm } from './amendment-form.js';
import { canLead } from './meeting-pages.controller.js';
import { filingForm } from './views/filing-form.js';
import { meetingPage } from './views/meeting.js';
import { modifiedFields, officerPage, officerRegion, type OfficerFlash } from './views/officer.js';

const HTML = 'text/html; charset=utf-8';

/** "87" -> 87, "" -> undefined; anything else is not a count. */
function counts(form: Record<string, string>): VoteCounts | 'invalid' {
  const out: { for?: number; against?: number; abstain?: number } = {};
  for (const key of ['for', 'against', 'abstain'] as const) {
    const value = (form[key] ?? '').trim();
    if (value === '') continue;
    if (!/^\d{1,7}$/.test(value)) return 'invalid';
    out[key] = Number(value);
  }
  return out;
}

function amendmentNo(value: string): number {
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new PageProblem(404, `Fant ikke forslag ${value}.`);
  return Number(value);
}

/**
 * The meeting officer's actions from the officer's page: the committee's recommendation, each
 * vote with its counts, and the vote on the plan as a whole. With htmx the officer's region is
 * answered anew (with the message, or the refusal by the form it concerns); a plain form gets a
 * redirect back, or the page with the refusal.
 */
@ApiExcludeController()
@Controller('mote/:id')
@UseInterceptors(ServerTimingInterceptor)
@UseFilters(PageErrorFilter)
export class MeetingActionsController {
  constructor(
    private readonly data: MeetingPageData,
    private readonly commands: MeetingCommands,
  ) {}

  @Post('forslag/:no/innstilling')
  async recommend(
    @Param('id') id: string,
    @Param('no') noParam: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const no = amendmentNo(noParam);
    const meeting = await this.data.meeting(id);
    const a = allAmendments(meeting).find((x) => x.no === no);
    if (!a) throw new PageProblem(404, `Fant ikke forslag ${no} på dette møtet.`);
    const form = await readForm(req);
    const recommendation = form.recommendation ?? '';
    const modified = recommendation === 'adopt_modified' ? modifiedFields(a, form.modified ?? '') : undefined;
    const note = (form.note ?? '').trim();
    const refusal =
      recommendation === 'adopt_modified' && !modified
        ? 'Skriv komiteens endrede tekst for «vedta med endring».'
        : note.length > 2000
          ? 'Merknaden kan være på høyst 2000 tegn.'
          : await this.commands.run(req, meeting.id, form, {
              type: 'GiveRecommendation',
              no,
              recommendation: recommendation as never,
              ...(modified ? { modified } : {}),
              ...(note ? { note } : {}),
            });
    await this.answer(
      req,
      res,
      meeting.id,
      refusal,
      no,
      form,
      {},
      () => `Innstillingen til forslag ${no} er lagret.`,
    );
  }

  @Post('forslag/:no/votering')
  async vote(
    @Param('id') id: string,
    @Param('no') noParam: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const no = amendmentNo(noParam);
    const meeting = await this.data.meeting(id);
    if (!allAmendments(meeting).some((x) => x.no === no))
      throw new PageProblem(404, `Fant ikke forslag ${no} på dette møtet.`);
    const form = await readForm(req);
    const votes = counts(form);
    const reason = (form.reason ?? '').trim();
    const change: MeetingChange | undefined =
      votes === 'invalid'
        ? undefined
        : {
            type: 'RecordVote',
            no,
            result: form.result ?? '',
            ...votes,
            ...(reason ? { reason } : {}),
            ...(form.modified !== undefined || form.result === 'adopted'
              ? { modified: form.modified === 'true' }
              : {}),
          };
    const refusal =
      votes === 'invalid'
        ? 'Stemmetallene må være hele tall fra 0.'
        : reason.length > 1000
          ? 'Begrunnelsen kan være på høyst 1000 tegn.'
          : await this.commands.run(req, meeting.id, form, withoutUnusedModified(change!, meeting, no));
    await this.answer(req, res, meeting.id, refusal, no, form, { top: true }, async () => {
      const amendments = allAmendments(await this.data.meeting(meeting.id));
      const after = amendments.find((x) => x.no === no);
      const pendingBefore = new Set(
        allAmendments(meeting)
          .filter((x) => x.status === 'filed')
          .map((x) => x.no),
      );
      // An adoption makes the amendments it made impossible lapse at once: the officer is told which.
      const lapsedWithIt = amendments.filter(
        (x) => x.no !== no && x.status === 'lapsed' && pendingBefore.has(x.no),
      );
      return [
        `Forslag ${no}: ${after ? lowerFirst(resultText(after)) : 'registrert'}.`,
        ...lapsedWithIt.map((x) => `Forslag ${x.no} ${lowerFirst(resultText(x))}.`),
      ].join(' ');
    });
  }

  /**
   * File an amendment from the filing form. It gets the next free number; when someone else took
   * that number in the meantime, the next one after it.
   */
  @Post('forslag')
  async file(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const meeting = await this.data.meeting(id);
    const form = await readForm(req);
    const amendment = amendmentFromForm(form);
    let refusal = typeof amendment === 'string' ? amendment : undefined;
    let no = Math.max(0, ...allAmendments(meeting).map((a) => a.no)) + 1;
    for (let attempt = 0; typeof amendment !== 'string' && attempt < 5; attempt++, no++) {
      const refused = await this.commands.attempt(
        req,
        meeting.id,
        { ...form, commandId: attempt === 0 ? (form.commandId ?? '') : '' },
        {
          type: 'FileAmendment',
          no,
          ...amendment,
        },
      );
      refusal = refused?.text;
      if (refused?.code !== 'DUPLICATE_AMENDMENT_NO') break;
    }
    const htmx = req.header('hx-request') === 'true';
    if (!refusal && !htmx) {
      res.redirect(303, `/mote/${meeting.id}#forslag-${no}`);
      return;
    }
    const ctx = await this.data.context(meeting.id);
    const formModel = {
      meetingId: meeting.id,
      papers: ctx.papers,
      csrf: csrfToken(req),
      asOfficer: canLead(req, meeting.organisationId),
      ...(refusal
        ? { values: form, flash: { kind: 'error' as const, text: refusal } }
        : { flash: { kind: 'ok' as const, text: `Forslaget er fremmet som forslag ${no}.` } }),
    };
    res
      .status(refusal ? 422 : 200)
      .type(HTML)
      .send(
        (htmx
          ? filingForm(formModel)
          : meetingPage({
              ...ctx,
              canLead: formModel.asOfficer,
              csrf: formModel.csrf,
              visitor: visitorOf(req),
              filing: formModel,
            })
        ).value,
      );
  }

  @Post('planvotering')
  async planVote(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const meeting = await this.data.meeting(id);
    const form = await readForm(req);
    const votes = counts(form);
    const refusal =
      votes === 'invalid'
        ? 'Stemmetallene må være hele tall fra 0.'
        : await this.commands.run(req, meeting.id, form, {
            type: 'VotePlan',
            result: form.result ?? '',
            ...votes,
          });
    await this.answer(req, res, meeting.id, refusal, undefined, form, {}, () =>
      form.result === 'adopted' ? 'Planen er vedtatt som helhet.' : 'Planen ble ikke vedtatt.',
    );
  }

  private async answer(
    req: Request,
    res: Response,
    meetingId: string,
    refusal: string | undefined,
    no: number | undefined,
    form: Record<string, string>,
    placement: { top?: boolean },
    done: () => string | Promise<string>,
  ): Promise<void> {
    const htmx = req.header('hx-request') === 'true';
    if (!refusal && !htmx) {
      res.redirect(
        303,
        `/mote/${meetingId}/ledelse${no !== undefined ? `#forslag-${no}` : '#planen-som-helhet'}`,
      );
      return;
    }
    const flash: OfficerFlash = refusal
      ? { kind: 'error', text: refusal, ...(no !== undefined ? { no } : {}), values: form }
      : { kind: 'ok', text: await done(), ...(no !== undefined ? { no } : {}), ...placement };
    const ctx = await this.data.context(meetingId);
    const model = { ...ctx, csrf: csrfToken(req), visitor: visitorOf(req), flash };
    res
      .status(refusal ? 422 : 200)
      .type(HTML)
      .send((htmx ? officerRegion(model) : officerPage(model)).value);
  }
}

/** `modified` only where the committee recommended a modified text: the domain refuses it otherwise. */
function withoutUnusedModified(
  change: MeetingChange,
  meeting: Awaited<ReturnType<MeetingPageData['meeting']>>,
  no: number,
): MeetingChange {
  if (change.type !== 'RecordVote') return change;
  const a = allAmendments(meeting).find((x) => x.no === no);
  if (a?.recommendation?.recommendation === 'adopt_modified') return change;
  const { modified: _modified, ...rest } = change;
  return rest;
}
