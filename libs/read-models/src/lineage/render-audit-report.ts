import {
  CHANGE_LABEL_NB,
  diffPartsHtml,
  diffPartsMarkdown,
  escapeHtml,
  escapeMarkdown,
  formatDateNb,
  formatNumberNb,
  formatTargetNb,
  metricLabelNb,
} from '../report-format/report-format.js';
import type { AuditReport } from './audit-report.js';

const plan = (p: { title: string; period: { from: number; to: number } }): string =>
  `${p.title} (${p.period.from}–${p.period.to})`;

/** The audit report in Norwegian Markdown: for the record, for e-mail, for print. */
export function renderAuditReportMarkdown(r: AuditReport): string {
  const out: string[] = [`# Revisjon: fra ${r.from.id} til ${r.to.id}`, ''];
  out.push(`Fra: ${escapeMarkdown(plan(r.from))}  `, `Til: ${escapeMarkdown(plan(r.to))}`, '');
  out.push(
    `Videreført uendret: ${r.counts.carried} · Omformulert: ${r.counts.reworded} · Nye: ${r.counts.added} · Utgått: ${r.counts.dropped}`,
    '',
  );
  for (const area of r.areas) {
    out.push(`## ${area.number} ${escapeMarkdown(area.title)}`, '');
    for (const c of area.carried)
      out.push(
        `- **${CHANGE_LABEL_NB.unchanged}** ${c.to.address} ← ${c.from.map((f) => f.address).join(', ')}: ${escapeMarkdown(c.to.text)}`,
      );
    for (const w of area.reworded) {
      const label = CHANGE_LABEL_NB[w.kind as keyof typeof CHANGE_LABEL_NB] ?? CHANGE_LABEL_NB.reworded;
      const text = w.parts ? diffPartsMarkdown(w.parts) : escapeMarkdown(w.to.text);
      out.push(
        `- **${label}** ${w.to.address} ← ${w.from.map((f) => f.address).join(', ')}${w.confirmed ? ' (bekreftet)' : ''}: ${text}`,
      );
    }
    for (const a of area.added)
      out.push(`- **${CHANGE_LABEL_NB.new}** ${a.address}: ${escapeMarkdown(a.text)}`);
    out.push('');
  }
  if (r.dropped.length > 0) {
    out.push(`## Utgått fra ${r.from.id}`, '');
    for (const group of r.dropped) {
      for (const m of group.measures)
        out.push(`- ${m.address} (${escapeMarkdown(group.title)}): ${escapeMarkdown(m.text)}`);
    }
    out.push('');
  }
  if (r.targets.length > 0) {
    out.push('## Mål og tall: da og nå', '');
    for (const t of r.targets) {
      out.push(`### ${metricLabelNb(t.metric)}`, '');
      for (const g of t.then)
        out.push(`- Mål i ${r.from.id}: ${formatTargetNb(g.target)} («${escapeMarkdown(g.text)}»)`);
      for (const g of t.now)
        out.push(`- Mål i ${r.to.id}: ${formatTargetNb(g.target)} («${escapeMarkdown(g.text)}»)`);
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
  const sections = r.areas
    .map((area) => {
      const items = [
        ...area.carried.map((c) =>
          li(
            CHANGE_LABEL_NB.unchanged,
            `${escapeHtml(c.to.address)} ← ${escapeHtml(c.from.map((f) => f.address).join(', '))}: ${escapeHtml(c.to.text)}`,
            'carried',
          ),
        ),
        ...area.reworded.map((w) =>
          li(
            CHANGE_LABEL_NB[w.kind as keyof typeof CHANGE_LABEL_NB] ?? CHANGE_LABEL_NB.reworded,
            `${escapeHtml(w.to.address)} ← ${escapeHtml(w.from.map((f) => f.address).join(', '))}${w.confirmed ? ' (bekreftet)' : ''}: ${w.parts ? diffPartsHtml(w.parts) : escapeHtml(w.to.text)}`,
            'reworded',
          ),
        ),
        ...area.added.map((a) =>
          li(CHANGE_LABEL_NB.new, `${escapeHtml(a.address)}: ${escapeHtml(a.text)}`, 'added'),
        ),
      ];
      return `<section><h2>${escapeHtml(area.number)} ${escapeHtml(area.title)}</h2><ul>${items.join('')}</ul></section>`;
    })
    .join('\n');
  const dropped = r.dropped.length
    ? `<section><h2>Utgått fra ${escapeHtml(r.from.id)}</h2><ul>${r.dropped
        .flatMap((g) =>
          g.measures.map((m) =>
            li(
              CHANGE_LABEL_NB.dropped,
              `${escapeHtml(m.address)} (${escapeHtml(g.title)}): ${escapeHtml(m.text)}`,
              'dropped',
            ),
          ),
        )
        .join('')}</ul></section>`
    : '';
  const targets = r.targets.length
    ? `<section><h2>Mål og tall: da og nå</h2>${r.targets
        .map(
          (t) =>
            `<h3>${escapeHtml(metricLabelNb(t.metric))}</h3><ul>${[
              ...t.then.map(
                (g) => `<li>Mål i ${escapeHtml(r.from.id)}: ${escapeHtml(formatTargetNb(g.target))}</li>`,
              ),
              ...t.now.map(
                (g) => `<li>Mål i ${escapeHtml(r.to.id)}: ${escapeHtml(formatTargetNb(g.target))}</li>`,
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
<title>Revisjon: ${escapeHtml(r.from.id)} til ${escapeHtml(r.to.id)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.45;color:#1a1a1a}
ins{background:#d7f5dd;text-decoration:none}del{background:#fbdada}li{margin:.3rem 0}.dropped{color:#5a5a5a}
@media print{body{max-width:none}}</style></head>
<body><h1>Revisjon: fra ${escapeHtml(r.from.title)} til ${escapeHtml(r.to.title)}</h1>
<p>Videreført uendret: ${r.counts.carried} · Omformulert: ${r.counts.reworded} · Nye: ${r.counts.added} · Utgått: ${r.counts.dropped}</p>
${sections}
${dropped}
${targets}
</body></html>
`;
}
