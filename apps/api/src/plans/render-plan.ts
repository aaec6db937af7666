import { toJson, toYaml } from '@app/plan-document';
import { planViewToDocument, renderPlanMarkdown, type PlanView } from '@app/read-models';
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
  }
}
