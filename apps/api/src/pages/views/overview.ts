import { formatPeriodNb } from '@app/read-models';
import type { FollowUpSummary, HistoryRow, PlanSummary, PlanView } from '@app/read-models';
import { html, type Html } from '../html.js';
import { formatDate, formatNumber, LEVEL_LABEL, PLAN_STATUS_LABEL, STATUS_LABEL } from '../format.js';
import type { IndicatorSeries, OrganisationContext, PlanReports } from '../page-data.js';
import {
  bodyCodes,
  chartFigure,
  emptyState,
  statusBadge,
  statusChartSpec,
  statusSummary,
} from './components.js';
import { historyList } from './history.js';
import { chartable, indicatorBlock } from './indicators.js';
import { layout, type Visitor } from './layout.js';

export interface OverviewModel {
  readonly ctx: OrganisationContext;
  readonly plan: PlanView | undefined;
  readonly summary: FollowUpSummary | undefined;
  readonly latest: readonly HistoryRow[];
  readonly names: ReadonlyMap<string, string>;
  readonly indicators: readonly IndicatorSeries[];
  readonly reports: PlanReports | undefined;
  readonly visitor: Visitor;
}

export function planStatusText(p: {
  status: string;
  adoptedRevision: number;
  edition: string | null;
}): string {
  // A plan replaced by its successor was in force, even when its adoption was never recorded.
  const status =
    p.status === 'superseded' && p.adoptedRevision === 0
      ? `${PLAN_STATUS_LABEL.superseded} (vedtaket er ikke registrert)`
      : (PLAN_STATUS_LABEL[p.status] ?? p.status);
  const revision = p.adoptedRevision > 0 ? `, revisjon ${p.adoptedRevision}` : '';
  const edition = p.edition ? `, årsutgave ${p.edition}` : '';
  return `${status}${revision}${edition}`;
}

function planItem(p: PlanSummary, role: string): Html {
  return html`<li>
    <span class="plan-role">${role}:</span> <a href="/plan/${p.id}">${p.title}</a>
    <span class="muted">(${formatPeriodNb(p.period)}, ${planStatusText(p)})</span>
  </li>`;
}

export function planLinks(planId: string, hasPredecessor: boolean, orgId: string): Html {
  return html`<nav aria-label="Om planen" class="plan-links">
    <ul>
      <li><a href="/plan/${planId}">Les planen</a></li>
      <li><a href="/org/${orgId}/ansvar?plan=${planId}">Ansvar per organ</a></li>
      <li><a href="/plan/${planId}/mal">Måltall</a></li>
      <li><a href="/plan/${planId}/endringer">Endringer mellom revisjoner</a></li>
      ${hasPredecessor ? html`<li><a href="/plan/${planId}/revisjon">Fra forrige plan</a></li>` : ''}
      <li><a href="/plan/${planId}/moter">Møter og endringsforslag</a></li>
    </ul>
  </nav>`;
}

/** Why a plan has no adopted revisions to pick: not adopted yet, or its adoption never recorded. */
export function noRevisionsText(plan: { status: string }): string {
  return plan.status === 'superseded'
    ? 'Vedtaket av planen er ikke registrert i Planverk, så den har ingen vedtatte revisjoner å velge.'
    : 'Planen er ikke vedtatt ennå, så den har ingen vedtatte revisjoner.';
}

