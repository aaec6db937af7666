import { MEASURE_STATUSES, type DiffPart } from '@app/domain';
import {
  CHANGE_LABEL_NB,
  STATUS_LABEL_NB,
  describeCauseNb,
  diffPartsHtml,
  diffPartsMarkdown,
  escapeHtml,
  escapeMarkdown,
  formatDateNb,
  formatNumberNb,
  formatTargetNb,
  metricLabelNb,
  formatPeriodNb,
} from '../report-format/report-format.js';
import type {
  FollowUpReport,
  ReportChange,
  ReportChangeKind,
  ReportIndicator,
  ReportMeasure,
} from './follow-up-report.js';

const KIND_LABEL_NB: Record<ReportChangeKind, string> = {
  created: 'Opprettet',
  adopted: 'Vedtatt',
  superseded: 'Erstattet av',
  added: CHANGE_LABEL_NB.added,
  removed: CHANGE_LABEL_NB.removed,
  reworded: CHANGE_LABEL_NB.reworded,
  retimed: CHANGE_LABEL_NB.retimed,
  reassigned: CHANGE_LABEL_NB.reassigned,
  moved: CHANGE_LABEL_NB.moved,
  retitled: CHANGE_LABEL_NB.retitled,
  targetChanged: CHANGE_LABEL_NB.targetChanged,
};

const ELEMENT_NB: Record<ReportChange['element'], string> = {
  plan: 'Planen',
  section: 'Kapittel',
  goal: 'Mål',
  measure: 'Tiltak',
};

/** A piece of a sentence: plain text, or a word diff that each format marks up its own way. */
type Segment = string | { readonly diff: readonly DiffPart[] };

/** A change in words, independent of the output format. */
function describeChange(c: ReportChange): Segment[] {
  const quoted = (text: string | null) => `«${text ?? ''}»`;
  const reason: Segment[] = c.reason ? [`. Begrunnelse: ${c.reason}`] : [];
  switch (c.kind) {
    case 'created':
      return [c.subject];
    case 'adopted':
      return [c.subject, c.to ? ` (${c.to})` : '', c.reason ? `, ${c.reason}` : ''];
    case 'superseded':
      return [c.to ?? ''];
    case 'added':
      return [quoted(c.subject), c.to ? ` (${c.to})` : ''];
    case 'removed':
      return [quoted(c.subject), ...reason];
    case 'reworded':
    case 'retitled':
      return c.parts ? [{ diff: c.parts }] : [quoted(c.from), ' → ', quoted(c.to)];
    case 'retimed':
      return [quoted(c.from), ' → ', quoted(c.to)];
    case 'reassigned':
      return [c.from || '–', ' → ', c.to || '–', ...reason];
    case 'moved':
    case 'targetChanged':
      return [c.from || '–', ' → ', c.to || '–'];
  }
}

function where(c: ReportChange): string {
  if (c.element === 'plan') return ELEMENT_NB.plan;
  return c.address ? `${ELEMENT_NB[c.element]} ${c.address}` : ELEMENT_NB[c.element];
}

function timingText(m: ReportMeasure): string {
  return m.due ? `${m.timing} (frist ${formatDateNb(m.due)})` : m.timing;
}

function indicatorValue(i: ReportIndicator): string {
  return i.latest ? `${formatNumberNb(i.latest.value)} (${formatDateNb(i.latest.at)})` : 'Ikke målt';
}

function indicatorResult(i: ReportIndicator): string {
  if (i.reached === null) return '';
  const share = i.share !== null ? `${Math.round(i.share * 100)} % av målet` : '';
  return i.reached ? `Nådd${share ? ` (${share})` : ''}` : `Ikke nådd${share ? ` (${share})` : ''}`;
}

function workText(w: ReportMeasure['work'][number]): string {
  const status = w.status ? `Status: ${STATUS_LABEL_NB[w.status]}` : 'Fremdrift';
  const period = w.period ? ` (${w.period})` : '';
  return `${formatDateNb(w.at)} – ${status}${period}${w.note ? `: ${w.note}` : ''}`;
}

const meetingsOf = (r: FollowUpReport): ReadonlyMap<string, string> =>
  new Map(Object.entries(r.meetingNames ?? {}));

