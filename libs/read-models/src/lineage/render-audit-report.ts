import type { GoalRef } from '../plan-diff/diff-plans.js';
import {
  diffPartsHtml,
  diffPartsMarkdown,
  escapeHtml,
  escapeMarkdown,
  formatDateNb,
  formatNumberNb,
  formatTargetNb,
  LINEAGE_KINDS,
  LINEAGE_LABEL_NB,
  metricLabelNb,
  formatPeriodNb,
} from '../report-format/report-format.js';
import type { AuditReport } from './audit-report.js';
import type { LineageCounts, LineageLink } from './lineage.js';

const period = (p: { period: { from: number; to: number } }): string => formatPeriodNb(p.period);
const plan = (p: { title: string; period: { from: number; to: number } }): string =>
  `${p.title} (${period(p)})`;

/** Which version of the new plan is compared: the adopted revision, or the plan as it is now. */
const version = (to: AuditReport['to']): string =>
  to.adoption
    ? `slik den ble vedtatt som revisjon ${to.adoption.revision} (${to.adoption.body} ${formatDateNb(to.adoption.date)})`
    : 'slik den er nå';

/** The summary table's rows: per outcome, the links and the elements of each plan. */
function summaryRows(counts: LineageCounts): Array<[string, number, number, number]> {
  return LINEAGE_KINDS.map((k) => [LINEAGE_LABEL_NB[k], counts[k].links, counts[k].from, counts[k].to]);
}

const addresses = (refs: ReadonlyArray<{ address: string }>): string =>
  refs.map((r) => r.address).join(' + ');

/** "3.1.g1 ← 2.2.g5" for a continued goal, the address alone for a new or dropped one. */
function goalWhere(link: LineageLink<GoalRef>): string {
  if (link.kind === 'new') return addresses(link.to);
  if (link.kind === 'dropped') return addresses(link.from);
  return `${addresses(link.to)} ← ${addresses(link.from)}`;
}

const goalText = (link: LineageLink<GoalRef>): string =>
  (link.kind === 'dropped' ? link.from : link.to).map((g) => g.text).join(' / ');

