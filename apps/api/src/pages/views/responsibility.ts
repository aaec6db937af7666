import { MEASURE_STATUSES } from '@app/domain';
import {
  flattenMeasures,
  flattenSections,
  responsibleNames,
  type MeasureView,
  type PlanView,
} from '@app/read-models';
import { html, raw, type Html } from '../html.js';
import { formatDate, formatNumber, STATUS_LABEL } from '../format.js';
import type { OrganisationContext } from '../page-data.js';
import { emptyState, overdueBadge, statusBadge } from './components.js';
import { planLinks } from './overview.js';
import { layout, type Visitor } from './layout.js';

export interface ResponsibilityFilter {
  readonly plan?: string;
  /** A body's code, or the name of a responsible party that is not a body. */
  readonly body?: string;
  readonly section?: string;
  readonly status?: string;
  /** A year ("2026"), "forfalt" (overdue) or "uten" (no due date: continuous, annual, unparsed). */
  readonly due?: string;
}

export function matchesFilter(m: MeasureView, f: ResponsibilityFilter): boolean {
  if (f.body && !responsibleNames(m).includes(f.body)) return false;
  if (f.section && !m.address.startsWith(`${f.section}.`)) return false;
  if (f.status && m.status !== f.status) return false;
  if (f.due === 'forfalt' && !m.overdue) return false;
  if (f.due === 'uten' && m.due !== null) return false;
  if (f.due && /^\d{4}$/.test(f.due) && !m.due?.startsWith(f.due)) return false;
  return true;
}

function dueOptions(plan: PlanView): Array<[string, string]> {
  const years: Array<[string, string]> = [];
  for (let y = plan.period.from; y <= plan.period.to; y++) years.push([String(y), `Frist i ${y}`]);
  return [['forfalt', 'Forfalt'], ...years, ['uten', 'Uten fast frist (løpende, årlig)']];
}

function select(
  name: string,
  label: string,
  options: ReadonlyArray<readonly [string, string]>,
  value: string | undefined,
): Html {
  return html`<div class="field">
    <label for="filter-${name}">${label}</label>
    <select id="filter-${name}" name="${name}">
      ${options.map(
        ([v, l]) => html`<option value="${v}" ${v === (value ?? '') ? raw(' selected') : ''}>${l}</option>`,
      )}
    </select>
  </div>`;
}

export function responsibilityPage(
  ctx: OrganisationContext,
  plan: PlanView | undefined,
  filter: ResponsibilityFilter,
  visitor: Visitor,
): Html {
  const org = ctx.organisation;
  const shell = { organisations: ctx.organisations, currentOrgId: org.id, visitor };
  const crumbs = [{ label: org.name, href: `/org/${org.id}` }, { label: 'Ansvar per organ' }];
  if (!plan) {
    return layout({
      ...shell,
      title: `Ansvar – ${org.name}`,
      crumbs,
      body: html`<h1>Ansvar per organ</h1>
        ${emptyState('Organisasjonen har ingen planer ennå.')}`,
    });
  }
  const all = flattenMeasures(plan.sections);
  const measures = all.filter((m) => matchesFilter(m, filter));
  const names = new Map(plan.bodies.map((b) => [b.code, b.name]));
  // The declared bodies, then codes measures name that the plan never declared, then the named
  // parties that are not bodies ("Programkomitéene"): each is someone the board follows up.
  const codes = [...plan.bodies.map((b) => b.code)];
  for (const m of all) for (const c of responsibleNames(m)) if (!codes.includes(c)) codes.push(c);
  const parties = new Set(all.flatMap((m) => m.parties));
  const shown = filter.body ? [filter.body] : codes;
  const groups = shown
    .map((code) => ({ code, measures: measures.filter((m) => responsibleNames(m).includes(code)) }))
    .filter((g) => g.measures.length > 0 || g.code === filter.body);
  const unassigned = filter.body ? [] : measures.filter((m) => responsibleNames(m).length === 0);
  const sections = flattenSections(plan.sections).filter((s) =>
    all.some((m) => m.address.startsWith(`${s.number}.`)),
  );
  const bodyName = (code: string) =>
    names.get(code) ?? (parties.has(code) ? 'navngitt ansvarlig, ikke et organ i planen' : code);

  return layout({
    ...shell,
    title: `Ansvar – ${plan.title}`,
    crumbs,
    body: html`<h1>Ansvar per organ</h1>
      <p class="lead">
        Hva hvert organ har ansvar for i <a href="/plan/${plan.id}">${plan.title}</a>, med status og frist.
        Filteret ligger i adressen, så lenken kan sendes videre.
      </p>
      ${planLinks(plan.id, plan.predecessorPlanId !== null, plan.organisationId)}
      <form
        method="get"
        action="/org/${org.id}/ansvar"
        class="filter no-print"
        role="search"
        aria-label="Filtrer tiltak"
      >
        ${
          ctx.plans.length > 1
            ? select(
                'plan',
                'Plan',
                ctx.plans.map((p) => [p.id, p.title] as const),
                plan.id,
              )
            : html`<input type="hidden" name="plan" value="${plan.id}" />`
        }
        ${select('body', 'Organ', [['', 'Alle organer'], ...codes.map((c) => [c, `${c} – ${bodyName(c)}`] as const)], filter.body)}
        ${select('section', 'Kapittel', [['', 'Alle kapitler'], ...sections.map((s) => [s.number, `${s.number} ${s.title}`] as const)], filter.section)}
        ${select('status', 'Status', [['', 'Alle statuser'], ...MEASURE_STATUSES.map((s) => [s, STATUS_LABEL[s]] as const)], filter.status)}
        ${select('due', 'Frist', [['', 'Alle frister'], ...dueOptions(plan)], filter.due)}
        <div class="field actions">
          <button type="submit">Vis</button> <a href="/org/${org.id}/ansvar?plan=${plan.id}">Nullstill</a>
        </div>
      </form>
      <p class="result-count" role="status">
        <span data-result-count>${formatNumber(measures.length)}</span> tiltak passer
        filteret${filter.body ? html` for ${filter.body} (${bodyName(filter.body)})` : ''}.
      </p>
      ${groups.length === 0 && unassigned.length === 0 ? emptyState('Ingen tiltak passer filteret.') : ''}
      ${groups.length > 1 ? summaryTable(groups, bodyName, org.id, plan.id, filter) : ''}
      ${groups.map(
        (g) =>
          html`<section class="body-group" aria-labelledby="${groupId(g.code)}">
            <h2 id="${groupId(g.code)}">
              ${g.code} – ${bodyName(g.code)} <span class="muted">(${g.measures.length} tiltak)</span>
            </h2>
            ${g.measures.length === 0 ? emptyState('Ingen tiltak passer filteret.') : measureTable(plan.id, g.measures, g.code)}
          </section>`,
      )}
      ${
        unassigned.length > 0
          ? html`<section class="body-group" aria-labelledby="organ-uten">
              <h2 id="organ-uten">Uten ansvarlig <span class="muted">(${unassigned.length} tiltak)</span></h2>
              ${measureTable(plan.id, unassigned, undefined)}
            </section>`
          : ''
      }`,
  });
}

