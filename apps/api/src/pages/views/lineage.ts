import type { LinkKind } from '@app/domain';
import {
  countLineage,
  LINEAGE_KINDS,
  LINEAGE_LABEL_NB,
  type GoalRef,
  type Lineage,
  type LineageCounts,
  type LineageLink,
  type MeasureRef,
  type OrganisationView,
  type PlanView,
  formatPeriodNb,
} from '@app/read-models';
import { randomUUID } from 'node:crypto';
import { html, type Html } from '../html.js';
import { formatDate, statusLabel } from '../format.js';
import { emptyState } from './components.js';
import { describeTarget, redline } from './history.js';
import { layout, type Visitor } from './layout.js';
import type { PlanReports } from '../page-data.js';
import { planLinks, reportLinks } from './overview.js';

export interface LineagePageModel {
  readonly plan: PlanView;
  readonly predecessor: PlanView | undefined;
  readonly lineage: Lineage | undefined;
  readonly organisations: OrganisationView[];
  readonly reports: PlanReports;
  /** A plan editor of the plan's organisation: may confirm and reject links. */
  readonly canEdit: boolean;
  readonly csrf?: string | undefined;
  readonly visitor: Visitor;
  /** Who made a decision, by the name people know them by. */
  readonly actorNames: ReadonlyMap<string, string>;
  /** After a confirmation or a rejection: what happened, or why it was refused. */
  readonly flash?: { readonly kind: 'ok' | 'error'; readonly text: string } | undefined;
}

/** The anchor of a link on the page: the same for its elements whatever their order. */
export function linkAnchor(
  element: 'tiltak' | 'mal',
  from: readonly string[],
  to: readonly string[],
): string {
  const first = to[0] ?? from[0] ?? 'x';
  return `kobling-${element}-${first}`;
}

export function lineagePage(model: LineagePageModel): Html {
  const { plan, lineage, predecessor } = model;
  const org = model.organisations.find((o) => o.id === plan.organisationId);
  return layout({
    title: `Fra forrige plan – ${plan.title}`,
    organisations: model.organisations,
    currentOrgId: plan.organisationId,
    visitor: model.visitor,
    crumbs: [
      { label: org?.name ?? plan.organisationId, href: `/org/${plan.organisationId}` },
      { label: plan.title, href: `/plan/${plan.id}` },
      { label: 'Fra forrige plan' },
    ],
    body: html`<h1>Fra forrige plan</h1>
      ${
        !predecessor || !lineage
          ? emptyState('Planen har ingen forrige plan å sammenligne med.')
          : html`<p class="lead">
                Hvordan tiltakene og målene i <a href="/plan/${predecessor.id}">${predecessor.title}</a> er
                videreført i <a href="/plan/${plan.id}">${plan.title}</a>.
              </p>
              <p class="compared">${comparedText(plan, lineage)}</p>
              ${planLinks(plan.id, true, plan.organisationId)} ${reportLinks(model.reports)}
              <p class="notice" role="note">
                Koblingene er foreslått ut fra hvor like tekstene er (prosenten), til en person har bekreftet
                dem.
                ${model.canEdit ? 'Som planredaktør kan du bekrefte eller avvise hver kobling.' : 'En planredaktør kan bekrefte eller avvise dem.'}
              </p>
              ${model.flash ? html`<p class="flash flash-${model.flash.kind}" role="${model.flash.kind === 'ok' ? 'status' : 'alert'}">${model.flash.text}</p>` : ''}
              <div class="two-col">
                ${countsTable('Tiltak', 'tiltak', countLineage(lineage.measures), predecessor, plan)}
                ${countsTable('Mål', 'mal', countLineage(lineage.goals), predecessor, plan)}
              </div>
              ${
                lineage.diff.sections.renumbered.length > 0
                  ? html`<h2>Kapitler med nytt nummer</h2>
                      <ul class="changes">
                        ${lineage.diff.sections.renumbered.map((r) => html`<li>${r.title}: ${r.fromNumber} → ${r.toNumber}</li>`)}
                      </ul>`
                  : ''
              }
              <h2 id="tiltak">Tiltak</h2>
              ${LINEAGE_KINDS.map((k) =>
                group(
                  model,
                  'tiltak',
                  k,
                  lineage.measures.filter((l) => l.kind === k),
                  predecessor.id,
                ),
              )}
              <h2 id="mal">Mål</h2>
              ${LINEAGE_KINDS.map((k) =>
                group(
                  model,
                  'mal',
                  k,
                  lineage.goals.filter((l) => l.kind === k),
                  predecessor.id,
                ),
              )}`
      }`,
  });
}

