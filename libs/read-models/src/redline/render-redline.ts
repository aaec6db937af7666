import {
  diffPartsHtml,
  diffPartsMarkdown,
  escapeHtml,
  formatDateNb,
} from '../report-format/report-format.js';
import type { Redline, RedlineCause, RedlineSection } from './redline.js';

/** "Endringsforslag 3 (Oslo SVs årsmøte 2026)", "Styrevedtak: FS-sak 12/26": how a change is annotated. */
export function describeRedlineCause(cause: RedlineCause): string {
  if (cause.kind === 'meeting') {
    const no =
      cause.amendmentNo !== undefined
        ? `Endringsforslag ${cause.amendmentNo}`
        : `Møtevedtak${cause.reference && !cause.meetingId ? `: ${cause.reference}` : ''}`;
    const meeting = cause.meetingName ?? cause.meetingId;
    return `${no}${meeting ? ` (${meeting})` : ''}${cause.vote ? `, ${cause.vote}` : ''}`;
  }
  if (cause.kind === 'board_decision') return `Styrevedtak${cause.reference ? `: ${cause.reference}` : ''}`;
  if (cause.kind === 'import') return 'Import';
  return cause.reference ?? cause.kind;
}

const annotate = (causes: RedlineCause[]): string[] => [...new Set(causes.map(describeRedlineCause))];
/** "…: revisjon 1 mot revisjon 2", or "…: utkastet mot revisjon 1" for what a meeting did to a draft. */
export const redlineHeading = (r: Redline): string =>
  `${r.title}: ${r.from.adoptedRevision > 0 ? `revisjon ${r.from.adoptedRevision}` : 'utkastet'} mot ${r.to.current ? 'gjeldende plan' : `revisjon ${r.to.adoptedRevision}`}`;
const heading = redlineHeading;

/** The redline as Markdown: ~~struck~~ and **inserted** words, each change with its cause. */
export function renderRedlineMarkdown(r: Redline): string {
  const out: string[] = [`# ${heading(r)}`, ''];
  out.push(`Lagt til: ${r.counts.added} · Endret: ${r.counts.changed} · Strøket: ${r.counts.removed}`, '');
  const section = (s: RedlineSection, depth: number): void => {
    out.push(`${'#'.repeat(Math.min(depth + 2, 6))} ${s.number} ${diffPartsMarkdown(s.title.parts)}`, '');
    if (s.introChanged)
      out.push(
        `Innledning: ${diffPartsMarkdown(s.intro.parts)} _[${annotate(s.causes).join('; ') || s.change}]_`,
        '',
      );
    for (const g of s.goals) {
      const note = g.change === 'unchanged' ? '' : ` _[${annotate(g.causes).join('; ') || g.change}]_`;
      out.push(`- Mål: ${diffPartsMarkdown(g.text.parts)}${note}`);
    }
    if (s.goals.length > 0) out.push('');
    for (const m of s.measures) {
      const details = [diffPartsMarkdown(m.timing.parts), diffPartsMarkdown(m.responsible.parts)]
        .filter(Boolean)
        .join('; ');
      const note = m.change === 'unchanged' ? '' : ` _[${annotate(m.causes).join('; ') || m.change}]_`;
      out.push(`${m.label}. ${diffPartsMarkdown(m.text.parts)}${details ? ` — ${details}` : ''}${note}`);
    }
    if (s.measures.length > 0) out.push('');
    for (const child of s.sections) section(child, depth + 1);
  };
  for (const s of r.sections) section(s, 0);
  return `${out.join('\n').trimEnd()}\n`;
}

/** The redline as a printable HTML page with <del> and <ins>, each change annotated. */
export function renderRedlineHtml(r: Redline): string {
  const note = (change: string, causes: RedlineCause[]): string =>
    change === 'unchanged'
      ? ''
      : ` <span class="cause">[${escapeHtml(annotate(causes).join('; ') || change)}]</span>`;
  const section = (s: RedlineSection, depth: number): string => {
    const h = Math.min(depth + 2, 6);
    const goals = s.goals
      .map(
        (g) => `<li class="${g.change}">Mål: ${diffPartsHtml(g.text.parts)}${note(g.change, g.causes)}</li>`,
      )
      .join('');
    const measures = s.measures
      .map((m) => {
        const details = [diffPartsHtml(m.timing.parts), diffPartsHtml(m.responsible.parts)]
          .filter(Boolean)
          .join('; ');
        return `<li class="${m.change}"><strong>${escapeHtml(m.label)}.</strong> ${diffPartsHtml(m.text.parts)}${details ? ` <span class="details">— ${details}</span>` : ''}${note(m.change, m.causes)}</li>`;
      })
      .join('');
    const intro = s.introChanged
      ? `<p class="intro changed">Innledning: ${diffPartsHtml(s.intro.parts)}${note(s.change, s.causes)}</p>`
      : '';
    return `<section><h${h}>${escapeHtml(s.number)} ${diffPartsHtml(s.title.parts)}</h${h}>${intro}${goals ? `<ul class="goals">${goals}</ul>` : ''}${measures ? `<ul class="measures">${measures}</ul>` : ''}${s.sections.map((c) => section(c, depth + 1)).join('')}</section>`;
  };
  return `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading(r))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.45;color:#1a1a1a}
ins{background:#d7f5dd;text-decoration:underline}del{background:#fbdada}.cause{color:#4a4a4a;font-size:.9em}
ul{list-style:none;padding-left:0}li{margin:.35rem 0}@media print{body{max-width:none}}</style></head>
<body><h1>${escapeHtml(heading(r))}</h1>
<p>Lagt til: ${r.counts.added} · Endret: ${r.counts.changed} · Strøket: ${r.counts.removed}${r.to.date ? ` · Vedtatt ${escapeHtml(formatDateNb(r.to.date))}` : ''}</p>
${r.sections.map((s) => section(s, 0)).join('\n')}
</body></html>
`;
}
