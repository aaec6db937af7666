import { wordDiff, type DiffPart, type Target } from '@app/domain';
import { describeActorNb, describeCauseNb, formatTargetNb, type HistoryRow } from '@app/read-models';
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

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : '');

/** What an event did, in Norwegian; `names` turns element ids into addresses ("tiltak 4.1.A"). */
export function describeEvent(row: HistoryRow, names: ReadonlyMap<string, string> = new Map()): Html {
  const d = row.data;
  const name = (id: unknown, fallback: string) => names.get(str(id)) ?? fallback;
  switch (row.eventType) {
    case 'PlanCreated':
      return html`Planen ble opprettet: «${str(d.title)}»`;
    case 'PlanRetitled':
      return html`Ny tittel på planen: ${redlineOf(str(d.from), str(d.to))}`;
    case 'PlanLinked':
      return html`Planen ble
      koblet${d.predecessorPlanId ? html` til forrige plan ${str(d.predecessorPlanId)}` : ''}${d.parentPlanId ? html`${d.predecessorPlanId ? ' og' : ''} til den overordnede planen ${str(d.parentPlanId)}` : ''}`;
    case 'BodyDeclared':
      return html`Organ lagt til: ${str(d.code)} (${str(d.name)})`;
    case 'PlanAdopted':
      return html`Vedtatt som revisjon ${String(d.revision)} av ${str(d.body)}
      ${formatDate(str(d.date))}${d.decisionRef ? ` (${str(d.decisionRef)})` : ''}`;
    case 'PlanSuperseded':
      return html`Erstattet av planen ${str(d.byPlanId)}`;
    case 'SectionAdded':
      return html`Kapittel ${str(d.number)} «${str(d.title)}» lagt til`;
    case 'SectionIntroRevised':
      return html`Innledningen til kapittelet ble endret: ${redlineOf(str(d.from), str(d.to))}`;
    case 'SectionRetitled':
      return html`Kapittel fikk ny tittel: ${redlineOf(str(d.from), str(d.to))}`;
    case 'GoalAdded':
      return html`Mål lagt til: «${str(d.text)}»`;
    case 'GoalReworded':
      return html`${name(d.goalId, 'Mål')} omformulert: ${redlineOf(str(d.from), str(d.to))}`;
    case 'GoalTargetSet':
      return html`Måltall satt for ${name(d.goalId, 'et mål')}: ${describeTarget(d.to as Target)}`;
    case 'GoalStruck':
      return html`${name(d.goalId, 'Mål')} strøket: ${str(d.reason)}`;
    case 'IndicatorMeasured':
      return html`Målt: ${metricLabel(str(d.metric))} ${formatNumber(Number(d.value))} per
      ${formatDate(str(d.at))}`;
    case 'MeasureAdded':
      return html`${name(d.measureId, `Tiltak ${str(d.label)}`)} lagt til: «${str(d.text)}»`;
    case 'MeasureReworded':
      return html`${name(d.measureId, 'Tiltak')} omformulert: ${redlineOf(str(d.from), str(d.to))}`;
    case 'MeasureMoved':
      return html`${name(d.measureId, 'Tiltak')} flyttet (bokstav ${str(d.fromLabel)} → ${str(d.toLabel)})`;
    case 'MeasureRetimed':
      return html`Ny gjennomføring for ${lowerFirst(name(d.measureId, 'tiltak'))}:
      ${redlineOf(str(d.from), str(d.to))}`;
    case 'MeasureReassigned':
      return html`Ansvar for ${lowerFirst(name(d.measureId, 'tiltak'))} endret fra ${list(d.from) || 'ingen'}
      til ${list(d.to) || 'ingen'}${d.reason ? html`. Begrunnelse: ${str(d.reason)}` : ''}`;
    case 'MeasureStruck':
      return html`${name(d.measureId, 'Tiltak')} strøket: ${str(d.reason)}`;
    case 'MeasureStatusChanged':
      return html`Status for ${lowerFirst(name(d.measureId, 'tiltak'))} endret fra ${statusLabel(str(d.from))}
      til
      ${statusLabel(str(d.to))}${d.period ? ` (periode ${str(d.period)})` : ''}${d.note ? html`: «${str(d.note)}»` : ''}`;
    case 'ProgressNoted':
      return html`Framdrift for
      ${lowerFirst(name(d.measureId, 'tiltak'))}${d.period ? ` (periode ${str(d.period)})` : ''}:
      «${str(d.note)}»`;
    case 'LineageConfirmed':
      return html`Sammenheng med forrige plan (${str(d.fromPlanId)}) bekreftet`;
    case 'LineageRejected':
      return html`Foreslått sammenheng med forrige plan (${str(d.fromPlanId)}) avvist`;
    default:
      return html`${row.eventType}`;
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
            ${r.actorName ?? describeActorNb(r.actor)}${r.cause ? html` · ${describeCauseNb(r.cause)}` : ''}
          </p>
        </li>`,
    )}
  </ol>`;
}
