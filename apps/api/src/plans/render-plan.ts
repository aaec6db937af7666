import type { MeetingPapers } from '@app/domain';
import { toJson, toYaml } from '@app/plan-document';
import {
  escapeHtml,
  planDocumentOf,
  renderPapersText,
  renderPlanMarkdown,
  type PlanView,
} from '@app/read-models';

import type { DocumentFormat } from './dto/plan-moment.query.js';

/**
 * A plan in one of the export formats, with what the response should say about it. With line
 * numbers (md, html) it is the meeting papers: the one numbering amendments cite.
 */
export function renderPlan(
  plan: PlanView,
  format: DocumentFormat,
  papers: MeetingPapers | undefined,
  orgName?: string,
): { body: string; contentType: string; extension: string } {
  switch (format) {
    case 'json':
      return {
        body: toJson(planDocumentOf(plan, orgName)),
        contentType: 'application/json',
        extension: 'json',
      };
    case 'md':
      return {
        body: papers ? renderPapersText(papers) : renderPlanMarkdown(plan),
        contentType: 'text/markdown',
        extension: 'md',
      };
    case 'yaml':
      return {
        body: toYaml(planDocumentOf(plan, orgName)),
        contentType: 'application/yaml',
        extension: 'yaml',
      };
    case 'html':
      return {
        body: papers ? papersPage(papers) : plainPage(plan),
        contentType: 'text/html',
        extension: 'html',
      };
  }
}

const PAGE_STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}
pre{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.9rem;line-height:1.5}
ol.papers{list-style:none;padding:0;line-height:1.5}ol.papers li{display:grid;grid-template-columns:3.5rem 1fr;gap:.75rem}
ol.papers .no{text-align:right;color:#555;font-variant-numeric:tabular-nums}ol.papers .start{margin-top:.35rem}
ol.papers .heading{font-weight:700}@media print{body{max-width:none}}`;

/**
 * The meeting papers (sakspapir) as a printable page: every line of the papers with its number
 * in the margin, the numbers amendments cite ("Linje 50 tom 53").
 */
function papersPage(papers: MeetingPapers): string {
  const labels = new Map(papers.elements.flatMap((e) => (e.label ? [[e.id, e.label] as const] : [])));
  const items = papers.lines
    .map((line) => {
      const label =
        line.kind === 'measure' && line.start ? `${labels.get(line.element?.id ?? '') ?? ''}. ` : '';
      const classes = [line.kind, line.start ? 'start' : ''].filter(Boolean).join(' ');
      const no = line.no === null ? '' : String(line.no);
      const element = line.element ? ` data-element="${escapeHtml(line.element.address)}"` : '';
      return `<li class="${classes}"${line.no === null ? '' : ` data-line="${no}"`}${element}><span class="no">${no}</span><span>${escapeHtml(label + line.text)}</span></li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sakspapir: ${escapeHtml(papers.title)}</title>
<style>${PAGE_STYLE}</style></head>
<body><h1>Sakspapir: ${escapeHtml(papers.title)}</h1>
<ol class="papers">
${items}
</ol>
</body></html>
`;
}

/** The plan as readable Markdown on a printable page. */
function plainPage(plan: PlanView): string {
  return `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(plan.title)}</title>
<style>${PAGE_STYLE}</style></head>
<body><h1>${escapeHtml(plan.title)}</h1>
<pre>${escapeHtml(renderPlanMarkdown(plan).trimEnd())}</pre>
</body></html>
`;
}