/** Which version of this plan the page compares with, and how to see the other. */
function comparedText(plan: PlanView, lineage: Lineage): Html {
  const adoption = plan.adoptions.find((a) => a.revision === lineage.toRevision);
  const first = plan.adoptions[0];
  if (adoption)
    return html`Sammenlignet med planen slik den ble vedtatt som revisjon ${adoption.revision}
      (${adoption.body}
      ${formatDate(adoption.date)}${adoption.edition ? `, årsutgave ${adoption.edition}` : ''}).
      ${lineage.toRevision === first?.revision && plan.adoptions.length > 1 ? 'Senere årsutgaver er endringer i planen, ikke videreføring fra den forrige.' : ''}
      <a href="/plan/${plan.id}/revisjon?versjon=na">Sammenlign med planen slik den er nå</a>.`;
  return html`Sammenlignet med planen slik den er nå.
  ${first ? html`<a href="/plan/${plan.id}/revisjon">Sammenlign med planen slik den først ble vedtatt</a>.` : ''}`;
}

function countsTable(
  caption: string,
  element: 'tiltak' | 'mal',
  counts: LineageCounts,
  from: PlanView,
  to: PlanView,
): Html {
  return html`<table class="data lineage-summary" data-lineage="${element}">
    <caption>
      ${caption} fra plan til plan
    </caption>
    <thead>
      <tr>
        <th scope="col">Hvordan</th>
        <th scope="col" class="num">Koblinger</th>
        <th scope="col" class="num">I ${formatPeriodNb(from.period)}</th>
        <th scope="col" class="num">I ${formatPeriodNb(to.period)}</th>
      </tr>
    </thead>
    <tbody>
      ${LINEAGE_KINDS.map(
        (k) =>
          html`<tr>
            <th scope="row">
              ${counts[k].links > 0 ? html`<a href="#${element}-${k}">${LINEAGE_LABEL_NB[k]}</a>` : LINEAGE_LABEL_NB[k]}
            </th>
            <td class="num" data-lineage-count="${k}">${counts[k].links}</td>
            <td class="num">${counts[k].from}</td>
            <td class="num">${counts[k].to}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

type Ref = MeasureRef | GoalRef;
const isMeasure = (r: Ref): r is MeasureRef => 'status' in r;

function group(
  model: LineagePageModel,
  element: 'tiltak' | 'mal',
  kind: LinkKind,
  links: readonly LineageLink<Ref>[],
  fromPlanId: string,
): Html {
  if (links.length === 0) return html``;
  return html`<section aria-labelledby="${element}-${kind}" class="lineage-group">
    <h3 id="${element}-${kind}">${LINEAGE_LABEL_NB[kind]} (${links.length})</h3>
    <ul class="changes">
      ${links.map((l) => entry(model, element, l, fromPlanId))}
    </ul>
  </section>`;
}

function refLink(r: Ref, planId: string): Html {
  if (isMeasure(r))
    return html`<a href="/plan/${planId}/tiltak/${r.id}">${r.address}</a>
      <span class="muted">(${statusLabel(r.status)})</span>`;
  return html`<a href="/plan/${planId}#mal-${r.address}">${r.address}</a>`;
}

function refText(r: Ref): Html {
  return html`${r.text}${!isMeasure(r) && r.target ? html` <span class="target">Måltall: ${describeTarget(r.target)}</span>` : ''}`;
}

function entry(
  model: LineagePageModel,
  element: 'tiltak' | 'mal',
  l: LineageLink<Ref>,
  fromPlanId: string,
): Html {
  const planId = model.plan.id;
  const side = (refs: readonly Ref[], plan: string) =>
    refs.map((r, i) => html`${i > 0 ? ' + ' : ''}${refLink(r, plan)}`);
  const decided = model.lineage?.decisions.find(
    (d) =>
      d.decision === 'confirmed' &&
      d.from.length === l.from.length &&
      d.to.length === l.to.length &&
      d.from.every((id) => l.from.some((r) => r.id === id)) &&
      d.to.every((id) => l.to.some((r) => r.id === id)),
  );
  const linked = l.kind !== 'new' && l.kind !== 'dropped';
  const texts =
    l.parts && l.from.length === 1 && l.to.length === 1
      ? redline(l.parts)
      : l.from.length > 0 && l.to.length > 0
        ? html`<span class="lineage-texts"
            >${l.from.map((r) => html`<del>${r.text}</del> `)}${l.to.map((r) => html`<ins>${refText(r)}</ins> `)}</span
          >`
        : html`<span class="clip">${refText((l.to[0] ?? l.from[0])!)}</span>`;
  return html`<li
    id="${linkAnchor(
      element,
      l.from.map((r) => r.id),
      l.to.map((r) => r.id),
    )}"
  >
    ${l.from.length > 0 ? html`<span class="lineage-from">${side(l.from, fromPlanId)}</span>` : ''}
    ${l.from.length > 0 && l.to.length > 0 ? ' → ' : ''}
    ${l.to.length > 0 ? html`<span class="lineage-to">${side(l.to, planId)}</span>` : ''}
    ${linked && !l.confirmed ? html` <span class="score">${Math.round(l.score * 100)} % lik</span>` : ''}
    ${l.confirmed ? html` <span class="badge confirmed">Bekreftet${decided ? html` av ${model.actorNames.get(decided.actor) ?? 'en planredaktør'} ${formatDate(decided.at)}` : ''}</span>` : ''}
    <br />${texts}
    ${linked && !l.confirmed && model.canEdit ? decisionForms(model, element, l, fromPlanId) : ''}
  </li>`;
}

function decisionForms(
  model: LineagePageModel,
  element: 'tiltak' | 'mal',
  l: LineageLink<Ref>,
  fromPlanId: string,
): Html {
  const base = `/plan/${model.plan.id}/revisjon`;
  const fields = html`<input type="hidden" name="fromPlanId" value="${fromPlanId}" />
    <input type="hidden" name="from" value="${l.from.map((r) => r.id).join(',')}" />
    <input type="hidden" name="to" value="${l.to.map((r) => r.id).join(',')}" />
    <input type="hidden" name="element" value="${element}" />
    ${model.csrf ? html`<input type="hidden" name="_csrf" value="${model.csrf}" />` : ''}`;
  const what = `${l.from.map((r) => r.address).join(' + ')} → ${l.to.map((r) => r.address).join(' + ')}`;
  return html`<div class="lineage-actions no-print">
    <form method="post" action="${base}/bekreft" class="inline-form">
      ${fields}<input type="hidden" name="kind" value="${l.kind}" />
      <input type="hidden" name="commandId" value="${randomUUID()}" />
      <button type="submit" aria-label="Bekreft koblingen ${what}">Bekreft</button>
    </form>
    <form method="post" action="${base}/avvis" class="inline-form">
      ${fields}<input type="hidden" name="commandId" value="${randomUUID()}" />
      <button type="submit" class="secondary" aria-label="Avvis koblingen ${what}">Avvis</button>
    </form>
  </div>`;
}
