import type { ApiTokensTable } from './access/api-tokens.table.js';
import type { PlanVisibilityTable } from './access/plan-visibility.table.js';
import type { RoleGrantsTable } from './access/role-grants.table.js';
import type { UsersTable } from './access/users.table.js';
import type { ProjectionCheckpointsTable } from './checkpoints/projection-checkpoints.table.js';
import type { PlansTable } from './current-plan/plans.table.js';
import type { AmendmentsTable } from './meetings/amendments.table.js';
import type { MeetingsTable } from './meetings/meetings.table.js';
import type { PlanLineageTextsTable } from './lineage/plan-lineage-texts.table.js';
import type { PlanLineageTable } from './lineage/plan-lineage.table.js';
import type { OrganisationsTable } from './organisations/organisations.table.js';
import type { PlanHistoryTable } from './plan-history/plan-history.table.js';
import type { PlanNowTable } from './plan-now/plan-now.table.js';
import type { ProjectionDeferredIndexesTable } from './projection-deferred-indexes.table.js';
import type { StreamSnapshotsTable } from './stream-snapshots/stream-snapshots.table.js';

/**
 * Every table of the read-model database, each typed once in its `*.table.ts` beside the code
 * that writes it (the migrations in ./migrations create them, and take `Kysely<any>` as kysely
 * advises). Queries and projections take `Kysely<ReadModelDatabase>` (or its `Transaction`);
 * the row types stay inside the functions that read them.
 */
export interface ReadModelDatabase {
  projection_checkpoints: ProjectionCheckpointsTable;
  projection_deferred_indexes: ProjectionDeferredIndexesTable;
  rm_plans: PlansTable;
  rm_plan_history: PlanHistoryTable;
  rm_plan_now: PlanNowTable;
  rm_plan_lineage_texts: PlanLineageTextsTable;
  rm_plan_lineage: PlanLineageTable;
  rm_organisations: OrganisationsTable;
  rm_users: UsersTable;
  rm_api_tokens: ApiTokensTable;
  rm_role_grants: RoleGrantsTable;
  rm_plan_visibility: PlanVisibilityTable;
  rm_meetings: MeetingsTable;
  rm_amendments: AmendmentsTable;
  stream_snapshots: StreamSnapshotsTable;
}

/** A table of the read models, by name. */
export type ReadModelTable = keyof ReadModelDatabase & string;
