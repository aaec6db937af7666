import { toJson, toYaml } from '@app/plan-document';
import { escapeHtml, planViewToDocument, renderPlanMarkdown, type PlanView } from '@app/read-models';

import type { DocumentFormat } from './dto/plan-moment.query.js';

/** A plan in one of the export formats, with what the response should say about it. */
export function renderPlan(
  plan: PlanView,
  format: DocumentFormat,
  lineNumbers: boolean,
): { body: string; contentType: string; extension: string } {
  switch (format) {
    case 'json':
      return { body: toJson(planViewToDocument(plan)), contentType: 'application/json', extension: 'json' };
    case 'md':
      return {
        body: renderPlanMarkdown(plan, { lineNumbers }),
        contentType: 'text/markdown',
        extension: 'md',
      };
    case 'yaml':
      return { body: toYaml(planViewToDocument(plan)), contentType: 'application/yaml', extension: 'yaml' };
    case 'html':
      return { body: meetingPapers(plan, lineNumbers), contentType: 'text/html', extension: 'html' };
  }
}

/**
 * The plan as meeting papers (sakspapir): the same numbered lines amendments cite ("Linje 50
 * tom 53"), as a printable page.
 */
function meetingPapers(plan: PlanView, lineNumbers: boolean): string {
  const lines = renderPlanMarkdown(plan, { lineNumbers }).trimEnd().split('\n');
  return `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sakspapir: ${escapeHtml(plan.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}
pre{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.9rem;line-height:1.5}@media print{body{max-width:none}}</style></head>
<body><h1>Sakspapir: ${escapeHtml(plan.title)}</h1>
<pre>${lines.map(escapeHtml).join('\n')}</pre>
</body></html>
`;
}