function headerFacts(r: FollowUpReport): string[] {
  const p = r.plan;
  return [
    `Plan: ${p.title}, periode ${formatPeriodNb(p.period)}${p.edition ? `, utgave ${p.edition}` : ''}`,
    p.adoptedRevision > 0 ? `Vedtatt revisjon ${p.adoptedRevision}` : 'Ikke vedtatt (utkast)',
    `Rapportperiode: ${formatDateNb(r.range.from)}–${formatDateNb(r.range.to)}`,
  ];
}

// ---------------------------------------------------------------- Markdown

/** The report as Markdown (Norwegian bokmål). Every text from the plan is escaped. */
export function renderFollowUpReportMarkdown(r: FollowUpReport): string {
  const md = escapeMarkdown;
  const cell = (text: string) => md(text).trim() || ' ';
  const segments = (parts: Segment[]) =>
    parts.map((s) => (typeof s === 'string' ? md(s) : diffPartsMarkdown(s.diff))).join('');
  const out: string[] = [];
  out.push(`# Oppfølgingsrapport: ${md(r.plan.title)}`, '');
  out.push(...headerFacts(r).map((f) => `${md(f)}  `), '');

  out.push(`## Status per ${formatDateNb(r.range.to)}`, '');
  out.push('| Status | Antall tiltak |', '| --- | ---: |');
  for (const s of MEASURE_STATUSES) out.push(`| ${STATUS_LABEL_NB[s]} | ${r.totals.byStatus[s]} |`);
  out.push(`| **Totalt** | **${r.totals.measures}** |`, `| Forsinket | ${r.totals.overdue} |`, '');

  out.push('## Status per tiltak', '');
  for (const s of r.sections) {
    out.push(`${'#'.repeat(Math.min(3 + s.depth, 6))} ${md(s.number)} ${md(s.title)}`, '');
    if (s.measures.length === 0) continue;
    out.push('| Tiltak | Tekst | Tid | Ansvar | Status |', '| --- | --- | --- | --- | --- |');
    for (const m of s.measures) {
      const status = `${STATUS_LABEL_NB[m.status]}${m.overdue ? ' – forsinket' : ''}`;
      out.push(
        `| ${cell(m.address)} | ${cell(m.text)} | ${cell(timingText(m))} | ${cell(m.responsible.join(', ') || 'Ingen ansvarlig')} | ${cell(status)} |`,
      );
    }
    out.push('');
    const worked = s.measures.filter((m) => m.work.length > 0);
    if (worked.length > 0) {
      out.push('Arbeid i perioden:', '');
      for (const m of worked) for (const w of m.work) out.push(`- **${md(m.address)}** ${md(workText(w))}`);
      out.push('');
    }
  }

  out.push('## Mål og indikatorer', '');
  if (r.indicators.length === 0) out.push('Ingen mål med måltall eller målinger.', '');
  else {
    out.push('| Mål | Indikator | Måltall | Siste måling | Resultat |', '| --- | --- | --- | --- | --- |');
    for (const i of r.indicators) {
      const goal = i.address ? `${i.address} ${i.text ?? ''}` : 'Hele planen';
      out.push(
        `| ${cell(goal)} | ${cell(metricLabelNb(i.metric))} | ${cell(formatTargetNb(i.target, { today: r.range.to }))} | ${cell(indicatorValue(i))} | ${cell(indicatorResult(i))} |`,
      );
    }
    out.push('');
  }

  out.push('## Endringer i perioden', '');
  if (r.changes.length === 0) out.push('Ingen endringer i perioden.', '');
  else {
    out.push('| Dato | Hvor | Endring | Årsak / vedtak |', '| --- | --- | --- | --- |');
    for (const c of r.changes) {
      out.push(
        `| ${formatDateNb(c.at)} | ${cell(where(c))} | ${KIND_LABEL_NB[c.kind]}: ${segments(describeChange(c))} | ${cell(describeCauseNb(c.cause, meetingsOf(r)))} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- HTML

const STYLE = `
  body { font-family: Georgia, 'Times New Roman', serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; line-height: 1.4; }
  h1 { font-size: 1.6rem; margin-bottom: .25rem; }
  h2 { font-size: 1.25rem; border-bottom: 1px solid #999; margin-top: 2rem; }
  h3, h4, h5 { font-size: 1.05rem; margin-top: 1.25rem; }
  .facts { color: #333; margin: 0 0 1rem; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
  th, td { border: 1px solid #bbb; padding: .3rem .45rem; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.num { text-align: right; }
  .overdue { color: #a00; font-weight: bold; }
  del { color: #a00; }
  ins { color: #060; text-decoration: underline; }
  ul.work { margin-top: 0; }
  @media print { body { margin: 0; max-width: none; font-size: 10.5pt; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

/** The report as one printable HTML page (Norwegian bokmål), no external assets, every text escaped. */
export function renderFollowUpReportHtml(r: FollowUpReport): string {
  const h = escapeHtml;
  const segments = (parts: Segment[]) =>
    parts.map((s) => (typeof s === 'string' ? h(s) : diffPartsHtml(s.diff))).join('');
  const out: string[] = [];
  const title = `Oppfølgingsrapport: ${r.plan.title}`;
  out.push(
    '<!doctype html>',
    '<html lang="nb">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${h(title)}</h1>`,
    `<p class="facts">${headerFacts(r).map(h).join('<br>')}</p>`,
  );

  out.push(`<h2>Status per ${formatDateNb(r.range.to)}</h2>`);
  out.push('<table class="totals"><thead><tr><th>Status</th><th>Antall tiltak</th></tr></thead><tbody>');
  for (const s of MEASURE_STATUSES)
    out.push(`<tr><td>${STATUS_LABEL_NB[s]}</td><td class="num">${r.totals.byStatus[s]}</td></tr>`);
  out.push(
    `<tr><th>Totalt</th><th class="num">${r.totals.measures}</th></tr>`,
    `<tr><td>Forsinket</td><td class="num">${r.totals.overdue}</td></tr>`,
    '</tbody></table>',
  );

  out.push('<h2>Status per tiltak</h2>');
  for (const s of r.sections) {
    const level = Math.min(3 + s.depth, 6);
    out.push(`<h${level}>${h(s.number)} ${h(s.title)}</h${level}>`);
    if (s.measures.length === 0) continue;
    out.push(
      '<table><thead><tr><th>Tiltak</th><th>Tekst</th><th>Tid</th><th>Ansvar</th><th>Status</th></tr></thead><tbody>',
    );
    for (const m of s.measures) {
      const status = m.overdue
        ? `${STATUS_LABEL_NB[m.status]} <span class="overdue">forsinket</span>`
        : STATUS_LABEL_NB[m.status];
      out.push(
        `<tr><td>${h(m.address)}</td><td>${h(m.text)}</td><td>${h(timingText(m))}</td>` +
          `<td>${h(m.responsible.join(', ') || 'Ingen ansvarlig')}</td><td>${status}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
    const worked = s.measures.filter((m) => m.work.length > 0);
    if (worked.length > 0) {
      out.push('<p>Arbeid i perioden:</p><ul class="work">');
      for (const m of worked)
        for (const w of m.work) out.push(`<li><strong>${h(m.address)}</strong> ${h(workText(w))}</li>`);
      out.push('</ul>');
    }
  }

  out.push('<h2>Mål og indikatorer</h2>');
  if (r.indicators.length === 0) out.push('<p>Ingen mål med måltall eller målinger.</p>');
  else {
    out.push(
      '<table><thead><tr><th>Mål</th><th>Indikator</th><th>Måltall</th><th>Siste måling</th><th>Resultat</th></tr></thead><tbody>',
    );
    for (const i of r.indicators) {
      const goal = i.address ? `${h(i.address)} ${h(i.text ?? '')}` : 'Hele planen';
      out.push(
        `<tr><td>${goal}</td><td>${h(metricLabelNb(i.metric))}</td><td>${h(formatTargetNb(i.target, { today: r.range.to }))}</td>` +
          `<td>${h(indicatorValue(i))}</td><td>${h(indicatorResult(i))}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }

  out.push('<h2>Endringer i perioden</h2>');
  if (r.changes.length === 0) out.push('<p>Ingen endringer i perioden.</p>');
  else {
    out.push(
      '<table><thead><tr><th>Dato</th><th>Hvor</th><th>Endring</th><th>Årsak / vedtak</th></tr></thead><tbody>',
    );
    for (const c of r.changes) {
      out.push(
        `<tr><td>${formatDateNb(c.at)}</td><td>${h(where(c))}</td>` +
          `<td>${KIND_LABEL_NB[c.kind]}: ${segments(describeChange(c))}</td><td>${h(describeCauseNb(c.cause, meetingsOf(r)))}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}
