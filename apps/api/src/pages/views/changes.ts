import { describeCauseNb, type OrganisationView, type PlanDiff, type PlanView } from '@app/read-models';
import { html, raw, type Html } from '../html.js';
import { countNb, formatDate } from '../format.js';
import { emptyState } from './components.js';
import { describeTarget, redline, redlineOf } from './history.js';
import { layout, type Visitor } from './layout.js';
import { planLinks } from './overview.js';

export interface ChangesRequest {
  readonly from?: number;
  readonly to?: number;
  readonly fromAsOf?: string;
  readonly toAsOf?: string;
}

export interface ChangesPageModel {
  readonly plan: PlanView;
  readonly request: ChangesRequest;
  readonly diff: PlanDiff | undefined;
  readonly problem: string | undefined;
  readonly organisations: OrganisationView[];
  readonly visitor: Visitor;
  /** Meeting ids to their names, for the causes ("Oslo SVs årsmøte 2026, endringsforslag 4"). */
  readonly meetings: ReadonlyMap<string, string>;
}

function revisionOptions(plan: PlanView, selected: number | undefined, none: string): Html {
  return html`<option value="" ${selected === undefined ? raw(' selected') : ''}>${none}</option>
    ${plan.adoptions.map(
      (a) =>
        html`<option value="${a.revision}" ${a.revision === selected ? raw(' selected') : ''}>
          Revisjon ${a.revision} (${a.body} ${formatDate(a.date)})
        </option>`,
    )}`;
}

function sideText(
  side: { adoptedRevision: number; revision: number },
  which: 'from' | 'to',
  r: ChangesRequest,
): string {
  const revision = which === 'from' ? r.from : r.to;
  const asOf = which === 'from' ? r.fromAsOf : r.toAsOf;
  if (revision !== undefined) return `revisjon ${revision}`;
  if (asOf !== undefined) return `planen per ${formatDate(asOf)}`;
  return 'planen nå';
}

export function changesPage(model: ChangesPageModel): Html {
  const { plan, request, diff } = model;
  const org = model.organisations.find((o) => o.id === plan.organisationId);
  return layout({
    title: `Endringer – ${plan.title}`,
    organisations: model.organisations,
    visitor: model.visitor,
    currentOrgId: plan.organisationId,
    crumbs: [
      { label: org?.name ?? plan.organisationId, href: `/org/${plan.organisationId}` },
      { label: plan.title, href: `/plan/${plan.id}` },
      { label: 'Endringer' },
    ],
    body: html`<h1>Endringer i planen</h1>
      <p class="lead">
        Hva som er endret mellom to vedtatte revisjoner av <a href="/plan/${plan.id}">${plan.title}</a>, eller
        mellom to datoer. Strøket tekst er <del>overstreket</del>, ny tekst er <ins>understreket</ins>.
      </p>
      ${planLinks(plan.id, plan.predecessorPlanId !== null, plan.organisationId)}
      <form
        method="get"
        action="/plan/${plan.id}/endringer"
        class="filter no-print"
        aria-label="Velg hva som skal sammenlignes"
      >
        <div class="field">
          <label for="from">Fra revisjon</label
          ><select id="from" name="from">
            ${revisionOptions(plan, request.from, 'Ingen (bruk dato)')}
          </select>
        </div>
        <div class="field">
          <label for="fromAsOf">eller fra dato</label
          ><input type="date" id="fromAsOf" name="fromAsOf" value="${request.fromAsOf ?? ''}" />
        </div>
        <div class="field">
          <label for="to">Til revisjon</label
          ><select id="to" name="to">
            ${revisionOptions(plan, request.to, 'Planen nå')}
          </select>
        </div>
        <div class="field">
          <label for="toAsOf">eller til dato</label
          ><input type="date" id="toAsOf" name="toAsOf" value="${request.toAsOf ?? ''}" />
        </div>
        <div class="field actions"><button type="submit">Sammenlign</button></div>
      </form>
      ${model.problem ? html`<p class="notice" role="alert">${model.problem}</p>` : ''}
      ${diff ? diffBody(diff, request, model.meetings) : ''}`,
  });
}

/** Why an element changed: the meeting and amendment, or the decision, recorded on its events. */
function why(diff: PlanDiff, id: string, meetings: ReadonlyMap<string, string>): Html {
  const described = [...new Set((diff.causes[id] ?? []).map((c) => describeCauseNb(c, meetings)))].filter(
    (d) => d !== '',
  );
  return described.length > 0 ? html` <span class="cause">(${described.join('; ')})</span>` : html``;
}

