import { formatPeriodNb } from '@app/read-models';
import type {
  FollowUpSummary,
  GoalView,
  HistoryRow,
  MeasureView,
  OrganisationView,
  PlanView,
  SectionView,
} from '@app/read-models';
import { html, raw, type Html } from '../html.js';
import { formatDate, lowerFirst, roleLabel, todayIso } from '../format.js';
import { rolesFor } from '../../auth/access-policy.js';
import {
  FOLLOW_UP_ROUTE,
  followUpPermissions,
  mayFollowUp,
  STATUS_ACTION,
  type FollowUpPermissions,
} from '../permissions.js';
import { emptyState, headingTag, measureCard, statusSummary } from './components.js';
import { describeTarget, historyList } from './history.js';
import { layout, type Visitor } from './layout.js';
import type { PlanReports } from '../page-data.js';
import { noRevisionsText, planLinks, planStatusText, reportLinks } from './overview.js';

export interface PlanMoment {
  readonly revision?: number;
  readonly asOf?: string;
}

export interface PlanPageModel {
  readonly plan: PlanView;
  /** The plan now, for the revision picker (the adoptions it has had). */
  readonly latest: PlanView;
  readonly moment: PlanMoment;
  readonly summary: FollowUpSummary;
  readonly organisations: OrganisationView[];
  readonly reports: PlanReports;
  /** Titles of the plans the visitor may read, by id: the predecessor and the parent by name. */
  readonly planTitles: ReadonlyMap<string, string>;
  readonly visitor: Visitor;
}

export function momentText(plan: PlanView, moment: PlanMoment): string | undefined {
  if (moment.revision !== undefined) {
    const adoption = plan.adoptions.find((a) => a.revision === moment.revision);
    return `slik den ble vedtatt som revisjon ${moment.revision}${adoption ? ` (${adoption.body} ${formatDate(adoption.date)})` : ''}`;
  }
  if (moment.asOf !== undefined) return `slik den sto ${formatDate(moment.asOf)}`;
  return undefined;
}

export function momentPicker(planId: string, latest: PlanView, moment: PlanMoment, action: string): Html {
  return html`<div class="moment-picker no-print">
    <form method="get" action="${action}" class="inline-form" aria-label="Velg revisjon">
      <label for="revision">Vedtatt revisjon</label>
      <select id="revision" name="revision">
        <option value="" ${moment.revision === undefined ? raw(' selected') : ''}>Nå (siste versjon)</option>
        ${latest.adoptions.map(
          (a) =>
            html`<option value="${a.revision}" ${a.revision === moment.revision ? raw(' selected') : ''}>
              Revisjon ${a.revision}: ${a.body}
              ${formatDate(a.date)}${a.edition ? `, årsutgave ${a.edition}` : ''}
            </option>`,
        )}
      </select>
      <button type="submit">Vis revisjon</button>
    </form>
    <form method="get" action="${action}" class="inline-form" aria-label="Velg dato">
      <label for="asOf">Slik planen sto på dato</label>
      <input type="date" id="asOf" name="asOf" value="${moment.asOf ?? ''}" />
      <button type="submit">Vis dato</button>
    </form>
    ${latest.adoptions.length === 0 ? html`<p class="help">${noRevisionsText(latest)}</p>` : ''}
    ${moment.revision !== undefined || moment.asOf !== undefined ? html`<p><a href="/plan/${planId}">Vis planen slik den er nå</a></p>` : ''}
  </div>`;
}

/** A linked plan by its title; one the visitor may not read (or that is not here) is not linked. */
function relatedPlan(planId: string, titles: ReadonlyMap<string, string>): Html {
  const title = titles.get(planId);
  return title ? html`<a href="/plan/${planId}">${title}</a>` : html`${planId}`;
}

export function planPage(model: PlanPageModel): Html {
  const { plan, moment } = model;
  const org = model.organisations.find((o) => o.id === plan.organisationId);
  const when = momentText(plan, moment);
  // Follow-up only on the plan as it is now, and only for those who may post it.
  const permissions = followUpPermissions(model.visitor.principal, plan.organisationId);
  const actions = when === undefined && mayFollowUp(permissions);
  return layout({
    title: plan.title,
    organisations: model.organisations,
    currentOrgId: plan.organisationId,
    visitor: model.visitor,
    crumbs: [
      { label: org?.name ?? plan.organisationId, href: `/org/${plan.organisationId}` },
      { label: plan.title },
    ],
    body: html`<article class="plan-document">
      <h1>${plan.title}</h1>
      <dl class="plan-meta">
        <div>
          <dt>Organisasjon</dt>
          <dd><a href="/org/${plan.organisationId}">${org?.name ?? plan.organisationId}</a></dd>
        </div>
        <div>
          <dt>Periode</dt>
          <dd>${formatPeriodNb(plan.period)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            ${planStatusText(plan)}${plan.changedSinceAdoption && plan.adoptedRevision > 0 ? ' (endret etter siste vedtak)' : ''}
          </dd>
        </div>
        ${
          plan.predecessorPlanId
            ? html`<div>
                <dt>Forrige plan</dt>
                <dd>${relatedPlan(plan.predecessorPlanId, model.planTitles)}</dd>
              </div>`
            : ''
        }
        ${
          plan.parentPlanId
            ? html`<div>
                <dt>Sentral plan</dt>
                <dd>${relatedPlan(plan.parentPlanId, model.planTitles)}</dd>
              </div>`
            : ''
        }
      </dl>
      ${when ? html`<p class="notice" role="note">Du ser planen ${when}. Oppfølging kan bare registreres på planen slik den er nå.</p>` : ''}
      ${when === undefined ? followUpHint(model.visitor, permissions) : ''}
      ${momentPicker(plan.id, model.latest, moment, `/plan/${plan.id}`)}
      ${planLinks(plan.id, plan.predecessorPlanId !== null, plan.organisationId)}
      ${reportLinks(model.reports)}
      ${statusSummary(model.summary.byStatus, model.summary.measures, model.summary.overdue)}
      ${
        plan.sections.length > 0
          ? html`<nav class="toc" aria-labelledby="innholdsfortegnelse">
              <h2 id="innholdsfortegnelse">Innhold</h2>
              <ol>
                ${plan.sections.map((s) => html`<li><a href="#kapittel-${s.number}">${s.number} ${s.title}</a></li>`)}
              </ol>
            </nav>`
          : emptyState('Planen har ingen kapitler ennå.')
      }
      ${plan.sections.map((s) => sectionBlock(plan, s, 2, actions ? permissions : undefined))}
    </article>`,
  });
}

