import { MEASURE_STATUSES, type Body, type MeasureStatus } from '@app/domain';
import { randomUUID } from 'node:crypto';
import type { MeasureView, StatusCounts } from '@app/read-models';
import { html, jsonAttr, raw, type Html } from '../html.js';
import { formatDate, formatNumber, STATUS_LABEL, statusLabel, todayIso } from '../format.js';
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
  /** The bodies ticked, chosen and typed, lead first (as sent, so a refused form shows them again). */
  readonly responsible?: readonly string[];
  readonly reason?: string;
  readonly effectiveAt?: string;
}

/** One line of a measure card's details: its term (dt) and value (dd), or none to leave it out. */
type MeasureDetail = (
  m: MeasureView,
  o: MeasureCardOptions,
) => readonly [term: string, value: Html | string] | undefined;

/**
 * What the card's details show of each field of a measure's view, in their order, or `false`
 * for a field the card shows elsewhere (heading, text, badges, status note) or not at all. Every
 * field is listed: one added to `MeasureState` reaches the view by itself, and does not compile
 * until it has its place here.
 */
const MEASURE_DETAILS: { readonly [F in keyof MeasureView]-?: MeasureDetail | false } = {
  id: false,
  sectionId: false,
  label: false,
  address: false,
  text: false,
  timing: (m) => ['Gjennomføring', m.timing || 'Ikke angitt'],
  timingParsed: false,
  due: (m) => (m.due ? ['Frist', formatDate(m.due)] : undefined),
  overdue: false,
  responsible: (m, o) => ['Ansvar', bodyCodes(m.responsible, o.bodies, true, m.parties)],
  parties: false,
  responsibleNote: false,
  status: false,
  statusNote: false,
  statusChangedAt: false,
  followUp: false,
  lines: false,
};

function measureDetails(m: MeasureView, o: MeasureCardOptions): Array<readonly [string, Html | string]> {
  return Object.values(MEASURE_DETAILS).flatMap((detail) => {
    const shown = detail ? detail(m, o) : undefined;
    return shown ? [shown] : [];
  });
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
      ${measureDetails(m, o).map(
        ([term, value]) =>
          html`<div>
            <dt>${term}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
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
  const may = o.permissions ?? NO_FOLLOW_UP;
  // Each form its own command id: a double submit of one appends once, and never stops the other.
  const hidden = () =>
    html`<input type="hidden" name="commandId" value="${randomUUID()}" />
      <input type="hidden" name="view" value="${view}" />
      ${o.csrf ? html`<input type="hidden" name="_csrf" value="${o.csrf}" />` : ''}`;
  const statusForm = html`<form class="action-form" ${hx('status')}>
    ${hidden()}
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
      ${effectiveAtField(`status-${m.id}`, v.effectiveAt)}
      <button type="submit">Lagre status</button>
    </fieldset>
  </form>`;
  const responsibleForm = html`<form class="action-form" ${hx('ansvar')}>
    ${hidden()}
    <fieldset>
      <legend>Endre ansvar</legend>
      ${bodyPicker(m.id, v.responsible ?? m.responsible, o.bodies)}
      <label for="reason-${m.id}">Begrunnelse (valgfri)</label>
      <input id="reason-${m.id}" name="reason" value="${v.reason ?? ''}" maxlength="2000" />
      ${effectiveAtField(`ansvar-${m.id}`, v.effectiveAt)}
      <button type="submit">Lagre ansvar</button>
    </fieldset>
  </form>`;
  return html`${may.status ? statusForm : ''}${may.responsible ? responsibleForm : ''}`;
}

/**
 * The responsible bodies, picked from the plan's own list: the lead in a list, the others
 * ticked, and any body the list lacks typed (the plan then has to know it). Posts `lead`, one
 * `med` per ticked body, and `andre`.
 */
function bodyPicker(id: string, responsible: readonly string[], bodies: readonly Body[]): Html {
  const known = new Set(bodies.map((b) => b.code));
  const [lead, ...rest] = responsible;
  const leadOptions: Array<readonly [string, string]> = bodies.map((b) => [b.code, `${b.code} – ${b.name}`]);
  if (lead && !known.has(lead)) leadOptions.push([lead, lead]);
  const typed = rest.filter((c) => !known.has(c));
  return html`<label for="lead-${id}">Hovedansvar</label>
    <select id="lead-${id}" name="lead">
      <option value="" ${lead ? '' : raw(' selected')}>Ingen</option>
      ${leadOptions.map(
        ([code, label]) =>
          html`<option value="${code}" ${code === lead ? raw(' selected') : ''}>${label}</option>`,
      )}
    </select>
    ${
      bodies.length > 0
        ? html`<fieldset class="body-checks">
            <legend>Også ansvarlige</legend>
            ${bodies.map(
              (b) =>
                html`<label class="check"
                  ><input
                    type="checkbox"
                    name="med"
                    value="${b.code}"
                    ${rest.includes(b.code) ? raw(' checked') : ''}
                  />
                  <abbr title="${b.name}">${b.code}</abbr> ${b.name}</label
                >`,
            )}
          </fieldset>`
        : html`<p class="help">Planen har ingen forkortelsesliste: skriv kodene under.</p>`
    }
    <label for="andre-${id}">Andre organer (koder med komma mellom, valgfri)</label>
    <input id="andre-${id}" name="andre" value="${typed.join(', ')}" autocomplete="off" />`;
}

/** When a follow-up took effect, if not today (a report made after the fact). */
function effectiveAtField(id: string, value: string | undefined): Html {
  return html`<label for="gjaldt-${id}">Gjaldt fra (valgfri, ellers i dag)</label>
    <input type="date" id="gjaldt-${id}" name="effectiveAt" max="${todayIso()}" value="${value ?? ''}" />`;
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
