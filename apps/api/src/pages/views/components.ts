import { MEASURE_STATUSES, type Body, type MeasureStatus } from '@app/domain';
import { randomUUID } from 'node:crypto';
import type { MeasureView, StatusCounts } from '@app/read-models';
import { html, jsonAttr, raw, type Html } from '../html.js';
import { formatDate, formatNumber, STATUS_LABEL, statusLabel } from '../format.js';
import { NO_FOLLOW_UP, type FollowUpPermissions } from '../permissions.js';

export function statusBadge(status: string): Html {
  return html`<span class="badge status-${status}">${statusLabel(status)}</span>`;
}

export function overdueBadge(): Html {
  return html`<span class="badge overdue">Forfalt</span>`;
}

/**
 * Who is responsible for a measure: its bodies (abbreviations explained), the lead first, then
 * the parties it names that are not bodies ("Programkomitéene"), as written.
 */
export function bodyCodes(
  codes: readonly string[],
  bodies: readonly Body[],
  markLead = true,
  parties: readonly string[] = [],
): Html {
  const all = [...codes, ...parties];
  if (all.length === 0) return html`<span class="none">Ingen ansvarlig</span>`;
  const names = new Map(bodies.map((b) => [b.code, b.name]));
  return html`${all.map((code, i) => {
    const name = i < codes.length ? names.get(code) : undefined;
    const abbr = name ? html`<abbr title="${name}">${code}</abbr>` : html`${code}`;
    return html`${i > 0 ? ', ' : ''}${abbr}${markLead && i === 0 && all.length > 1 ? ' (hovedansvar)' : ''}`;
  })}`;
}

export function headingTag(level: number): string {
  return `h${Math.min(6, Math.max(1, level))}`;
}

export interface MeasureCardOptions {
  readonly planId: string;
  readonly bodies: readonly Body[];
  readonly headingLevel: number;
  /** Only for the plan as it is now, and a visitor who may post a form: a "Følg opp" panel. */
  readonly actions?: 'lazy' | 'inline' | false;
  /** Which of the follow-up forms the visitor may post (none unless given). */
  readonly permissions?: FollowUpPermissions;
  /** Which page the card is on, so an action answers with the fragments that page has. */
  readonly view?: 'plan' | 'measure';
  /** Shown after a follow-up action (role=status), or its refusal (role=alert). */
  readonly flash?: { readonly kind: 'ok' | 'error'; readonly text: string };
  readonly formValues?: FollowUpFormValues;
  /** The CSRF token the forms carry (when the api issues them). */
  readonly csrf?: string | undefined;
}

export interface FollowUpFormValues {
  readonly status?: string;
  readonly note?: string;
  readonly responsible?: string;
  readonly reason?: string;
}

export function measureCard(m: MeasureView, o: MeasureCardOptions): Html {
  const h = headingTag(o.headingLevel);
  const base = `/plan/${encodeURIComponent(o.planId)}/tiltak/${encodeURIComponent(m.id)}`;
  const view = o.view ?? 'plan';
  return html`<article class="measure" id="tiltak-${m.id}" aria-labelledby="tiltak-${m.id}-tittel">
    <div class="measure-head">
      ${raw(`<${h} class="measure-address" id="tiltak-${m.id}-tittel">`)}Tiltak ${m.address}${raw(`</${h}>`)}
      ${statusBadge(m.status)}${m.overdue ? overdueBadge() : ''}
    </div>
    <p class="measure-text">${m.text}</p>
    <dl class="measure-meta">
      <div>
        <dt>Gjennomføring</dt>
        <dd>${m.timing || 'Ikke angitt'}</dd>
      </div>
      ${
        m.due
          ? html`<div>
              <dt>Frist</dt>
              <dd>${formatDate(m.due)}</dd>
            </div>`
          : ''
      }
      <div>
        <dt>Ansvar</dt>
        <dd>${bodyCodes(m.responsible, o.bodies, true, m.parties)}</dd>
      </div>
    </dl>
    ${m.statusNote || m.statusChangedAt ? html`<p class="status-note">Sist rapportert ${formatDate(m.statusChangedAt)}${m.statusNote ? html`: ${m.statusNote}` : ''}</p>` : ''}
    ${o.flash ? html`<p class="flash flash-${o.flash.kind}" role="${o.flash.kind === 'ok' ? 'status' : 'alert'}">${o.flash.text}</p>` : ''}
    ${view === 'plan' ? html`<p class="measure-links"><a href="${base}">Historikk for tiltak ${m.address}</a></p>` : ''}
    ${
      o.actions === 'lazy'
        ? html`<details
            class="follow-up no-print"
            hx-get="${base}/oppfolging?view=${view}"
            hx-trigger="toggle once"
            hx-target="find .follow-up-forms"
            hx-swap="innerHTML"
            ${o.flash?.kind === 'error' ? raw(' open') : ''}
          >
            <summary>Følg opp tiltak ${m.address}</summary>
            <div class="follow-up-forms">
              ${o.flash?.kind === 'error' ? followUpForms(m, o) : html`<p><a href="${base}#oppfolging">Endre status eller ansvar for tiltak ${m.address}</a></p>`}
            </div>
          </details>`
        : ''
    }
    ${o.actions === 'inline' ? html`<div class="follow-up no-print" id="oppfolging">${followUpForms(m, o)}</div>` : ''}
  </article>`;
}

