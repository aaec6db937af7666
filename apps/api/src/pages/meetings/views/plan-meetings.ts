import { MEETING_BODIES } from '@app/domain';
import {
  amendmentStatusLabel,
  MEETING_BODY_LABEL_NB,
  type MeetingSummary,
  type OrganisationView,
  type PlanView,
} from '@app/read-models';
import { randomUUID } from 'node:crypto';
import { formatDate, formatNumber } from '../../format.js';
import { html, raw, type Html } from '../../html.js';
import { emptyState } from '../../views/components.js';
import { layout, type Visitor } from '../../views/layout.js';
import { planLinks } from '../../views/overview.js';
import { meetingName } from './amendment.js';

export interface ScheduleFormValues {
  readonly id?: string;
  readonly body?: string;
  readonly date?: string;
  readonly title?: string;
  readonly edition?: string;
}

export interface PlanMeetingsModel {
  readonly plan: PlanView;
  readonly meetings: readonly MeetingSummary[];
  readonly organisations: OrganisationView[];
  /** Whether the reader may schedule a meeting (meeting officer in the plan's organisation). */
  readonly canSchedule: boolean;
  readonly csrf: string | undefined;
  readonly visitor: Visitor;
  readonly problem?: string;
  readonly values?: ScheduleFormValues;
}

function summaryStatus(m: MeetingSummary): string {
  if (m.planVote === 'adopted') return 'Avsluttet: planen er vedtatt';
  if (m.planVote === 'rejected') return 'Avsluttet: planen ble ikke vedtatt';
  const decided = Object.entries(m.byStatus).some(([s, n]) => s !== 'filed' && n > 0);
  return decided ? 'Voteringen pågår' : 'Planlagt';
}

/** The meetings that treat a plan, and (for the meeting officer) a form to schedule one. */
export function planMeetingsPage(model: PlanMeetingsModel): Html {
  const { plan } = model;
  const org = model.organisations.find((o) => o.id === plan.organisationId);
  return layout({
    title: `Møter – ${plan.title}`,
    meeting: true,
    organisations: model.organisations,
    currentOrgId: plan.organisationId,
    visitor: model.visitor,
    crumbs: [
      { label: org?.name ?? plan.organisationId, href: `/org/${plan.organisationId}` },
      { label: plan.title, href: `/plan/${plan.id}` },
      { label: 'Møter' },
    ],
    body: html`<h1>Møter som behandler planen</h1>
      <p class="lead">
        Årsmøter og representantskap som behandler <a href="/plan/${plan.id}">${plan.title}</a>: sakspapirene
        med linjenummer, endringsforslagene, voteringene og protokollen.
      </p>
      ${planLinks(plan.id, plan.predecessorPlanId !== null, plan.organisationId)}
      ${
        model.meetings.length === 0
          ? emptyState('Ingen møter har behandlet planen ennå.')
          : html`<div class="table-scroll">
              <table class="data meeting-list">
                <caption>
                  Møter
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Møte</th>
                    <th scope="col">Dato</th>
                    <th scope="col">Status</th>
                    <th scope="col" class="num">Forslag</th>
                  </tr>
                </thead>
                <tbody>
                  ${[...model.meetings].reverse().map(
                    (m) =>
                      html`<tr>
                        <th scope="row">
                          <a href="/mote/${m.id}">${meetingName(m)}</a>
                        </th>
                        <td>${formatDate(m.date)}</td>
                        <td>${summaryStatus(m)}</td>
                        <td
                          class="num"
                          title="${Object.entries(m.byStatus)
                            .map(([s, n]) => `${amendmentStatusLabel(s)}: ${n}`)
                            .join(', ')}"
                        >
                          ${formatNumber(m.amendments)}
                        </td>
                        <td>
                          <a href="/mote/${m.id}/sakspapir">Sakspapir</a> ·
                          <a href="/mote/${m.id}/protokoll">Protokoll</a>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      ${model.canSchedule ? scheduleForm(plan, model) : ''}`,
  });
}

function scheduleForm(plan: PlanView, model: PlanMeetingsModel): Html {
  const v = model.values ?? {};
  const year = new Date().getFullYear();
  return html`<section aria-labelledby="nytt-mote" class="no-print">
    <h2 id="nytt-mote">Sett opp et møte</h2>
    <p class="help">
      Sakspapirene blir planen slik den er nå, med linjenummer som låses når møtet settes opp. Endringsforslag
      viser til disse linjene.
    </p>
    ${model.problem ? html`<p class="flash flash-error" role="alert">${model.problem}</p>` : ''}
    <form method="post" action="/plan/${plan.id}/moter" class="action-form">
      <input type="hidden" name="commandId" value="${randomUUID()}" />
      ${model.csrf ? html`<input type="hidden" name="_csrf" value="${model.csrf}" />` : ''}
      <fieldset>
        <legend>Nytt møte</legend>
        <label for="mote-organ">Organ</label>
        <select id="mote-organ" name="body">
          ${MEETING_BODIES.map((b) => html`<option value="${b}" ${b === (v.body ?? 'ÅM') ? raw(' selected') : ''}>${MEETING_BODY_LABEL_NB[b] ?? b} (${b})</option>`)}
        </select>
        <label for="mote-dato">Dato</label>
        <input id="mote-dato" name="date" type="date" required value="${v.date ?? ''}" />
        <label for="mote-tittel">Navn på møtet</label>
        <input
          id="mote-tittel"
          name="title"
          value="${v.title ?? ''}"
          maxlength="200"
          placeholder="Årsmøtet ${year}"
        />
        <label for="mote-id">Kortnavn i adressen (små bokstaver, tall og bindestrek)</label>
        <input
          id="mote-id"
          name="id"
          required
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          maxlength="100"
          value="${v.id ?? `${plan.organisationId}-am-${year}`}"
        />
        <label for="mote-utgave">Årsutgave planen får når den vedtas (valgfri)</label>
        <input id="mote-utgave" name="edition" value="${v.edition ?? ''}" maxlength="50" />
        <button type="submit">Sett opp møtet</button>
      </fieldset>
    </form>
  </section>`;
}
