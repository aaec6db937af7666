import { RECOMMENDATIONS, type AmendmentFields } from '@app/domain';
import { RECOMMENDATION_LABEL_NB, type AmendmentView } from '@app/read-models';
import { html, raw, type Html } from '../../html.js';
import { emptyState } from '../../views/components.js';
import { layout, type Visitor } from '../../views/layout.js';
import type { MeetingContext } from '../meeting-page-data.js';
import { amendmentCard, inVotingOrder, meetingName } from './amendment.js';
import { headingOf, meetingFacts, meetingLinks, planVoteText } from './meeting.js';
import {
  contestForm,
  countInputs,
  enBlocForm,
  floorButton,
  floorStatus,
  hiddenFields,
  officerFormAttrs,
  rulesForms,
  votingOrderForm,
  type ControlsModel,
} from './officer-controls.js';

/** A message after an officer's action: on the amendment it concerns, or on the plan vote. */
export interface OfficerFlash {
  readonly kind: 'ok' | 'error';
  readonly text: string;
  /** The amendment the message is about; undefined for the plan vote. */
  readonly no?: number;
  /** What the officer had typed, shown again with a refusal. */
  readonly values?: Readonly<Record<string, string>>;
  /** Shown at the top of the officer's region (a result: the amendment has left the voting order). */
  readonly top?: boolean;
}

export interface OfficerPageModel extends MeetingContext {
  readonly csrf: string | undefined;
  readonly visitor: Visitor;
  readonly flash?: OfficerFlash;
}

/** The results the officer records, in the order a chair announces them. */
const RESULT_CHOICES: ReadonlyArray<readonly [string, string]> = [
  ['adopted', 'Vedtatt'],
  ['rejected', 'Falt'],
  ['referred', 'Oversendt styret'],
  ['lapsed', 'Bortfalt'],
  ['withdrawn', 'Trukket'],
];

/** Which field the committee's modified wording replaces, for each operation that has one. */
export function modifiedFieldOf(
  a: Pick<AmendmentView, 'op' | 'fields'>,
): { label: string; value: string } | undefined {
  const f = a.fields;
  switch (a.op) {
    case 'replace_text':
      return { label: 'Komiteens nye tekst', value: f.to ?? '' };
    case 'insert_text':
    case 'strike_text':
      return { label: 'Komiteens tekst', value: f.text ?? '' };
    case 'add_measure':
      return { label: 'Komiteens tekst til tiltaket', value: f.measure?.text ?? '' };
    case 'add_goal':
      return { label: 'Komiteens tekst til målet', value: f.goal?.text ?? '' };
    case 'change_timing':
      return { label: 'Komiteens gjennomføring', value: f.timing ?? '' };
    case 'reassign':
      return {
        label: 'Komiteens ansvarlige organer (med komma mellom)',
        value: (f.responsible ?? []).join(', '),
      };
    case 'add_section':
      return { label: 'Komiteens kapitteltittel', value: f.section?.title ?? '' };
    default:
      return undefined;
  }
}

/** The committee's modified wording as the fields it replaces. */
export function modifiedFields(
  a: Pick<AmendmentView, 'op' | 'fields'>,
  text: string,
): AmendmentFields | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  const f = a.fields;
  switch (a.op) {
    case 'replace_text':
      return { to: value };
    case 'insert_text':
    case 'strike_text':
      return { text: value };
    case 'add_measure':
      return { measure: { ...(f.measure ?? {}), text: value } };
    case 'add_goal':
      return { goal: { text: value } };
    case 'change_timing':
      return { timing: value };
    case 'reassign':
      return { responsible: value.split(/[,\s]+/).filter((c) => c !== '') };
    case 'add_section':
      return {
        section: {
          number: f.section?.number ?? '',
          ...(f.section?.intro ? { intro: f.section.intro } : {}),
          title: value,
        },
      };
    default:
      return undefined;
  }
}

function flashFor(flash: OfficerFlash | undefined, no: number | undefined): Html {
  if (!flash || flash.no !== no || flash.top) return html``;
  return html`<p class="flash flash-${flash.kind}" role="${flash.kind === 'ok' ? 'status' : 'alert'}">
    ${flash.text}
  </p>`;
}