function diffBody(diff: PlanDiff, request: ChangesRequest, meetings: ReadonlyMap<string, string>): Html {
  const cause = (id: string) => why(diff, id, meetings);
  const m = diff.measures;
  const g = diff.goals;
  const s = diff.sections;
  const changes =
    m.added.length +
    m.removed.length +
    m.reworded.length +
    m.retimed.length +
    m.reassigned.length +
    m.moved.length +
    g.added.length +
    g.removed.length +
    g.reworded.length +
    g.targetChanged.length +
    s.added.length +
    s.removed.length +
    s.retitled.length +
    s.introRevised.length +
    (diff.title ? 1 : 0);
  return html`<section aria-labelledby="sammenligning" class="diff">
    <h2 id="sammenligning">
      Fra ${sideText(diff.from, 'from', request)} til ${sideText(diff.to, 'to', request)}
    </h2>
    <p class="diff-summary" data-diff-changes="${changes}">
      ${
        changes === 0
          ? 'Ingen endringer.'
          : html`${countNb(changes, 'endring', 'endringer')}:
            ${countNb(m.added.length, 'tiltak lagt til', 'tiltak lagt til')},
            ${countNb(m.removed.length, 'strøket', 'strøket')},
            ${countNb(m.reworded.length, 'omformulert', 'omformulert')},
            ${countNb(m.retimed.length, 'ny gjennomføring', 'nye gjennomføringer')},
            ${countNb(m.reassigned.length, 'nytt ansvar', 'nye ansvar')}.`
      }
      Uendret: ${countNb(diff.unchanged.measures, 'tiltak', 'tiltak')},
      ${countNb(diff.unchanged.goals, 'mål', 'mål')}.
    </p>
    ${
      diff.title
        ? html`<h3>Tittel</h3>
            <p>${redline(diff.title.parts)}</p>`
        : ''
    }
    ${
      s.added.length + s.removed.length + s.retitled.length + s.introRevised.length > 0
        ? html`<h3>Kapitler</h3>
            <ul class="changes">
              ${s.added.map((x) => html`<li><ins>Nytt kapittel ${x.number} ${x.title}</ins>${cause(x.id)}</li>`)}
              ${s.removed.map((x) => html`<li><del>Kapittel ${x.number} ${x.title}</del> strøket${cause(x.id)}</li>`)}
              ${s.retitled.map((x) => html`<li>Kapittel ${x.toNumber}: ${redlineOf(x.from, x.to)}${cause(x.toId)}</li>`)}
              ${s.introRevised.map((x) => html`<li>Innledningen til kapittel ${x.toNumber}: ${redline(x.parts)}${cause(x.toId)}</li>`)}
            </ul>`
        : ''
    }
    ${
      g.added.length + g.removed.length + g.reworded.length + g.targetChanged.length > 0
        ? html`<h3>Mål</h3>
            <ul class="changes">
              ${g.added.map((x) => html`<li>Nytt mål ${x.address}: <ins>${x.text}</ins>${cause(x.id)}</li>`)}
              ${g.removed.map((x) => html`<li>Mål ${x.address} strøket: <del>${x.text}</del>${cause(x.id)}</li>`)}
              ${g.reworded.map((x) => html`<li>Mål ${x.toAddress}: ${redline(x.parts)}${cause(x.toId)}</li>`)}
              ${g.targetChanged.map((x) => html`<li>Måltall for ${x.toAddress}: <del>${describeTarget(x.from) || 'ingen'}</del> <ins>${describeTarget(x.to) || 'ingen'}</ins>${cause(x.toId)}</li>`)}
            </ul>`
        : ''
    }
    <h3>Tiltak</h3>
    ${
      m.added.length +
        m.removed.length +
        m.reworded.length +
        m.retimed.length +
        m.reassigned.length +
        m.moved.length ===
      0
        ? emptyState('Ingen tiltak er endret.')
        : html`<ul class="changes">
            ${m.added.map((x) => html`<li>Nytt tiltak ${x.address}: <ins>${x.text}</ins> <span class="muted">(${x.timing}; ${x.responsible.join(', ') || 'ingen ansvarlig'})</span>${cause(x.id)}</li>`)}
            ${m.removed.map((x) => html`<li>Tiltak ${x.address} strøket: <del>${x.text}</del>${cause(x.id)}</li>`)}
            ${m.reworded.map((x) => html`<li>Tiltak ${x.toAddress} omformulert: ${redline(x.parts)}${cause(x.toId)}</li>`)}
            ${m.retimed.map((x) => html`<li>Tiltak ${x.toAddress}, gjennomføring: ${redlineOf(x.from, x.to)}${cause(x.toId)}</li>`)}
            ${m.reassigned.map((x) => html`<li>Tiltak ${x.toAddress}, ansvar: <del>${x.from.join(', ') || 'ingen'}</del> <ins>${x.to.join(', ') || 'ingen'}</ins>${cause(x.toId)}</li>`)}
            ${m.moved.map((x) => html`<li>Tiltak ${x.fromAddress} flyttet til ${x.toAddress}${cause(x.toId)}</li>`)}
          </ul>`
    }
  </section>`;
}