/**
 * Why there are no follow-up forms, for a visitor who may not post them: sign in (anonymous),
 * or which role it takes (signed in without it). Nothing for those who may.
 */
export function followUpHint(visitor: Visitor, permissions: FollowUpPermissions): Html | '' {
  if (mayFollowUp(permissions)) return '';
  const roles = rolesFor('POST', `/${FOLLOW_UP_ROUTE}/${STATUS_ACTION}`).map(roleLabel).join(' eller ');
  return visitor.principal
    ? html`<p class="help follow-up-hint">
        Du kan lese planen. Å registrere status og ansvar krever rollen ${roles} i planens organisasjon.
      </p>`
    : html`<p class="help follow-up-hint">
        <a href="/logg-inn?neste=${encodeURIComponent(visitor.path)}">Logg inn</a> for å registrere status og
        ansvar (rollen ${roles}).
      </p>`;
}

/** `permissions`: the follow-up panel on each measure (the plan as it is now, for those who may). */
function sectionBlock(
  plan: PlanView,
  s: SectionView,
  level: number,
  permissions: FollowUpPermissions | undefined,
): Html {
  const h = headingTag(level);
  return html`<section
    class="plan-section"
    id="kapittel-${s.number}"
    aria-labelledby="kapittel-${s.number}-tittel"
  >
    ${raw(`<${h} id="kapittel-${s.number}-tittel">`)}${s.number} ${s.title}${raw(`</${h}>`)}
    ${s.intro ? html`<p class="intro">${s.intro}</p>` : ''}
    ${
      s.goals.length > 0
        ? html`<div class="goals">
            <p class="goals-label">Mål</p>
            <ul>
              ${s.goals.map(goalItem)}
            </ul>
          </div>`
        : ''
    }
    ${s.measures.map((m: MeasureView) =>
      measureCard(m, {
        planId: plan.id,
        bodies: plan.bodies,
        headingLevel: level + 1,
        actions: permissions ? 'lazy' : false,
        ...(permissions ? { permissions } : {}),
        view: 'plan',
      }),
    )}
    ${s.sections.map((sub) => sectionBlock(plan, sub, level + 1, permissions))}
  </section>`;
}

function goalItem(g: GoalView): Html {
  return html`<li id="mal-${g.address}">
    <span class="goal-address">${g.address}</span>
    ${g.text}${g.target ? html` <span class="target">Måltall: ${describeTarget(g.target, todayIso())}</span>` : ''}${
      g.goals.length > 0
        ? html`<ul>
            ${g.goals.map(goalItem)}
          </ul>`
        : ''
    }
  </li>`;
}

export interface MeasurePageModel {
  readonly plan: PlanView;
  readonly measure: MeasureView | undefined;
  readonly measureId: string;
  readonly history: readonly HistoryRow[];
  readonly names: ReadonlyMap<string, string>;
  readonly organisations: OrganisationView[];
  readonly visitor: Visitor;
}

export function measurePage(model: MeasurePageModel): Html {
  const { plan, measure } = model;
  const org = model.organisations.find((o) => o.id === plan.organisationId);
  const address = measure?.address ?? model.names.get(model.measureId)?.replace(/^Tiltak /, '') ?? '';
  const title = `Tiltak ${address}`.trim();
  const permissions = followUpPermissions(model.visitor.principal, plan.organisationId);
  return layout({
    title: `${title} – ${plan.title}`,
    organisations: model.organisations,
    currentOrgId: plan.organisationId,
    visitor: model.visitor,
    crumbs: [
      { label: org?.name ?? plan.organisationId, href: `/org/${plan.organisationId}` },
      { label: plan.title, href: `/plan/${plan.id}` },
      { label: title },
    ],
    body: html`<h1>Historikk for ${lowerFirst(title)}</h1>
      <p class="lead">I <a href="/plan/${plan.id}">${plan.title}</a>.</p>
      ${
        measure
          ? html`${measureCard(measure, {
              planId: plan.id,
              bodies: plan.bodies,
              headingLevel: 2,
              actions: mayFollowUp(permissions) ? 'inline' : false,
              permissions,
              view: 'measure',
              csrf: model.visitor.csrf,
            })}${followUpHint(model.visitor, permissions)}`
          : html`<p class="notice" role="note">Tiltaket er ikke lenger med i planen (strøket).</p>`
      }
      <section aria-labelledby="historikk">
        <h2 id="historikk">Historikk</h2>
        <p class="help">Nyeste først. Datoen er når endringen gjaldt fra.</p>
        ${historyList(model.history, model.names, { id: 'tiltak-historikk' })}
      </section>`,
  });
}