function recommendationForm(meetingId: string, a: AmendmentView, model: OfficerPageModel): Html {
  const action = `/mote/${meetingId}/forslag/${a.no}/innstilling`;
  const v = model.flash?.no === a.no ? (model.flash.values ?? {}) : {};
  const current = v.recommendation ?? a.recommendation?.recommendation ?? '';
  const field = modifiedFieldOf(a);
  const choices = RECOMMENDATIONS.filter((r) => r !== 'adopt_modified' || field !== undefined);
  const modifiedNow = a.recommendation?.modified
    ? modifiedFieldOf({ op: a.op, fields: { ...a.fields, ...a.recommendation.modified } })
    : undefined;
  return html`<form class="action-form officer-form" ${officerFormAttrs(action)}>
    ${hiddenFields(model.csrf)}
    <fieldset>
      <legend>Innstilling til forslag ${a.no}</legend>
      <div class="choices" role="radiogroup" aria-label="Innstilling">
        ${choices.map(
          (r) =>
            html`<label class="choice"
              ><input
                type="radio"
                name="recommendation"
                value="${r}"
                ${r === current ? raw(' checked') : ''}
                required
              />
              ${RECOMMENDATION_LABEL_NB[r]}</label
            >`,
        )}
      </div>
      ${
        field
          ? html`<label for="endret-${a.no}">${field.label} (bare ved «vedta med endring»)</label>
              <textarea id="endret-${a.no}" name="modified" rows="2" maxlength="5000">
${v.modified ?? modifiedNow?.value ?? ''}</textarea>`
          : ''
      }
      <label for="merknad-${a.no}">Merknad (valgfri)</label>
      <input
        id="merknad-${a.no}"
        name="note"
        maxlength="2000"
        value="${v.note ?? a.recommendation?.note ?? ''}"
      />
      <button type="submit">Lagre innstilling</button>
    </fieldset>
  </form>`;
}

function voteForm(meetingId: string, a: AmendmentView, model: OfficerPageModel): Html {
  const action = `/mote/${meetingId}/forslag/${a.no}/votering`;
  const v = model.flash?.no === a.no ? (model.flash.values ?? {}) : {};
  const modified = a.recommendation?.recommendation === 'adopt_modified';
  return html`<form class="action-form officer-form vote-form" ${officerFormAttrs(action)}>
    ${hiddenFields(model.csrf)}
    <fieldset>
      <legend>Votering over forslag ${a.no}</legend>
      <div class="choices" role="radiogroup" aria-label="Resultat">
        ${RESULT_CHOICES.map(
          ([value, label]) =>
            html`<label class="choice"
              ><input
                type="radio"
                name="result"
                value="${value}"
                ${v.result === value ? raw(' checked') : ''}
                required
              />
              ${label}</label
            >`,
        )}
      </div>
      ${
        modified
          ? html`<label class="choice"
              ><input
                type="checkbox"
                name="modified"
                value="true"
                ${v.modified === 'false' ? '' : raw(' checked')}
              />
              Vedtatt med komiteens endring</label
            >`
          : ''
      }
      ${countInputs(`-${a.no}`, v)}
      <label for="grunn-${a.no}">Begrunnelse (ved bortfall eller trekking, valgfri)</label>
      <input id="grunn-${a.no}" name="reason" maxlength="1000" value="${v.reason ?? ''}" />
      <button type="submit">Registrer resultatet</button>
    </fieldset>
  </form>`;
}

function planVoteForm(model: OfficerPageModel, pending: number): Html {
  const { meeting } = model;
  const action = `/mote/${meeting.id}/planvotering`;
  const v = model.flash?.no === undefined ? (model.flash?.values ?? {}) : {};
  if (meeting.planVote) return html`<p class="plan-vote-result">${planVoteText(meeting)}</p>`;
  return html`<form class="action-form officer-form vote-form" ${officerFormAttrs(action)}>
    ${hiddenFields(model.csrf)}
    <fieldset>
      <legend>Planen som helhet</legend>
      ${pending > 0 ? html`<p class="help">Stem over de ${pending} gjenstående forslagene først.</p>` : ''}
      <div class="choices" role="radiogroup" aria-label="Resultat for planen">
        <label class="choice"
          ><input
            type="radio"
            name="result"
            value="adopted"
            ${v.result === 'rejected' ? '' : raw(' checked')}
          />
          Vedtatt</label
        >
        <label class="choice"
          ><input
            type="radio"
            name="result"
            value="rejected"
            ${v.result === 'rejected' ? raw(' checked') : ''}
          />
          Ikke vedtatt</label
        >
      </div>
      ${countInputs('-plan', v)}
      <button type="submit">Registrer voteringen over planen</button>
    </fieldset>
  </form>`;
}

/** What the suggested order says about an amendment: it lapses now, or if an earlier one is adopted. */
function orderNote(model: OfficerPageModel, no: number): Html {
  const entry = model.meeting.votingOrder.flatMap((t) => t.amendments).find((e) => e.no === no);
  if (!entry) return html``;
  if (entry.lapses)
    return html`<p class="notice">
      Bortfaller ved votering: et forslag som alt er vedtatt, har gjort det umulig.
    </p>`;
  if (entry.lapsesIfAdopted.length > 0)
    return html`<p class="notice">
      Bortfaller hvis ${entry.lapsesIfAdopted.map((n, i) => html`${i > 0 ? ' eller ' : ''}forslag ${n}`)} blir
      vedtatt.
    </p>`;
  return html``;
}

