import { describeCountsNb, MEETING_BODY_LABEL_NB, type MeetingView } from '@app/read-models';
import { formatDate } from '../../format.js';
import { html, raw, type Html } from '../../html.js';
import { emptyState, headingTag } from '../../views/components.js';
import { layout, type Visitor } from '../../views/layout.js';
import type { MeetingContext } from '../meeting-page-data.js';
import { amendmentCard, inVotingOrder, meetingName, meetingStatusText } from './amendment.js';
import { filingForm, type FilingFormModel } from './filing-form.js';
import { liveRegion } from './live.js';

export interface MeetingPageModel extends MeetingContext {
  /** The reader may lead the meeting (meeting officer in its organisation). */
  readonly canLead: boolean;
  readonly csrf?: string | undefined;
  /** The filing form, for those who may file (the meeting officer). */
  readonly filing?: FilingFormModel;
  readonly visitor: Visitor;
}

/** The links between a meeting's pages. */
export function meetingLinks(meeting: MeetingView, canLead: boolean): Html {
  const base = `/mote/${meeting.id}`;
  return html`<nav aria-label="Møtets sider" class="plan-links meeting-links no-print">
    <ul>
      <li><a href="${base}">Møtet</a></li>
      <li><a href="${base}/sakspapir">Sakspapir med linjenummer</a></li>
      ${canLead ? html`<li><a href="${base}/ledelse">Møteledelse</a></li>` : ''}
      <li><a href="${base}/skjerm">Skjermen i salen</a></li>
      <li><a href="${base}/protokoll">Protokoll</a></li>
      <li><a href="/plan/${meeting.planId}/moter">Alle møter om planen</a></li>
    </ul>
  </nav>`;
}

export function meetingFacts(ctx: MeetingContext): Html {
  const { meeting, plan } = ctx;
  return html`<dl class="plan-meta">
    <div>
      <dt>Plan</dt>
      <dd><a href="/plan/${plan.id}">${plan.title}</a></dd>
    </div>
    <div>
      <dt>Organ</dt>
      <dd>${MEETING_BODY_LABEL_NB[meeting.body] ?? meeting.body}</dd>
    </div>
    <div>
      <dt>Dato</dt>
      <dd>${formatDate(meeting.date)}</dd>
    </div>
    <div>
      <dt>Status</dt>
      <dd>${meetingStatusText(meeting)}</dd>
    </div>
  </dl>`;
}

export function planVoteText(meeting: MeetingView): string {
  const pv = meeting.planVote;
  if (!pv) return '';
  const counts = describeCountsNb(pv);
  return `Planen som helhet: ${pv.result === 'adopted' ? 'vedtatt' : 'ikke vedtatt'}${counts ? ` (${counts})` : ''}.`;
}

/** What the delegates follow: the amendments still to be voted on, in order, then the decided. */
export function meetingProgress(ctx: MeetingContext, headingLevel = 2): Html {
  const { meeting } = ctx;
  const { toVote, decided } = inVotingOrder(meeting);
  const plans = { now: ctx.plan, papers: ctx.papers };
  const h = headingLevel;
  return html`${meeting.planVote ? html`<p class="plan-vote-result" role="status">${planVoteText(meeting)}</p>` : ''}
    <section aria-labelledby="til-votering">
      ${headingOf(h, 'til-votering', `Til votering (${toVote.length})`)}
      ${
        toVote.length === 0
          ? emptyState(
              meeting.amendments === 0
                ? 'Ingen endringsforslag er fremmet ennå.'
                : 'Alle forslagene er behandlet.',
            )
          : html`<p class="help">
                I foreslått voteringsrekkefølge: forslag til samme tekst samlet, det mest vidtgående først.
              </p>
              ${toVote.map((a) => amendmentCard(a, { plans, headingLevel: h + 1 }))}`
      }
    </section>
    ${
      decided.length > 0
        ? html`<section aria-labelledby="avgjort">
            ${headingOf(h, 'avgjort', `Behandlet (${decided.length})`)}
            ${decided.map((a) => amendmentCard(a, { plans, headingLevel: h + 1 }))}
          </section>`
        : ''
    }`;
}

/** A heading at a level the caller chooses (ids are constants of ours, never user data). */
export function headingOf(level: number, id: string, text: string): Html {
  const tag = headingTag(level);
  return html`${raw(`<${tag} id="${id}">`)}${text}${raw(`</${tag}>`)}`;
}

/** The delegates' page: the meeting as it goes, live. */
export function meetingPage(model: MeetingPageModel): Html {
  const { meeting, plan } = model;
  const org = model.organisations.find((o) => o.id === meeting.organisationId);
  return layout({
    title: meetingName(meeting),
    meeting: true,
    organisations: model.organisations,
    currentOrgId: meeting.organisationId,
    visitor: model.visitor,
    crumbs: [
      { label: org?.name ?? meeting.organisationId, href: `/org/${meeting.organisationId}` },
      { label: plan.title, href: `/plan/${plan.id}` },
      { label: 'Møter', href: `/plan/${plan.id}/moter` },
      { label: meetingName(meeting) },
    ],
    body: html`<h1>${meetingName(meeting)}</h1>
      ${meetingFacts(model)} ${meetingLinks(meeting, model.canLead)}
      ${
        model.filing && !meeting.planVote
          ? html`<details class="filing no-print" ${model.filing.flash ? raw(' open') : ''}>
              <summary>Fremme et endringsforslag</summary>
              ${filingForm(model.filing)}
            </details>`
          : ''
      }
      ${liveRegion('motet-live', `/mote/${meeting.id}/live?visning=motet`, meetingProgress(model), '1s')}`,
  });
}
