import type { OrganisationView, PlanView } from '@app/read-models';
import { html, raw, type Html } from '../html.js';
import { formatDate, formatNumber, metricLabel, todayIso } from '../format.js';
import type { IndicatorPoint, IndicatorSeries } from '../page-data.js';
import { chartFigure, emptyState, headingTag } from './components.js';
import { layout, type Visitor } from './layout.js';

/** 2019-12-31 -> 2019.997: a date on a linear year axis. */
function yearOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const start = Date.UTC(y, 0, 1);
  const days = (Date.UTC(y, m - 1, d) - start) / 86_400_000;
  return Math.round((y + days / 365) * 1000) / 1000;
}

export function indicatorChartSpec(series: IndicatorSeries) {
  return {
    kind: 'indicator',
    label: metricLabel(series.metric),
    points: series.points.map((p) => ({
      x: yearOf(p.at),
      y: p.value,
      value: formatNumber(p.value),
      date: formatDate(p.at),
    })),
    targets: series.targets
      .filter((t) => t.by)
      .map((t) => ({ x: yearOf(t.by!), y: t.value, value: formatNumber(t.value), date: formatDate(t.by) })),
  };
}

/** Whether a series is worth a chart: a trend or a target to measure against. */
export function chartable(series: IndicatorSeries): boolean {
  return series.points.length > 0 && (series.points.length > 1 || series.targets.length > 0);
}

export function indicatorBlock(series: IndicatorSeries, headingLevel: number, idPrefix: string): Html {
  const h = headingTag(headingLevel);
  const label = metricLabel(series.metric);
  const latest = series.points[series.points.length - 1];
  const describe = [
    ...series.points.map((p) => `${formatNumber(p.value)} per ${formatDate(p.at)}`),
    ...series.targets.map((t) => `mål ${formatNumber(t.value)}${t.by ? ` innen ${formatDate(t.by)}` : ''}`),
  ].join(', ');
  return html`<section class="indicator" aria-labelledby="${idPrefix}-${series.metric}">
    ${raw(`<${h} id="${idPrefix}-${series.metric}">`)}${label}${raw(`</${h}>`)}
    ${chartable(series) ? chartFigure(`${idPrefix}-chart-${series.metric}`, `${label} over tid: ${describe}`, indicatorChartSpec(series)) : ''}
    <table class="data">
      <caption>
        ${label}: målte verdier og mål
      </caption>
      <thead>
        <tr>
          <th scope="col">Dato</th>
          <th scope="col">Verdi</th>
          <th scope="col">Hva</th>
          <th scope="col">Plan</th>
        </tr>
      </thead>
      <tbody>
        ${series.points.map(
          (p) =>
            html`<tr>
              <td>${formatDate(p.at)}</td>
              <td class="num">${formatNumber(p.value)}</td>
              <td>Målt${p.note ? html`: ${p.note}` : ''}</td>
              <td><a href="/plan/${p.planId}">${p.planPeriod}</a></td>
            </tr>`,
        )}
        ${series.targets.map(
          (t) =>
            html`<tr class="target-row">
              <td>${t.by ? formatDate(t.by) : 'Uten frist'}</td>
              <td class="num">${formatNumber(t.value)}</td>
              <td>
                Mål
                (${t.goalAddress}${t.adoptedBy ? `, vedtatt av ${t.adoptedBy}` : ''})${t.expired ? html`, <strong class="expired">utløpt</strong>` : ''}:
                ${t.goal}${t.by ? html` – ${goalVerdict(series.points, t.value, t.by, todayIso())}` : ''}
              </td>
              <td><a href="/plan/${t.planId}">${t.planPeriod}</a></td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${latest ? progressLine(series, latest, label, `${idPrefix}-meter-${series.metric}`) : ''}
  </section>`;
}

/**
 * How a target went, from what was measured: the value on the deadline when there is one;
 * otherwise what is left (deadline ahead) or the measurements either side of it, without
 * guessing what the figure was on the day.
 */
function goalVerdict(points: readonly IndicatorPoint[], target: number, by: string, today: string): string {
  const on = points.find((p) => p.at === by);
  if (on)
    return on.value >= target ? `nådd (${formatNumber(on.value)})` : `ikke nådd (${formatNumber(on.value)})`;
  const before = [...points].reverse().find((p) => p.at < by);
  const after = points.find((p) => p.at > by);
  if (by >= today) {
    const latest = points[points.length - 1];
    if (!latest) return 'ikke målt ennå';
    return latest.value >= target ? 'nådd' : `gjenstår ${formatNumber(target - latest.value)}`;
  }
  const facts = [
    before ? `${formatNumber(before.value)} per ${formatDate(before.at)}` : undefined,
    after ? `${formatNumber(after.value)} per ${formatDate(after.at)}` : undefined,
  ].filter(Boolean);
  return `ikke målt ved fristen${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
}

/**
 * The latest measurement against the target in force: the earliest unexpired target of the plan
 * the page is about. An expired target is never the yardstick; when it is the only one, say so.
 */
function progressLine(series: IndicatorSeries, latest: IndicatorPoint, label: string, id: string): Html {
  const current = series.targets.find((t) => t.current);
  if (!current) {
    const expired = series.targets.filter((t) => t.expired);
    const last = expired[expired.length - 1];
    return last
      ? html`<p class="progress-line">
          ${label}: ${formatNumber(latest.value)} per ${formatDate(latest.at)}. Ingen gjeldende mål: det siste
          (${last.description}, i planen for ${last.planPeriod}) er utløpt.
        </p>`
      : html``;
  }
  const share = Math.round((latest.value / current.value) * 100);
  return html`<p class="progress-line">
    <label for="${id}"
      >${label} per ${formatDate(latest.at)} mot målet ${current.description}: ${formatNumber(latest.value)}
      av ${formatNumber(current.value)} (${share} %)</label
    >
    <meter id="${id}" min="0" max="${current.value}" value="${Math.min(latest.value, current.value)}">
      ${share} %
    </meter>
  </p>`;
}

export function indicatorsPage(
  plan: PlanView,
  series: IndicatorSeries[],
  organisations: OrganisationView[],
  visitor: Visitor,
): Html {
  const org = organisations.find((o) => o.id === plan.organisationId);
  return layout({
    title: `Måltall – ${plan.title}`,
    organisations,
    visitor,
    currentOrgId: plan.organisationId,
    charts: series.some(chartable),
    crumbs: [
      { label: org?.name ?? plan.organisationId, href: `/org/${plan.organisationId}` },
      { label: plan.title, href: `/plan/${plan.id}` },
      { label: 'Måltall' },
    ],
    body: html`<h1>Måltall og indikatorer</h1>
      <p class="lead">
        Tallfestede mål og målte verdier over tid for ${org?.name ?? plan.organisationId}, fra alle
        organisasjonens planer.
      </p>
      ${series.length === 0 ? emptyState('Ingen av planene har tallfestede mål eller målte verdier.') : series.map((s) => indicatorBlock(s, 2, 'indikator'))}`,
  });
}
