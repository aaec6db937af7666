import { isPlanEvent, type PlanEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { Transaction } from 'kysely';
import type { Projection } from '../projection.js';

/** The current state of every plan: rm_plans, rm_plan_sections, rm_plan_measures. */
export const currentPlanProjection: Projection = {
  name: 'current-plan',
  tables: ['rm_plan_measures', 'rm_plan_sections', 'rm_plans'],
  async apply(trx, events) {
    for (const event of events) {
      if (!isPlanEvent(event)) continue;
      await applyOne(trx, event, event);
    }
  },
};

/** `event` is `recorded` seen as the domain event it is; `recorded` has its revision and metadata. */
async function applyOne(trx: Transaction<any>, event: PlanEvent, recorded: RecordedEvent): Promise<void> {
  const at = recorded.metadata.recordedAt;
  switch (event.type) {
    case 'PlanCreated': {
      const d = event.data;
      await trx
        .insertInto('rm_plans')
        .values({
          plan_id: d.planId,
          organisation_id: d.organisationId,
          title: d.title,
          period_from: d.period.from,
          period_to: d.period.to,
          edition: d.edition ?? null,
          status: 'draft',
          bodies: JSON.stringify(d.bodies),
          revision: String(recorded.revision),
          created_at: at,
          updated_at: at,
        })
        .execute();
      return;
    }
    case 'SectionAdded': {
      const d = event.data;
      await trx
        .insertInto('rm_plan_sections')
        .values({
          section_id: d.sectionId,
          plan_id: d.planId,
          parent_section_id: d.parentSectionId ?? null,
          number: d.number,
          title: d.title,
        })
        .execute();
      break;
    }
    case 'MeasureAdded': {
      const d = event.data;
      await trx
        .insertInto('rm_plan_measures')
        .values({
          measure_id: d.measureId,
          plan_id: d.planId,
          section_id: d.sectionId,
          label: d.label,
          text: d.text,
          timing: d.timing,
          responsible: JSON.stringify(d.responsible),
          status: 'not_started',
          status_note: null,
          status_changed_at: null,
          status_changed_by: null,
        })
        .execute();
      break;
    }
    case 'MeasureStatusChanged': {
      const d = event.data;
      await trx
        .updateTable('rm_plan_measures')
        .set({
          status: d.to,
          status_note: d.note ?? null,
          status_changed_at: at,
          status_changed_by: recorded.metadata.actor,
        })
        .where('measure_id', '=', d.measureId)
        .execute();
      break;
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
  await trx
    .updateTable('rm_plans')
    .set({ revision: String(recorded.revision), updated_at: at })
    .where('plan_id', '=', event.data.planId)
    .execute();
}