/** The officer's working region: swapped whole after each action, so order and statuses stay true. */
export function officerRegion(model: OfficerPageModel): Html {
  const { meeting } = model;
  const { toVote, decided } = inVotingOrder(meeting);
  const plans = { now: model.plan, papers: model.papers };
  const flash = model.flash;
  const controls: ControlsModel = {
    meeting,
    csrf: model.csrf,
    ...(flash?.top && flash.kind === 'error' && flash.values ? { values: flash.values } : {}),
  };
  const onFloor = (no: number) => meeting.floor?.kind === 'amendment' && meeting.floor.no === no;
  return html`<div id="ledelse" class="officer">
    ${flash?.top ? html`<p class="flash flash-${flash.kind}" role="${flash.kind === 'ok' ? 'status' : 'alert'}">${flash.text}</p>` : ''}
    ${floorStatus(controls)}
    <section aria-labelledby="votering">
      ${headingOf(2, 'votering', `Voteringsrekkefølge (${toVote.length} igjen)`)}
      ${
        toVote.length === 0
          ? emptyState(
              meeting.amendments === 0
                ? 'Ingen endringsforslag er fremmet ennå.'
                : 'Alle forslagene er behandlet.',
            )
          : html`<p class="help">
                Foreslått rekkefølge: forslag til samme tekst samlet, det mest vidtgående først. Et forslag
                som et vedtatt forslag har gjort umulig, bortfaller når det voteres over.
              </p>
              ${votingOrderForm(controls)}
              ${
                meeting.enBloc.length > 0 && meeting.floor?.kind !== 'recommendations'
                  ? floorButton(
                      controls,
                      { kind: 'recommendations' },
                      'Sett komiteens innstillinger samlet til behandling nå',
                    )
                  : ''
              }
              ${enBlocForm(controls)}
              <ol class="voting-order">
                ${toVote.map((a, i) => {
                  const forms = html`<div class="officer-actions">
                    ${recommendationForm(meeting.id, a, model)} ${voteForm(meeting.id, a, model)}
                  </div>`;
                  // The next to be treated has its forms open; the others behind a click, so the page stays short.
                  const open =
                    i === 0 || onFloor(a.no) || (model.flash?.kind === 'error' && model.flash.no === a.no);
                  return html`<li>
                    ${amendmentCard(a, {
                      plans,
                      headingLevel: 3,
                      current: meeting.floor ? onFloor(a.no) : i === 0,
                      actions: html`${orderNote(model, a.no)} ${flashFor(model.flash, a.no)}
                        <div class="floor-actions">
                          ${onFloor(a.no) ? '' : floorButton(controls, { kind: 'amendment', no: a.no }, `Sett forslag ${a.no} til behandling nå`)}
                          ${contestForm(controls, a)}
                        </div>
                        ${
                          open
                            ? forms
                            : html`<details class="officer-more">
                                <summary>Innstilling og votering for forslag ${a.no}</summary>
                                ${forms}
                              </details>`
                        }`,
                    })}
                  </li>`;
                })}
              </ol>`
      }
    </section>
    <section aria-labelledby="planen-som-helhet">
      ${headingOf(2, 'planen-som-helhet', 'Planen som helhet')} ${flashFor(model.flash, undefined)}
      ${meeting.planVote || meeting.floor?.kind === 'plan' ? '' : floorButton(controls, { kind: 'plan' }, 'Sett planen som helhet til behandling nå')}
      ${planVoteForm(model, toVote.length)}
    </section>
    <section aria-labelledby="moteregler">
      ${headingOf(2, 'moteregler', 'Møteregler')} ${rulesForms(controls)}
    </section>
    ${
      decided.length > 0
        ? html`<section aria-labelledby="behandlet">
            ${headingOf(2, 'behandlet', `Behandlet (${decided.length})`)}
            ${decided.map((a) => amendmentCard(a, { plans, headingLevel: 3, actions: flashFor(model.flash, a.no) }))}
          </section>`
        : ''
    }
  </div>`;
}

/** The meeting officer's page: recommendations, the voting order, results with counts, the plan vote. */
export function officerPage(model: OfficerPageModel): Html {
  const { meeting, plan } = model;
  const org = model.organisations.find((o) => o.id === meeting.organisationId);
  return layout({
    title: `Møteledelse – ${meetingName(meeting)}`,
    meeting: true,
    organisations: model.organisations,
    currentOrgId: meeting.organisationId,
    visitor: model.visitor,
    crumbs: [
      { label: org?.name ?? meeting.organisationId, href: `/org/${meeting.organisationId}` },
      { label: plan.title, href: `/plan/${plan.id}` },
      { label: meetingName(meeting), href: `/mote/${meeting.id}` },
      { label: 'Møteledelse' },
    ],
    body: html`<h1>Møteledelse: ${meetingName(meeting)}</h1>
      ${meetingFacts(model)} ${meetingLinks(meeting, true)} ${officerRegion(model)}`,
  });
}
