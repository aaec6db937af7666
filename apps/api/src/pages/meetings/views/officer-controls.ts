import { describeDeadline, MAJORITY_RULES, type FloorItem } from '@app/domain';
import {
  MAJORITY_LABEL_NB,
  recommendationLabel,
  type AmendmentView,
  type MeetingView,
} from '@app/read-models';
import { randomUUID } from 'node:crypto';
import { html, raw, type Html } from '../../html.js';
import { allAmendments } from './amendment.js';

/**
 * The meeting officer's controls beyond recommending and voting on one amendment: the meeting's
 * rules (deadline, majority), the voting order, what is on the floor, the committee's
 * recommendations en bloc and contesting one. Each is a small form posting to /mote/:id/...;
 * with htmx the officer's region is answered anew.
 */

export interface ControlsModel {
  readonly meeting: MeetingView;
  readonly csrf: string | undefined;
  /** What the officer had typed into a refused form, by the form's name. */
  readonly values?: Readonly<Record<string, string>>;
}

export function hiddenFields(csrf: string | undefined): Html {
  return html`<input type="hidden" name="commandId" value="${randomUUID()}" />
    ${csrf ? html`<input type="hidden" name="_csrf" value="${csrf}" />` : ''}`;
}

/** A form that posts with htmx (the officer's region is swapped) or, without JavaScript, as a plain form. */
export function officerFormAttrs(action: string): Html {
  return html`method="post" action="${action}" hx-post="${action}" hx-target="#ledelse" hx-swap="outerHTML"`;
}

/** "Forslag 3", "Komiteens innstillinger samlet", "Planen som helhet": what is on the floor. */
export function floorText(meeting: MeetingView, floor: FloorItem | null = meeting.floor): string | undefined {
  if (!floor) return undefined;
  if (floor.kind === 'amendment') return `Forslag ${floor.no}`;
  if (floor.kind === 'recommendations')
    return `Komiteens innstillinger samlet (forslag ${meeting.enBloc.join(', ')})`;
  return 'Planen som helhet';
}

/** The deadline as a datetime-local field holds it: Oslo time, "2026-03-01T12:00". */
export function osloLocal(instant: string): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
  return parts.replace(' ', 'T');
}

/** "Frist for endringsforslag: 1. mars 2026 kl. 12.00", or that there is none; without a full stop (the callers end the sentence). */
export function deadlineText(meeting: MeetingView): string {
  return meeting.deadline
    ? `Frist for endringsforslag: ${describeDeadline(meeting.deadline)}`
    : 'Ingen frist for endringsforslag er satt';
}

/** The meeting's rules: the deadline for amendments and the majority it takes to adopt. */
export function rulesForms(model: ControlsModel): Html {
  const { meeting } = model;
  const v = model.values ?? {};
  const base = `/mote/${meeting.id}`;
  const rule = v.rule ?? meeting.majority;
  return html`<div class="officer-actions">
    <form class="action-form officer-form" ${officerFormAttrs(`${base}/frist`)}>
      ${hiddenFields(model.csrf)}
      <fieldset>
        <legend>Innsendingsfrist</legend>
        <p class="help">
          ${deadlineText(meeting)}. Før fristen fremmer medlemmene egne forslag; etter den bare møteledelsen.
        </p>
        <label for="frist">Ny frist (norsk tid; tom: ingen frist)</label>
        <input
          id="frist"
          name="deadline"
          type="datetime-local"
          value="${v.deadline ?? (meeting.deadline ? osloLocal(meeting.deadline) : '')}"
        />
        <button type="submit">Lagre fristen</button>
      </fieldset>
    </form>
    <form class="action-form officer-form" ${officerFormAttrs(`${base}/flertall`)}>
      ${hiddenFields(model.csrf)}
      <fieldset>
        <legend>Flertallskrav</legend>
        <div class="choices" role="radiogroup" aria-label="Flertallskrav">
          ${MAJORITY_RULES.map(
            (r) =>
              html`<label class="choice"
                ><input type="radio" name="rule" value="${r}" ${r === rule ? raw(' checked') : ''} required />
                ${MAJORITY_LABEL_NB[r]}</label
              >`,
          )}
        </div>
        <p class="help">Stemmetallene som registreres, kontrolleres mot kravet.</p>
        <button type="submit">Lagre flertallskravet</button>
      </fieldset>
    </form>
  </div>`;
}