/** An element id for a body's or a named party's group ("Skeive sosialister (FS)" has spaces and brackets). */
function groupId(code: string): string {
  return `organ-${encodeURIComponent(code).replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function summaryTable(
  groups: ReadonlyArray<{ code: string; measures: MeasureView[] }>,
  bodyName: (code: string) => string,
  orgId: string,
  planId: string,
  filter: ResponsibilityFilter,
): Html {
  const link = (code: string) => {
    const params = new URLSearchParams({ plan: planId, body: code });
    for (const key of ['section', 'status', 'due'] as const) if (filter[key]) params.set(key, filter[key]!);
    return `/org/${orgId}/ansvar?${params.toString()}`;
  };
  return html`<div class="table-scroll">
    <table class="data">
      <caption>
        Tiltak per organ etter status
      </caption>
      <thead>
        <tr>
          <th scope="col">Organ</th>
          <th scope="col" class="num">Tiltak</th>
          <th scope="col" class="num">Hovedansvar</th>
          ${MEASURE_STATUSES.map((s) => html`<th scope="col" class="num">${STATUS_LABEL[s]}</th>`)}
          <th scope="col" class="num">Forfalt</th>
        </tr>
      </thead>
      <tbody>
        ${groups.map(
          (g) =>
            html`<tr>
              <th scope="row">
                <a href="${link(g.code)}">${g.code}</a> <span class="muted">${bodyName(g.code)}</span>
              </th>
              <td class="num">${g.measures.length}</td>
              <td class="num">${g.measures.filter((m) => responsibleNames(m)[0] === g.code).length}</td>
              ${MEASURE_STATUSES.map((s) => html`<td class="num">${g.measures.filter((m) => m.status === s).length}</td>`)}
              <td class="num">${g.measures.filter((m) => m.overdue).length}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function measureTable(planId: string, measures: readonly MeasureView[], code: string | undefined): Html {
  return html`<div class="table-scroll">
    <table class="data measures-table">
      <thead>
        <tr>
          <th scope="col">Tiltak</th>
          <th scope="col">Tekst</th>
          <th scope="col">Gjennomføring</th>
          <th scope="col">Frist</th>
          <th scope="col">Status</th>
          ${code ? html`<th scope="col">Rolle</th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${measures.map(
          (m) =>
            html`<tr>
              <th scope="row"><a href="/plan/${planId}/tiltak/${m.id}">${m.address}</a></th>
              <td class="clip">${m.text}</td>
              <td>${m.timing}</td>
              <td>${m.due ? formatDate(m.due) : '–'}</td>
              <td>${statusBadge(m.status)}${m.overdue ? overdueBadge() : ''}</td>
              ${code ? html`<td>${responsibleNames(m)[0] === code ? 'Hovedansvar' : `Medansvar (hovedansvar: ${responsibleNames(m)[0]})`}</td>` : ''}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
