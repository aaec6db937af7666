export * from './current-plan/current-plan.projection.js';
export * from './current-plan/current-plan.queries.js';
export * from './deferred-indexes.js';
export { readModelsVersion } from './checkpoints/checkpoints.js';
export * from './migrations/index.js';
export * from './organisations/organisations.projection.js';
export * from './organisations/organisations.queries.js';
export * from './plan-export/plan-document-export.js';
export * from './plan-export/plan-markdown.js';
export * from './plan-history/actor-names.js';
export * from './plan-history/element-of.js';
export * from './plan-history/history-row.js';
export * from './plan-changes/describe-plan-event.js';
export * from './plan-history/plan-history.projection.js';
export * from './plan-history/plan-history.queries.js';
export * from './plan-now/plan-now.projection.js';
export * from './plan-view/plan-at.js';
export * from './plan-view/plan-timeline.js';
export * from './plan-view/plan-view.js';
export * from './projection-runner.js';
export * from './projection.js';
export { REBUILD_LOCK_KEY, REBUILD_SCHEMA } from './rebuild-schema.js';
export { rebuildTarget } from './rebuild-writer.js';
export * from './rebuild-progress.js';
export * from './write-visibility.js';
export * from './read-your-writes.js';
export type { ReadModelDatabase, ReadModelTable } from './read-model-database.js';
export * from './plan-diff/diff-plans.js';
export * from './plan-diff/load-plan-diff.js';
export * from './plan-diff/render-diff-markdown.js';
export * from './follow-up/follow-up-summary.js';
export * from './follow-up-report/follow-up-report.js';
export * from './follow-up-report/load-follow-up-report.js';
export * from './follow-up-report/render-report.js';
export * from './report-format/report-format.js';
export * from './report-format/meeting-labels.js';
export * from './access/index.js';

import { accessProjection } from './access/access.projection.js';
import { currentPlanProjection } from './current-plan/current-plan.projection.js';
import { meetingsProjection } from './meetings/meetings.projection.js';
import { organisationsProjection } from './organisations/organisations.projection.js';
import { planHistoryProjection } from './plan-history/plan-history.projection.js';
import { planNowProjection } from './plan-now/plan-now.projection.js';
import type { Projection } from './projection.js';

/** Every read model the service keeps, in the order a rebuild runs them. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  currentPlanProjection,
  planHistoryProjection,
  planNowProjection,
  organisationsProjection,
  accessProjection,
  meetingsProjection,
];
export * from './lineage/audit-report.js';
export * from './lineage/kept-lineage.js';
export * from './lineage/lineage.js';
export * from './lineage/render-audit-report.js';
export * from './redline/redline.js';
export * from './redline/render-redline.js';
export * from './redline/redline-docx.js';
export * from './meetings/index.js';
export * from './meeting-papers/index.js';
