import { describeDeadline } from '@app/domain';
import {
  describeCountsNb,
  MAJORITY_LABEL_NB,
  MEETING_BODY_LABEL_NB,
  type AmendmentView,
  type MeetingView,
} from '@app/read-models';
import { randomUUID } from 'node:crypto';
import { formatDate } from '../../format.js';
import { html, raw, type Html } from '../../html.js';
import { emptyState, headingTag } from '../../views/components.js';
import { layout, type Visitor } from '../../views/layout.js';
import type { MeetingContext } from '../meeting-page-data.js';
import { amendmentCard, amendmentTitle, inVotingOrder, meetingName, meetingStatusText } from './amendment.js';
import { filingForm, type FilingFormModel } from './filing-form.js';
import { liveRegion } from './live.js';

export interface MeetingPageModel extends MeetingContext {
  /** The reader may lead the meeting (meeting officer in its organisation). */
  readonly canLead: boolean;
  readonly csrf?: string | undefined;
  /** The filing form, for those who may file (members before the deadline, the meeting officer). */
  readonly filing?: FilingFormModel;
  /** The signed-in member's own amendments still to be decided: they may withdraw them. */
  readonly mine?: readonly AmendmentView[];
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
  const [status, deadline, majority] = changingFacts(meeting);
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
      ${status}
    </div>
    <div>
      <dt>Frist for endringsforslag</dt>
      ${deadline}
    </div>
    <div>
      <dt>Flertallskrav</dt>
      ${majority}
    </div>
  </dl>`;
}

/** The facts the officer's actions change: its status, deadline and majority, each with its id. */
function changingFacts(meeting: MeetingView, outOfBand = false): Html[] {
  const dd = (id: string, text: string): Html =>
    outOfBand ? html`<dd id="${id}" hx-swap-oob="true">${text}</dd>` : html`<dd id="${id}">${text}</dd>`;
  return [
    dd('mote-status', meetingStatusText(meeting)),
    dd('mote-frist', meeting.deadline ? describeDeadline(meeting.deadline) : 'Ingen frist'),
    dd('mote-flertall', MAJORITY_LABEL_NB[meeting.majority]),
  ];
}

/**
 * The same facts for an officer's action answered in place (htmx swaps its region): swapped into
 * the page's header too, which would otherwise say "Voteringen pågår" after the plan is adopted.
 */
export function changedFacts(meeting: MeetingView): Html {
  return html`${changingFacts(meeting, true)}`;
}

export function planVoteText(meeting: MeetingView): string {
  const pv = meeting.planVote;
  if (!pv) return '';
  const counts = describeCountsNb(pv);
  return `Planen som helhet: ${pv.result === 'adopted' ? 'vedtatt' : 'ikke vedtatt'}${counts ? ` (${counts})` : ''}.`;
}

/**
 * What the meeting treats now, as the officer put it on the floor; before they do, the next
 * amendment in the voting order.
 */
export function nowTreated(meeting: MeetingView, toVote: readonly AmendmentView[]): Html {
  if (meeting.planVote) return html``;
  const floor = meeting.floor;
  const floorAmendment = floor?.kind === 'amendment' ? toVote.find((a) => a.no === floor.no) : undefined;
  const [label, what] =
    floor?.kind === 'plan'
      ? ['Til behandling nå', 'Planen som helhet']
      : floor?.kind === 'recommendations'
        ? ['Til behandling nå', `Komiteens innstillinger samlet (forslag ${meeting.enBloc.join(', ')})`]
        : floorAmendment
          ? ['Til behandling nå', amendmentTitle(floorAmendment)]
          : toVote[0]
            ? ['Neste til votering', amendmentTitle(toVote[0])]
            : ['Neste', 'Planen som helhet'];
  return html`<p class="now-treated" role="status">${label}: <strong>${what}</strong></p>`;
}

/** What the delegates follow: the amendments still to be voted on, in order, then the decided. */
export function meetingProgress(ctx: MeetingContext, headingLevel = 2): Html {
  const { meeting } = ctx;
  const { toVote, decided } = inVotingOrder(meeting);
  const plans = { now: ctx.plan, papers: ctx.papers };
  const h = headingLevel;
  return html`${meeting.planVote ? html`<p class="plan-vote-result" role="status">${planVoteText(meeting)}</p>` : ''}
    ${nowTreated(meeting, toVote)}
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
      ${model.mine && model.mine.length > 0 ? ownAmendments(model.meeting.id, model.mine, model.csrf) : ''}
      ${liveRegion('motet-live', `/mote/${meeting.id}/live?visning=motet`, meetingProgress(model), '1s')}`,
  });
}

/** The member's own pending amendments, each with a button to withdraw it. */
function ownAmendments(meetingId: string, mine: readonly AmendmentView[], csrf: string | undefined): Html {
  return html`<section aria-labelledby="dine-forslag" class="own-amendments no-print">
    ${headingOf(2, 'dine-forslag', 'Dine forslag')}
    <ul>
      ${mine.map(
        (a) =>
          html`<li>
            <a href="#forslag-${a.no}">${amendmentTitle(a)}</a>
            <form class="inline-form" method="post" action="/mote/${meetingId}/forslag/${a.no}/trekk">
              <input type="hidden" name="commandId" value="${randomUUID()}" />
              ${csrf ? html`<input type="hidden" name="_csrf" value="${csrf}" />` : ''}
              <button type="submit" class="secondary">Trekk forslag ${a.no}</button>
            </form>
          </li>`,
      )}
    </ul>
  </section>`;
}