/** The audit report in Norwegian Markdown: for the record, for e-mail, for print. */
export function renderAuditReportMarkdown(r: AuditReport): string {
  const out: string[] = [
    `# Revisjon: fra ${escapeMarkdown(r.from.title)} til ${escapeMarkdown(r.to.title)}`,
    '',
  ];
  out.push(
    `Fra: ${escapeMarkdown(plan(r.from))}  `,
    `Til: ${escapeMarkdown(plan(r.to))}, ${version(r.to)}`,
    '',
  );
  const table = (what: string, counts: LineageCounts) => {
    // Each plan by its period, as the lineage page heads its columns (the ids are not words).
    out.push(
      `| ${what} | Koblinger | I ${period(r.from)} | I ${period(r.to)} |`,
      '| --- | ---: | ---: | ---: |',
    );
    for (const [label, links, from, to] of summaryRows(counts))
      out.push(`| ${label} | ${links} | ${from} | ${to} |`);
    out.push('');
  };
  table('Tiltak', r.counts);
  table('Mål', r.goalCounts);
  for (const area of r.areas) {
    out.push(`## ${area.number} ${escapeMarkdown(area.title)}`, '');
    for (const c of area.continued) {
      const text = c.parts ? diffPartsMarkdown(c.parts) : escapeMarkdown(c.to.text);
      out.push(
        `- **${LINEAGE_LABEL_NB[c.kind]}** ${c.to.address} ← ${addresses(c.from)}${c.confirmed ? ' (bekreftet)' : ''}: ${text}`,
      );
    }
    for (const a of area.added)
      out.push(`- **${LINEAGE_LABEL_NB.new}** ${a.address}: ${escapeMarkdown(a.text)}`);
    out.push('');
  }
  if (r.dropped.length > 0) {
    out.push(`## ${LINEAGE_LABEL_NB.dropped} fra ${escapeMarkdown(r.from.title)}`, '');
    for (const group of r.dropped) {
      for (const m of group.measures)
        out.push(`- ${m.address} (${escapeMarkdown(group.title)}): ${escapeMarkdown(m.text)}`);
    }
    out.push('');
  }
  if (r.goals.length > 0) {
    out.push('## Mål fra plan til plan', '');
    for (const link of r.goals) {
      out.push(
        `- **${LINEAGE_LABEL_NB[link.kind]}** ${goalWhere(link)}${link.confirmed ? ' (bekreftet)' : ''}: ${escapeMarkdown(goalText(link))}`,
      );
    }
    out.push('');
  }
  if (r.targets.length > 0) {
    out.push('## Måltall: da og nå', '');
    for (const t of r.targets) {
      out.push(`### ${metricLabelNb(t.metric)}`, '');
      for (const g of t.then)
        out.push(
          `- Mål i ${escapeMarkdown(r.from.title)}: ${formatTargetNb(g.target, { today: r.asOf })} («${escapeMarkdown(g.text)}»)`,
        );
      for (const g of t.now)
        out.push(
          `- Mål i ${escapeMarkdown(r.to.title)}: ${formatTargetNb(g.target, { today: r.asOf })} («${escapeMarkdown(g.text)}»)`,
        );
      for (const m of t.measured) out.push(`- Målt ${formatDateNb(m.at)}: ${formatNumberNb(m.value)}`);
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The same report as a self-contained, printable HTML page (no external assets). */
export function renderAuditReportHtml(r: AuditReport): string {
  const li = (label: string, body: string, cls: string): string =>
    `<li class="${cls}"><strong>${escapeHtml(label)}</strong> ${body}</li>`;
  const table = (what: string, counts: LineageCounts): string =>
    `<table><caption>${escapeHtml(what)} fra plan til plan</caption><thead><tr><th scope="col">Hvordan</th>` +
    `<th scope="col">Koblinger</th><th scope="col">I ${period(r.from)}</th><th scope="col">I ${period(r.to)}</th></tr></thead><tbody>` +
    summaryRows(counts)
      .map(
        ([label, links, from, to]) =>
          `<tr><th scope="row">${escapeHtml(label)}</th><td>${links}</td><td>${from}</td><td>${to}</td></tr>`,
      )
      .join('') +
    '</tbody></table>';
  const sections = r.areas
    .map((area) => {
      const items = [
        ...area.continued.map((c) =>
          li(
            LINEAGE_LABEL_NB[c.kind],
            `${escapeHtml(c.to.address)} ← ${escapeHtml(addresses(c.from))}${c.confirmed ? ' (bekreftet)' : ''}: ${c.parts ? diffPartsHtml(c.parts) : escapeHtml(c.to.text)}`,
            c.kind,
          ),
        ),
        ...area.added.map((a) =>
          li(LINEAGE_LABEL_NB.new, `${escapeHtml(a.address)}: ${escapeHtml(a.text)}`, 'new'),
        ),
      ];
      return `<section><h2>${escapeHtml(area.number)} ${escapeHtml(area.title)}</h2><ul>${items.join('')}</ul></section>`;
    })
    .join('\n');
  const dropped = r.dropped.length
    ? `<section><h2>${LINEAGE_LABEL_NB.dropped} fra ${escapeHtml(r.from.title)}</h2><ul>${r.dropped
        .flatMap((g) =>
          g.measures.map((m) =>
            li(
              LINEAGE_LABEL_NB.dropped,
              `${escapeHtml(m.address)} (${escapeHtml(g.title)}): ${escapeHtml(m.text)}`,
              'dropped',
            ),
          ),
        )
        .join('')}</ul></section>`
    : '';
  const goals = r.goals.length
    ? `<section><h2>Mål fra plan til plan</h2><ul>${r.goals
        .map((link) =>
          li(
            LINEAGE_LABEL_NB[link.kind],
            `${escapeHtml(goalWhere(link))}${link.confirmed ? ' (bekreftet)' : ''}: ${escapeHtml(goalText(link))}`,
            link.kind,
          ),
        )
        .join('')}</ul></section>`
    : '';
  const targets = r.targets.length
    ? `<section><h2>Måltall: da og nå</h2>${r.targets
        .map(
          (t) =>
            `<h3>${escapeHtml(metricLabelNb(t.metric))}</h3><ul>${[
              ...t.then.map(
                (g) =>
                  `<li>Mål i ${escapeHtml(r.from.title)}: ${escapeHtml(formatTargetNb(g.target, { today: r.asOf }))}</li>`,
              ),
              ...t.now.map(
                (g) =>
                  `<li>Mål i ${escapeHtml(r.to.title)}: ${escapeHtml(formatTargetNb(g.target, { today: r.asOf }))}</li>`,
              ),
              ...t.measured.map(
                (m) =>
                  `<li>Målt ${escapeHtml(formatDateNb(m.at))}: ${escapeHtml(formatNumberNb(m.value))}</li>`,
              ),
            ].join('')}</ul>`,
        )
        .join('')}</section>`
    : '';
  return `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Revisjon: ${escapeHtml(r.from.title)} til ${escapeHtml(r.to.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.45;color:#1a1a1a}
ins{background:#d7f5dd;text-decoration:none}del{background:#fbdada}li{margin:.3rem 0}.dropped{color:#5a5a5a}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:left}td{text-align:right}
@media print{body{max-width:none}}</style></head>
<body><h1>Revisjon: fra ${escapeHtml(r.from.title)} til ${escapeHtml(r.to.title)}</h1>
<p>${escapeHtml(plan(r.from))} sammenlignet med ${escapeHtml(plan(r.to))}, ${escapeHtml(version(r.to))}. Laget ${escapeHtml(formatDateNb(r.asOf))}.</p>
${table('Tiltak', r.counts)}
${table('Mål', r.goalCounts)}
${sections}
${dropped}
${goals}
${targets}
</body></html>
`;
}
