export * from './current-plan/current-plan.projection.js';
export * from './current-plan/current-plan.queries.js';
export * from './migrations/index.js';
export * from './projection-runner.js';
export * from './projection.js';

import { currentPlanProjection } from './current-plan/current-plan.projection.js';
import type { Projection } from './projection.js';

/** Every read model the service keeps, in the order a rebuild runs them. */
export const ALL_PROJECTIONS: readonly Projection[] = [currentPlanProjection];
