import { Controller, Param, Post, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FloorItem, VoteCounts } from '@app/domain';
import { describeCountsNb, MAJORITY_LABEL_NB } from '@app/read-models';
import type { MeetingChange } from '@app/plans';
import type { Request, Response } from 'express';
import {
  actorOf,
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
import { changedFacts, meetingPage } from './views/meeting.js';
import { modifiedFields, officerPage, officerRegion, type OfficerFlash } from './views/officer.js';
import { deadlineText, floorText } from './views/officer-controls.js';

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
    const { no, meeting, amendment: a } = await this.amendment(id, noParam);
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
    const { no, meeting } = await this.amendment(id, noParam);
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
          // A member files their own, before the deadline; the officer on anyone's behalf, after it too.
          filedBy: actorOf(req),
          asOfficer: canLead(req, meeting.organisationId),
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
      deadline: meeting.deadline,
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

  /** A member withdraws an amendment they filed (the officer any), from the delegates' page. */
  @Post('forslag/:no/trekk')
  async withdraw(
    @Param('id') id: string,
    @Param('no') noParam: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const { no, meeting } = await this.amendment(id, noParam);
    const form = await readForm(req);
    const reason = (form.reason ?? '').trim();
    if (reason.length > 1000) throw new PageProblem(422, 'Begrunnelsen kan være på høyst 1000 tegn.');
    const refusal = await this.commands.run(req, meeting.id, form, {
      type: 'WithdrawAmendment',
      no,
      ...(reason ? { reason } : {}),
      by: actorOf(req),
      asOfficer: canLead(req, meeting.organisationId),
    });
    if (refusal) throw new PageProblem(422, refusal);
    res.redirect(303, `/mote/${meeting.id}#forslag-${no}`);
  }

  /** The deadline for amendments (innsendingsfrist): a local time in Oslo, or none. */
  @Post('frist')
  async deadline(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const meeting = await this.data.meeting(id);
    const form = await readForm(req);
    const written = (form.deadline ?? '').trim();
    const refusal = await this.commands.run(req, meeting.id, form, {
      type: 'ChangeDeadline',
      deadline: written === '' ? null : written,
    });
    await this.answer(req, res, meeting.id, refusal, undefined, form, { control: 'frist' }, async () => {
      const after = await this.data.meeting(meeting.id);
      return after.deadline
        ? `${deadlineText(after)}.`
        : 'Fristen er fjernet: medlemmene kan fremme forslag til møtet er over.';
    });
  }

  /** What it takes to adopt: a simple majority of the votes cast, or two thirds. */
  @Post('flertall')
  async majority(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const meeting = await this.data.meeting(id);
    const form = await readForm(req);
    const refusal = await this.commands.run(req, meeting.id, form, {
      type: 'SetMajorityRule',
      rule: form.rule ?? '',
    });
    await this.answer(
      req,
      res,
      meeting.id,
      refusal,
      undefined,
      form,
      { control: 'flertall' },
      async () =>
        `Flertallskravet er nå: ${lowerFirst(MAJORITY_LABEL_NB[(await this.data.meeting(meeting.id)).majority])}.`,
    );
  }

  /** The order the pending amendments are voted on, as the officer types their numbers. */
  @Post('rekkefolge')
  async votingOrder(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const meeting = await this.data.meeting(id);
    const form = await readForm(req);
    const order = [...(form.order ?? '').matchAll(/\d{1,6}/g)].map((m) => Number(m[0]));
    const refusal =
      order.length === 0 || /[^\d\s,;.]/.test(form.order ?? '')
        ? 'Skriv forslagsnumrene i rekkefølge, med komma mellom (for eksempel 3, 1, 2).'
        : await this.commands.run(req, meeting.id, form, { type: 'SetVotingOrder', order });
    await this.answer(
      req,
      res,
      meeting.id,
      refusal,
      undefined,
      form,
      { control: 'rekkefolge' },
      async () =>
        `Voteringsrekkefølgen er endret: forslag ${(await this.data.meeting(meeting.id)).toVote.join(', ')}.`,
    );
  }

  /** What the meeting treats now: an amendment, the recommendations en bloc, the plan, or nothing. */
  @Post('til-behandling')
  async floor(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const meeting = await this.data.meeting(id);
    const form = await readForm(req);
    const kind = form.kind ?? '';
    const item: FloorItem | null | undefined =
      kind === 'none'
        ? null
        : kind === 'amendment' && /^[1-9]\d{0,5}$/.test(form.no ?? '')
          ? { kind: 'amendment', no: Number(form.no) }
          : kind === 'recommendations' || kind === 'plan'
            ? { kind }
            : undefined;
    const refusal =
      item === undefined
        ? 'Velg hva møtet skal behandle nå.'
        : await this.commands.run(req, meeting.id, form, { type: 'SetFloor', item });
    await this.answer(req, res, meeting.id, refusal, undefined, form, { control: 'til-behandling' }, () =>
      item ? `Til behandling nå: ${floorText(meeting, item)}.` : 'Ingenting er til behandling nå.',
    );
  }

  /** Contest the committee's recommendation on an amendment (a vote of its own), or take that back. */
  @Post('forslag/:no/bestrid')
  async contest(
    @Param('id') id: string,
    @Param('no') noParam: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const { no, meeting } = await this.amendment(id, noParam);
    const form = await readForm(req);
    const contested = form.contested !== 'false';
    const refusal = await this.commands.run(req, meeting.id, form, {
      type: 'ContestRecommendation',
      no,
      contested,
    });
    await this.answer(req, res, meeting.id, refusal, undefined, form, { control: 'bestrid' }, () =>
      contested
        ? `Innstillingen til forslag ${no} er bestridt: forslaget voteres over for seg.`
        : `Forslag ${no} er med i innstillingene samlet igjen.`,
    );
  }

  /** The committee's recommendations accepted en bloc, in one vote with optional counts. */
  @Post('innstillinger')
  async acceptRecommendations(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const meeting = await this.data.meeting(id);
    const form = await readForm(req);
    const votes = counts(form);
    // The amendments the officer saw listed: one recommended since is not settled unseen.
    const nos = [...(form.nos ?? '').matchAll(/\d{1,6}/g)].map((m) => Number(m[0]));
    const refusal =
      votes === 'invalid'
        ? 'Stemmetallene må være hele tall fra 0.'
        : nos.length === 0
          ? 'Ingen innstillinger å vedta samlet.'
          : await this.commands.run(req, meeting.id, form, {
              type: 'AcceptRecommendations',
              nos,
              ...votes,
            });
    await this.answer(
      req,
      res,
      meeting.id,
      refusal,
      undefined,
      form,
      { control: 'innstillinger' },
      async () => {
        const after = new Map(allAmendments(await this.data.meeting(meeting.id)).map((a) => [a.no, a]));
        const settled = nos.map(
          (no) => `forslag ${no} ${lowerFirst(after.get(no) ? resultText(after.get(no)!) : '')}`,
        );
        const counted =
          votes === 'invalid'
            ? ''
            : describeCountsNb({
                for: votes.for ?? null,
                against: votes.against ?? null,
                abstain: votes.abstain ?? null,
              });
        return `Innstillingene er vedtatt samlet${counted ? ` (${counted})` : ''}: ${settled.join('; ')}.`;
      },
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

  /** The meeting and the amendment a form posts to: 404 in Norwegian when either is not there. */
  private async amendment(id: string, noParam: string) {
    const no = amendmentNo(noParam);
    const meeting = await this.data.meeting(id);
    const amendment = allAmendments(meeting).find((x) => x.no === no);
    if (!amendment) throw new PageProblem(404, `Fant ikke forslag ${no} på dette møtet.`);
    return { no, meeting, amendment };
  }

  private async answer(
    req: Request,
    res: Response,
    meetingId: string,
    refusal: string | undefined,
    no: number | undefined,
    form: Record<string, string>,
    placement: { top?: boolean; control?: string },
    done: () => string | Promise<string>,
  ): Promise<void> {
    const htmx = req.header('hx-request') === 'true';
    if (!refusal && !htmx) {
      res.redirect(
        303,
        `/mote/${meetingId}/ledelse${placement.control ? '' : no !== undefined ? `#forslag-${no}` : '#planen-som-helhet'}`,
      );
      return;
    }
    // A control's refusal (the deadline, the order...) is shown at the top, with what was typed.
    const flash: OfficerFlash = refusal
      ? {
          kind: 'error',
          text: refusal,
          ...(no !== undefined ? { no } : {}),
          values: form,
          ...(placement.control ? { top: true } : {}),
        }
      : {
          kind: 'ok',
          text: await done(),
          ...(no !== undefined ? { no } : {}),
          top: placement.top === true || placement.control !== undefined,
        };
    const ctx = await this.data.context(meetingId);
    const model = { ...ctx, csrf: csrfToken(req), visitor: visitorOf(req), flash };
    res
      .status(refusal ? 422 : 200)
      .type(HTML)
      .send(
        htmx ? `${officerRegion(model).value}${changedFacts(model.meeting).value}` : officerPage(model).value,
      );
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