/** The two follow-up forms: they post to the page actions, with htmx or as plain forms. */
export function followUpForms(m: MeasureView, o: MeasureCardOptions): Html {
  const base = `/plan/${encodeURIComponent(o.planId)}/tiltak/${encodeURIComponent(m.id)}`;
  const view = o.view ?? 'plan';
  const v = o.formValues ?? {};
  const selected = v.status ?? m.status;
  const hx = (path: string) =>
    html`method="post" action="${base}/${path}" hx-post="${base}/${path}" hx-target="#tiltak-${m.id}"
    hx-swap="outerHTML"`;
  const known = o.bodies.map((b) => `${b.code} (${b.name})`).join(', ');
  const may = o.permissions ?? NO_FOLLOW_UP;
  const statusForm = html`<form class="action-form" ${hx('status')}>
    <input type="hidden" name="commandId" value="${randomUUID()}" />
    <input type="hidden" name="view" value="${view}" />
    ${o.csrf ? html`<input type="hidden" name="_csrf" value="${o.csrf}" />` : ''}
    <fieldset>
      <legend>Endre status</legend>
      <label for="status-${m.id}">Ny status</label>
      <select id="status-${m.id}" name="status">
        ${MEASURE_STATUSES.map(
          (s) =>
            html`<option value="${s}" ${s === selected ? raw(' selected') : ''}>${STATUS_LABEL[s]}</option>`,
        )}
      </select>
      <label for="note-${m.id}">Merknad (valgfri)</label>
      <textarea id="note-${m.id}" name="note" rows="2" maxlength="5000">${v.note ?? ''}</textarea>
      <button type="submit">Lagre status</button>
    </fieldset>
  </form>`;
  const responsibleForm = html`<form class="action-form" ${hx('ansvar')}>
    <input type="hidden" name="commandId" value="${randomUUID()}" />
    <input type="hidden" name="view" value="${view}" />
    ${o.csrf ? html`<input type="hidden" name="_csrf" value="${o.csrf}" />` : ''}
    <fieldset>
      <legend>Endre ansvar</legend>
      <label for="responsible-${m.id}"
        >Ansvarlige organer, med komma mellom (det første har hovedansvaret)</label
      >
      <input
        id="responsible-${m.id}"
        name="responsible"
        value="${v.responsible ?? m.responsible.join(', ')}"
        aria-describedby="responsible-help-${m.id}"
        autocomplete="off"
      />
      <p class="help" id="responsible-help-${m.id}">
        ${known ? `Kjente organer: ${known}.` : 'Planen har ingen forkortelsesliste.'}
      </p>
      <label for="reason-${m.id}">Begrunnelse (valgfri)</label>
      <input id="reason-${m.id}" name="reason" value="${v.reason ?? ''}" maxlength="2000" />
      <button type="submit">Lagre ansvar</button>
    </fieldset>
  </form>`;
  return html`${may.status ? statusForm : ''}${may.responsible ? responsibleForm : ''}`;
}

/** Status counts of a plan: replaced in place (hx-swap-oob) after a follow-up action. */
export function statusSummary(
  counts: StatusCounts,
  total: number,
  overdue: number,
  options: { oob?: boolean; headingLevel?: number } = {},
): Html {
  const h = headingTag(options.headingLevel ?? 2);
  return html`<section
    id="status-summary"
    class="status-summary"
    aria-labelledby="status-summary-tittel"
    ${options.oob ? raw(' hx-swap-oob="true"') : ''}
  >
    ${raw(`<${h} id="status-summary-tittel">`)}Status for tiltakene${raw(`</${h}>`)}
    <ul class="status-counts">
      ${MEASURE_STATUSES.map(
        (s: MeasureStatus) =>
          html`<li class="status-${s}">
            <span class="count" data-status-count="${s}">${formatNumber(counts[s])}</span>
            <span class="what">${STATUS_LABEL[s]}</span>
          </li>`,
      )}
    </ul>
    <p class="totals">
      <span data-total>${formatNumber(total)}</span> tiltak i alt,
      <span data-overdue>${formatNumber(overdue)}</span> forfalt.
    </p>
  </section>`;
}

/** A chart drawn by pages.js from a JSON spec (no script in the page), with a text alternative. */
export function chartFigure(id: string, label: string, spec: unknown, caption?: Html | string): Html {
  return html`<figure class="chart">
    <div class="chart-box">
      <canvas id="${id}" role="img" aria-label="${label}" data-chart="${jsonAttr(spec)}"></canvas>
    </div>
    ${caption ? html`<figcaption>${caption}</figcaption>` : ''}
  </figure>`;
}

export function statusChartSpec(counts: StatusCounts) {
  return {
    kind: 'status',
    labels: MEASURE_STATUSES.map((s) => STATUS_LABEL[s]),
    statuses: [...MEASURE_STATUSES],
    values: MEASURE_STATUSES.map((s) => counts[s]),
  };
}

export function emptyState(text: string): Html {
  return html`<p class="empty">${text}</p>`;
}