/** The order the pending amendments are put to the vote in, typed as their numbers. */
export function votingOrderForm(model: ControlsModel): Html {
  const { meeting } = model;
  if (meeting.toVote.length < 2) return html``;
  const v = model.values ?? {};
  return html`<form class="action-form officer-form" ${officerFormAttrs(`/mote/${meeting.id}/rekkefolge`)}>
    ${hiddenFields(model.csrf)}
    <fieldset>
      <legend>Endre voteringsrekkefølgen</legend>
      <label for="rekkefolge">Forslagene i den rekkefølgen de skal voteres over</label>
      <input
        id="rekkefolge"
        name="order"
        value="${v.order ?? meeting.toVote.join(', ')}"
        aria-describedby="rekkefolge-hjelp"
      />
      <p class="help" id="rekkefolge-hjelp">
        ${meeting.orderSetByOfficer ? 'Rekkefølgen er satt av møteledelsen.' : 'Nå: den foreslåtte rekkefølgen.'}
        Forslag du utelater, og forslag som fremmes senere, kommer etter i foreslått rekkefølge.
      </p>
      <button type="submit">Lagre rekkefølgen</button>
    </fieldset>
  </form>`;
}

/** Puts an item on the floor ("til behandling nå"): shown in the hall and to the delegates. */
export function floorButton(model: ControlsModel, item: FloorItem | null, label: string): Html {
  const { meeting } = model;
  const fields =
    item === null
      ? html`<input type="hidden" name="kind" value="none" />`
      : item.kind === 'amendment'
        ? html`<input type="hidden" name="kind" value="amendment" /><input
              type="hidden"
              name="no"
              value="${String(item.no)}"
            />`
        : html`<input type="hidden" name="kind" value="${item.kind}" />`;
  return html`<form class="inline-form floor-form" ${officerFormAttrs(`/mote/${meeting.id}/til-behandling`)}>
    ${hiddenFields(model.csrf)} ${fields}
    <button type="submit" class="secondary">${label}</button>
  </form>`;
}

/** What is on the floor now, and a way to clear it. */
export function floorStatus(model: ControlsModel): Html {
  const now = floorText(model.meeting);
  return html`<div class="floor-now" role="status">
    ${now ? html`Til behandling nå: <strong>${now}</strong>` : 'Ingenting er satt til behandling ennå.'}
    ${now ? floorButton(model, null, 'Ingenting til behandling') : ''}
  </div>`;
}

/** Contest the committee's recommendation (the amendment gets a vote of its own), or take it back. */
export function contestForm(model: ControlsModel, a: AmendmentView): Html {
  if (!a.recommendation || a.status !== 'filed') return html``;
  return html`<form
    class="inline-form contest-form"
    ${officerFormAttrs(`/mote/${model.meeting.id}/forslag/${a.no}/bestrid`)}
  >
    ${hiddenFields(model.csrf)}
    <input type="hidden" name="contested" value="${a.contested ? 'false' : 'true'}" />
    <button type="submit" class="secondary">
      ${a.contested ? `Ta forslag ${a.no} med i innstillingene samlet` : `Egen votering over forslag ${a.no}`}
    </button>
  </form>`;
}

/**
 * The committee's recommendations en bloc: what they settle when the meeting accepts them in one
 * vote, and the form that records that vote.
 */
export function enBlocForm(model: ControlsModel): Html {
  const { meeting } = model;
  if (meeting.enBloc.length === 0) return html``;
  const byNo = new Map(allAmendments(meeting).map((a) => [a.no, a]));
  const v = model.values ?? {};
  return html`<form
    class="action-form officer-form vote-form en-bloc-form"
    ${officerFormAttrs(`/mote/${meeting.id}/innstillinger`)}
  >
    ${hiddenFields(model.csrf)}
    <input type="hidden" name="nos" value="${meeting.enBloc.join(',')}" />
    <fieldset>
      <legend>Komiteens innstillinger samlet</legend>
      <p class="help">
        Vedtas innstillingene samlet, er disse forslagene avgjort slik komiteen innstiller; forslag med
        bestridt innstilling voteres over hver for seg.
      </p>
      <ul class="en-bloc-list">
        ${meeting.enBloc.map((no) => {
          const r = byNo.get(no)?.recommendation;
          return html`<li>
            Forslag ${no}: ${r ? recommendationLabel(r.recommendation).toLocaleLowerCase('nb') : ''}
          </li>`;
        })}
      </ul>
      ${countInputs('-samlet', v)}
      <button type="submit">Vedta innstillingene samlet</button>
    </fieldset>
  </form>`;
}

/** The three counts of a vote (for, against, abstaining), ids made from `prefix` ("for-3", "mot-3", "avh-3"). */
export function countInputs(prefix: string, v: Readonly<Record<string, string>>): Html {
  const field = (id: string, name: 'for' | 'against' | 'abstain', label: string) =>
    html`<div>
      <label for="${id}">${label}</label>
      <input id="${id}" name="${name}" inputmode="numeric" pattern="[0-9]*" value="${v[name] ?? ''}" />
    </div>`;
  return html`<div class="counts">
    ${field(`for${prefix}`, 'for', 'For')} ${field(`mot${prefix}`, 'against', 'Mot')}
    ${field(`avh${prefix}`, 'abstain', 'Avholdende')}
  </div>`;
}
