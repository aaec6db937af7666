import { describeDeadline } from '@app/domain';
import { flattenGoals, flattenMeasures, flattenSections, type PlanView } from '@app/read-models';
import { randomUUID } from 'node:crypto';
import { html, raw, type Html } from '../../html.js';
import { AMENDMENT_KINDS, type AmendmentFormValues } from '../amendment-form.js';

export interface FilingFormModel {
  readonly meetingId: string;
  /** The plan as the meeting received it: the parts an amendment may target. */
  readonly papers: PlanView;
  readonly csrf: string | undefined;
  /** What was typed, shown again with a refusal. */
  readonly values?: AmendmentFormValues;
  readonly flash?: { readonly kind: 'ok' | 'error'; readonly text: string };
  /** Filed by the meeting officer (on a proposer's behalf, after the deadline too). */
  readonly asOfficer: boolean;
  /** The meeting's deadline for amendments (an ISO instant), if it has one: a member is told when it has passed. */
  readonly deadline?: string | null;
}

/** For a member, once the deadline has passed: that only the officer files now (the form still says why on a try). */
function deadlineNotice(model: FilingFormModel): Html {
  if (model.asOfficer || !model.deadline || Date.parse(model.deadline) > Date.now()) return html``;
  return html`<p class="notice">
    Fristen for endringsforslag gikk ut ${describeDeadline(model.deadline)}. Nå fremmer bare møteledelsen
    forslag.
  </p>`;
}

const clip = (text: string, length = 70): string =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;

/** Every part of the papers an amendment can target, in reading order: "Tiltak 4.2.J: Vi skal ...". */
function elementOptions(papers: PlanView): Array<{ value: string; label: string }> {
  const options: Array<{ value: string; label: string }> = [];
  for (const s of flattenSections(papers.sections)) {
    options.push({ value: `section:${s.number}`, label: `Kapittel ${s.number} ${clip(s.title, 50)}` });
    for (const g of flattenGoals([{ ...s, sections: [] }]))
      options.push({ value: `goal:${g.address}`, label: `Mål ${g.address}: ${clip(g.text)}` });
    for (const m of flattenMeasures([{ ...s, sections: [] }]))
      options.push({ value: `measure:${m.address}`, label: `Tiltak ${m.address}: ${clip(m.text)}` });
  }
  return options;
}

/**
 * The filing form: where (lines of the papers, or a part of the plan, chosen here or by a click
 * on the papers), what kind of amendment, its text, the justification and the proposer. It posts
 * to /mote/:id/forslag; the answer is the form again, with the amendment's number or the reason
 * it was refused.
 */
export function filingForm(model: FilingFormModel): Html {
  const v = model.values ?? {};
  const action = `/mote/${model.meetingId}/forslag`;
  const kind = v.type ?? 'endring';
  const field = (name: string, label: string, help?: string, long = false): Html =>
    html`<div class="field filing-field" data-for="${fieldKinds[name] ?? ''}">
      <label for="forslag-${name}">${label}</label>
      ${
        long
          ? html`<textarea
              id="forslag-${name}"
              name="${name}"
              rows="2"
              maxlength="5000"
              ${help ? html`aria-describedby="forslag-${name}-hjelp"` : ''}
            >
${v[name] ?? ''}</textarea>`
          : html`<input
              id="forslag-${name}"
              name="${name}"
              maxlength="2000"
              value="${v[name] ?? ''}"
              ${help ? html`aria-describedby="forslag-${name}-hjelp"` : ''}
            />`
      }
      ${help ? html`<p class="help" id="forslag-${name}-hjelp">${help}</p>` : ''}
    </div>`;
  return html`<form
    id="forslagsskjema"
    class="action-form filing-form"
    method="post"
    action="${action}"
    hx-post="${action}"
    hx-target="this"
    hx-swap="outerHTML"
  >
    <input type="hidden" name="commandId" value="${randomUUID()}" />
    ${model.csrf ? html`<input type="hidden" name="_csrf" value="${model.csrf}" />` : ''}
    ${model.flash ? html`<p class="flash flash-${model.flash.kind}" role="${model.flash.kind === 'ok' ? 'status' : 'alert'}">${model.flash.text}</p>` : deadlineNotice(model)}
    <fieldset>
      <legend>Hvor i planen</legend>
      <div class="field">
        <label for="forslag-linjer">Linjer i sakspapiret</label>
        <input
          id="forslag-linjer"
          name="linjer"
          inputmode="numeric"
          value="${v.linjer ?? ''}"
          aria-describedby="forslag-linjer-hjelp"
        />
        <p class="help" id="forslag-linjer-hjelp">For eksempel 53 eller 50–53.</p>
        <label class="choice"
          ><input type="checkbox" name="ny" value="true" ${v.ny === 'true' ? raw(' checked') : ''} /> Ny linje
          (nytt tiltak eller mål der linjen står)</label
        >
      </div>
      <div class="field">
        <label for="forslag-del">eller del av planen</label>
        <select id="forslag-del" name="del">
          <option value="">Velg …</option>
          ${elementOptions(model.papers).map((o) => html`<option value="${o.value}" ${o.value === v.del ? raw(' selected') : ''}>${o.label}</option>`)}
        </select>
      </div>
    </fieldset>
    <fieldset>
      <legend>Forslaget</legend>
      <div class="choices" role="radiogroup" aria-label="Type forslag">
        ${AMENDMENT_KINDS.map(
          ([value, label]) =>
            html`<label class="choice"
              ><input type="radio" name="type" value="${value}" ${value === kind ? raw(' checked') : ''} />
              ${label}</label
            >`,
        )}
      </div>
      ${field('fra', 'Tekst som strykes (sitert nøyaktig fra sakspapiret)', undefined, true)}
      ${field('til', 'Erstattes med', undefined, true)}
      ${field('etter', 'Sett inn etter (valgfri; uten: til slutt)')}
      ${field('tekst', 'Ny tekst', undefined, true)}
      ${field('gjennomforing', 'Gjennomføring', 'For eksempel «Høst 2026» eller «Årlig».')}
      ${field('ansvar', 'Ansvar', 'Organkoder med komma mellom, det første har hovedansvaret: FS, LL.')}
      ${field('begrunnelse', 'Begrunnelse', undefined, true)}
      ${field('forslagsstiller', model.asOfficer ? 'Forslagsstiller (for eksempel «Sagene SV»)' : 'Forslagsstiller (ditt navn eller laget ditt)')}
      <button type="submit">Fremme forslaget</button>
    </fieldset>
  </form>`;
}

/** Which kinds use a field: pages.js shows only the fields of the kind chosen (all without JavaScript). */
const fieldKinds: Record<string, string> = {
  fra: 'endring stryking',
  til: 'endring',
  etter: 'tillegg',
  tekst: 'tillegg nytt-tiltak nytt-mal',
  gjennomforing: 'nytt-tiltak gjennomforing',
  ansvar: 'nytt-tiltak ansvar',
};
