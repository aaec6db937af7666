import { wordDiff, type DiffPart, type Target } from '@app/domain';
import {
  changeOf,
  decisionReferenceNb,
  describeActorNb,
  describeCauseNb,
  formatTargetNb,
  type HistoryRow,
  type PlanChange,
} from '@app/read-models';
import { html, type Html } from '../html.js';
import { formatDate, formatNumber, lowerFirst, metricLabel, statusLabel } from '../format.js';

/** A word diff as a redline: struck words in <del>, inserted words in <ins>. */
export function redline(parts: readonly DiffPart[]): Html {
  return html`<span class="redline"
    >${parts.map((p) =>
      p.op === 'equal' ? p.text : p.op === 'delete' ? html`<del>${p.text}</del>` : html`<ins>${p.text}</ins>`,
    )}</span
  >`;
}

export function redlineOf(from: string, to: string): Html {
  return redline(wordDiff(from, to));
}

/** "4 000 medlemmer innen 31.12.2027", with "(utløpt)" once the date has passed (given `today`). */
export function describeTarget(target: Target | null | undefined, today?: string): string {
  return formatTargetNb(target, today !== undefined ? { today } : {});
}

/** What an event did, in Norwegian; `names` turns element ids into addresses ("tiltak 4.1.A"). */
export function describeEvent(row: HistoryRow, names: ReadonlyMap<string, string> = new Map()): Html {
  const change = changeOf(row);
  return change ? describeChange(change, names, row.cause) : html`${row.eventType}`;
}

function describeChange(c: PlanChange, names: ReadonlyMap<string, string>, cause: HistoryRow['cause']): Html {
  const name = (id: string | null, fallback: string) => (id === null ? undefined : names.get(id)) ?? fallback;
  switch (c.kind) {
    case 'created':
      return html`Planen ble opprettet: «${c.title}»`;
    case 'retitled':
      return c.element === 'plan'
        ? html`Ny tittel på planen: ${redlineOf(c.from, c.to)}`
        : html`Kapittel fikk ny tittel: ${redlineOf(c.from, c.to)}`;
    case 'linked':
      return html`Planen ble
      koblet${c.predecessorPlanId ? html` til forrige plan «${name(c.predecessorPlanId, c.predecessorPlanId)}»` : ''}${c.parentPlanId ? html`${c.predecessorPlanId ? ' og' : ''} til den overordnede planen «${name(c.parentPlanId, c.parentPlanId)}»` : ''}`;
    case 'bodyDeclared':
      return html`Organ lagt til: ${c.code} (${c.name})`;
    case 'adopted': {
      const reference = decisionReferenceNb(c.decisionRef, cause);
      return html`Vedtatt som revisjon ${String(c.revision)} av ${c.body}
      ${formatDate(c.date)}${reference ? ` (${reference})` : ''}`;
    }
    case 'superseded':
      return html`Erstattet av planen «${name(c.byPlanId, c.byPlanId)}»`;
    case 'added':
      if (c.element === 'section') return html`Kapittel ${c.number} «${c.title}» lagt til`;
      if (c.element === 'goal') return html`Mål lagt til: «${c.text}»`;
      return html`${name(c.elementId, `Tiltak ${c.label}`)} lagt til: «${c.text}»`;
    case 'reworded': {
      if (c.element === 'section')
        return html`Innledningen til kapittelet ble endret: ${redlineOf(c.from, c.to)}`;
      const what = name(c.elementId, c.element === 'goal' ? 'Mål' : 'Tiltak');
      return html`${what} omformulert: ${redlineOf(c.from, c.to)}`;
    }
    case 'targetChanged':
      return html`Måltall satt for ${name(c.elementId, 'et mål')}: ${describeTarget(c.to)}`;
    case 'removed':
      return html`${name(c.elementId, c.element === 'goal' ? 'Mål' : 'Tiltak')} strøket: ${c.reason}`;
    case 'measured':
      return html`Målt: ${metricLabel(c.metric)} ${formatNumber(c.value)} per ${formatDate(c.at)}`;
    case 'moved':
      return html`${name(c.elementId, 'Tiltak')} flyttet (bokstav ${c.fromLabel} → ${c.toLabel})`;
    case 'retimed':
      return html`Ny gjennomføring for ${lowerFirst(name(c.elementId, 'tiltak'))}: ${redlineOf(c.from, c.to)}`;
    case 'reassigned':
      return html`Ansvar for ${lowerFirst(name(c.elementId, 'tiltak'))} endret fra
      ${c.from.join(', ') || 'ingen'} til
      ${c.to.join(', ') || 'ingen'}${c.reason ? html`. Begrunnelse: ${c.reason}` : ''}`;
    case 'statusChanged':
      return html`Status for ${lowerFirst(name(c.elementId, 'tiltak'))} endret fra ${statusLabel(c.from)} til
      ${statusLabel(c.to)}${c.period ? ` (periode ${c.period})` : ''}${c.note ? html`: «${c.note}»` : ''}`;
    case 'progressNoted':
      return html`Framdrift for
      ${lowerFirst(name(c.elementId, 'tiltak'))}${c.period ? ` (periode ${c.period})` : ''}: «${c.note}»`;
    case 'lineageConfirmed':
      return html`Sammenheng med forrige plan «${name(c.fromPlanId, c.fromPlanId)}» bekreftet`;
    case 'lineageRejected':
      return html`Foreslått sammenheng med forrige plan «${name(c.fromPlanId, c.fromPlanId)}» avvist`;
  }
}

/** Rows newest first: by the date each took effect, then by the order they were recorded. */
export function newestFirst<Row extends HistoryRow>(rows: readonly Row[]): Row[] {
  return [...rows].sort(
    (a, b) => b.effectiveAt.localeCompare(a.effectiveAt) || b.streamRevision - a.streamRevision,
  );
}

/** A list of history rows, newest first. */
export function historyList(
  rows: readonly HistoryRow[],
  names: ReadonlyMap<string, string>,
  options: { id?: string; oob?: boolean } = {},
): Html {
  const items = newestFirst(rows);
  return html`<ol
    class="history"
    ${options.id ? html` id="${options.id}"` : ''}${options.oob ? html` hx-swap-oob="true"` : ''}
  >
    ${items.map(
      (r) =>
        html`<li>
          <p class="history-when"><time datetime="${r.effectiveAt}">${formatDate(r.effectiveAt)}</time></p>
          <p class="history-what">${describeEvent(r, names)}</p>
          <p class="history-who">
            ${r.actorName ?? describeActorNb(r.actor)}${r.cause ? html` · ${r.causeName ?? describeCauseNb(r.cause)}` : ''}
          </p>
        </li>`,
    )}
  </ol>`;
}