export function reportLinks(r: PlanReports): Html {
  const base = `/plans/${r.planId}`;
  const report = `${base}/report?from=${r.followUp.from}&to=${r.followUp.to}`;
  return html`<nav aria-label="Rapporter om planen" class="plan-links report-links">
    <ul>
      <li>
        <a href="${report}">Oppfølgingsrapport</a>
        <span class="muted"
          >(${formatDate(r.followUp.from)}–${formatDate(r.followUp.to)};
          <a href="${`${report}&format=md`}">Markdown</a>)</span
        >
      </li>
      ${
        r.predecessor
          ? html`<li>
              <a href="${base}/audit">Revisjonsrapport</a>
              <span class="muted"
                >(mot ${r.predecessor.title}; <a href="${base}/audit?format=md">Markdown</a>)</span
              >
            </li>`
          : ''
      }
      ${r.redlines.map(
        (x) =>
          html`<li>
            <a href="${`${base}/redline?${x.query}`}">${x.label}</a>
            <span class="muted"
              >(<a href="${`${base}/redline?${x.query}&format=docx`}">Word med sporede endringer</a>)</span
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

export function overviewPage(model: OverviewModel): Html {
  const { ctx, plan, summary } = model;
  const org = ctx.organisation;
  const parentOrg = ctx.organisations.find((o) => o.id === org.parentId);
  const members = model.indicators.filter(chartable).slice(0, 1);
  return layout({
    title: org.name,
    organisations: ctx.organisations,
    visitor: model.visitor,
    currentOrgId: org.id,
    charts: Boolean(summary) || members.length > 0,
    crumbs: [{ label: org.name }],
    body: html`<h1>${org.name}</h1>
      <p class="lead">
        ${LEVEL_LABEL[org.level] ?? org.level}${parentOrg ? html` under <a href="/org/${parentOrg.id}">${parentOrg.name}</a>` : ''}.
      </p>
      <section aria-labelledby="planer">
        <h2 id="planer">Planer</h2>
        ${
          ctx.plans.length === 0 && !ctx.parent
            ? emptyState('Organisasjonen har ingen planer ennå.')
            : html`<ul class="plan-list">
                ${ctx.current ? planItem(ctx.current, 'Gjeldende plan') : ''}
                ${ctx.earlier.map((p) => planItem(p, 'Tidligere plan'))}
                ${ctx.parent ? planItem(ctx.parent, 'Sentral plan som følges opp') : ''}
              </ul>`
        }
      </section>
      ${plan && summary ? currentPlanSections(model, plan, summary) : ''}
      ${
        members.length > 0 && plan
          ? html`<section aria-labelledby="maltall">
              <h2 id="maltall">Måltall</h2>
              ${members.map((s) => indicatorBlock(s, 3, 'oversikt'))}
              <p><a href="/plan/${plan.id}/mal">Alle måltall</a></p>
            </section>`
          : ''
      }`,
  });
}

function currentPlanSections(model: OverviewModel, plan: PlanView, summary: FollowUpSummary): Html {
  const withMeasures = summary.sections.filter((s) => s.measures > 0);
  return html`<section aria-labelledby="gjeldende" class="current-plan">
    <h2 id="gjeldende">Gjeldende plan: ${plan.title}</h2>
    <p class="muted">${planStatusText(plan)}. Forfalt er vurdert per ${formatDate(summary.asOf)}.</p>
    ${planLinks(plan.id, plan.predecessorPlanId !== null, plan.organisationId)}
    ${model.reports ? reportLinks(model.reports) : ''}
    <div class="two-col">
      ${statusSummary(summary.byStatus, summary.measures, summary.overdue, { headingLevel: 3 })}
      ${chartFigure(
        'status-chart',
        `Tiltak etter status: ${Object.entries(summary.byStatus)
          .map(([s, n]) => `${STATUS_LABEL[s as keyof typeof STATUS_LABEL]} ${n}`)
          .join(', ')}`,
        statusChartSpec(summary.byStatus),
        'Tiltak etter status',
      )}
    </div>
    <h3>Framdrift per kapittel</h3>
    ${
      withMeasures.length === 0
        ? emptyState('Planen har ingen tiltak ennå.')
        : html`<div class="table-scroll">
            <table class="data progress-table">
              <caption>
                Tiltak per kapittel etter status
              </caption>
              <thead>
                <tr>
                  <th scope="col">Kapittel</th>
                  <th scope="col" class="num">Tiltak</th>
                  ${Object.values(STATUS_LABEL).map((l) => html`<th scope="col" class="num">${l}</th>`)}
                  <th scope="col" class="num">Forfalt</th>
                  <th scope="col">Andel gjennomført</th>
                </tr>
              </thead>
              <tbody>
                ${withMeasures.map(
                  (s) =>
                    html`<tr>
                      <th scope="row">
                        <a href="/plan/${plan.id}#kapittel-${s.number}">${s.number} ${s.title}</a>
                      </th>
                      <td class="num">${s.measures}</td>
                      ${Object.keys(STATUS_LABEL).map((k) => html`<td class="num">${s.byStatus[k as keyof typeof s.byStatus]}</td>`)}
                      <td class="num">${s.overdue}</td>
                      <td>
                        <progress
                          max="${s.measures}"
                          value="${s.byStatus.done}"
                          aria-label="Gjennomført i kapittel ${s.number}"
                        >
                          ${Math.round((s.byStatus.done / s.measures) * 100)} %
                        </progress>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    <h3 id="forfalte">Forfalte tiltak (${formatNumber(summary.overdueMeasures.length)})</h3>
    ${
      summary.overdueMeasures.length === 0
        ? emptyState('Ingen tiltak er forfalt.')
        : html`<ul class="measure-list" aria-labelledby="forfalte">
            ${summary.overdueMeasures.map(
              (m) =>
                html`<li>
                  <a href="/plan/${plan.id}/tiltak/${m.id}">${m.address}</a> ${statusBadge(m.status)}
                  <span class="muted"
                    >frist ${formatDate(m.due)} (${m.timing}) ·
                    ${bodyCodes(m.responsible, plan.bodies, false, m.parties)}</span
                  ><br /><span class="clip">${m.text}</span>
                </li>`,
            )}
          </ul>`
    }
    <h3 id="uten-ansvar">Tiltak uten ansvarlig (${formatNumber(summary.withoutResponsible.length)})</h3>
    ${
      summary.withoutResponsible.length === 0
        ? emptyState('Alle tiltak har en ansvarlig.')
        : html`<ul class="measure-list" aria-labelledby="uten-ansvar">
            ${summary.withoutResponsible.map(
              (m) =>
                html`<li>
                  <a href="/plan/${plan.id}/tiltak/${m.id}">${m.address}</a>
                  ${statusBadge(m.status)}<br /><span class="clip">${m.text}</span>
                </li>`,
            )}
          </ul>`
    }
    <h3>Siste endringer</h3>
    ${model.latest.length === 0 ? emptyState('Ingen endringer ennå.') : historyList(model.latest, model.names)}
    <p><a href="/plan/${plan.id}/endringer">Se endringer mellom revisjoner</a></p>
  </section>`;
}
