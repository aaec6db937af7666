import type { Migration } from 'kysely';
import * as checkpointsAndCurrentPlan from './2026-11-23T1800-checkpoints-and-current-plan.js';
import * as planHistory from './2026-11-23T1900-plan-history-goals-measurements.js';
import * as organisations from './2026-11-23T2000-organisations.js';
import * as access from './2026-12-01T1000-access.js';
import * as meetings from './2026-12-02T1200-meetings.js';
import * as deferredIndexes from './2026-12-05T1000-projection-deferred-indexes.js';
import * as streamSnapshots from './2026-12-06T2100-stream-snapshots.js';
import * as checkpointPositionsUnsigned from './2026-12-07T1200-checkpoint-positions-unsigned.js';
import * as meetingDetails from './2026-12-08T1000-meeting-details.js';
import * as planNow from './2026-12-08T1200-plan-now.js';
import * as dropUnreadPlanElementTables from './2026-12-08T1400-drop-unread-plan-element-tables.js';
import * as planNowViewAndLineage from './2026-12-08T1500-plan-now-view-and-lineage.js';
import * as planNowTimelineDigest from './2026-12-09T1000-plan-now-timeline-digest.js';
import * as planNowLz4 from './2026-12-09T1100-plan-now-lz4.js';

/** The read models' migrations, by name; names sort in the order they apply. */
export const readModelMigrations: Record<string, Migration> = {
  '2026-11-23T1800-checkpoints-and-current-plan': checkpointsAndCurrentPlan,
  '2026-11-23T1900-plan-history-goals-measurements': planHistory,
  '2026-11-23T2000-organisations': organisations,
  '2026-12-01T1000-access': access,
  '2026-12-02T1200-meetings': meetings,
  '2026-12-05T1000-projection-deferred-indexes': deferredIndexes,
  '2026-12-06T2100-stream-snapshots': streamSnapshots,
  '2026-12-07T1200-checkpoint-positions-unsigned': checkpointPositionsUnsigned,
  '2026-12-08T1000-meeting-details': meetingDetails,
  '2026-12-08T1200-plan-now': planNow,
  '2026-12-08T1400-drop-unread-plan-element-tables': dropUnreadPlanElementTables,
  '2026-12-08T1500-plan-now-view-and-lineage': planNowViewAndLineage,
  '2026-12-09T1000-plan-now-timeline-digest': planNowTimelineDigest,
  '2026-12-09T1100-plan-now-lz4': planNowLz4,
};
