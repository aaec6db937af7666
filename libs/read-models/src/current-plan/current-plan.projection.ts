import type { PlanEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { Transaction } from 'kysely';
import { planEventsOf } from '../plan-events.js';
import type { Projection } from '../projection.js';

/**
 * The current state of every plan in tables (rm_plans, rm_plan_sections, rm_plan_goals,
 * rm_plan_measures), for lists, dashboards and summaries across plans.
 */
export const currentPlanProjection: Projection = {
  name: 'current-plan',
  tables: ['rm_plan_measures', 'rm_plan_goals', 'rm_plan_sections', 'rm_plans'],
  async apply(trx, events) {
    for (const { event, recorded } of planEventsOf(events)) await applyOne(trx, event, recorded);
  },
};

const json = (value: unknown): string => JSON.stringify(value);

async function applyOne(trx: Transaction<any>, event: PlanEvent, recorded: RecordedEvent): Promise<void> {
  const at = recorded.metadata.recordedAt;
  const planId = event.data.planId;
  const plans = () => trx.updateTable('rm_plans').where('plan_id', '=', planId);
  const measure = (id: string) => trx.updateTable('rm_plan_measures').where('measure_id', '=', id);
  const goal = (id: string) => trx.updateTable('rm_plan_goals').where('goal_id', '=', id);
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
          bodies: json(d.bodies),
          revision: String(recorded.revision),
          created_at: at,
          updated_at: at,
          predecessor_plan_id: d.predecessorPlanId ?? null,
          parent_plan_id: d.parentPlanId ?? null,
        })
        .execute();
      return;
    }
    case 'PlanRetitled':
      await plans().set({ title: event.data.to, changed_since_adoption: true }).execute();
      break;
    case 'PlanLinked': {
      const d = event.data;
      await plans()
        .set({
          ...(d.predecessorPlanId ? { predecessor_plan_id: d.predecessorPlanId } : {}),
          ...(d.parentPlanId ? { parent_plan_id: d.parentPlanId } : {}),
        })
        .execute();
      break;
    }
    case 'BodyDeclared': {
      const row = await trx
        .selectFrom('rm_plans')
        .select('bodies')
        .where('plan_id', '=', planId)
        .executeTakeFirstOrThrow();
      const bodies = typeof row.bodies === 'string' ? JSON.parse(row.bodies) : row.bodies;
      await plans()
        .set({ bodies: json([...bodies, { code: event.data.code, name: event.data.name }]) })
        .execute();
      break;
    }
    case 'PlanAdopted':
      await plans()
        .set({
          status: 'adopted',
          adopted_revision: event.data.revision,
          changed_since_adoption: false,
          ...(event.data.edition ? { edition: event.data.edition } : {}),
        })
        .execute();
      break;
    case 'PlanSuperseded':
      await plans().set({ status: 'superseded' }).execute();
      break;
    case 'SectionAdded': {
      const d = event.data;
      await trx
        .insertInto('rm_plan_sections')
        .values({
          section_id: d.sectionId,
          plan_id: planId,
          parent_section_id: d.parentSectionId ?? null,
          number: d.number,
          title: d.title,
          intro: d.intro ?? null,
        })
        .execute();
      await plans().set({ changed_since_adoption: true }).execute();
      break;
    }
    case 'SectionRetitled':
      await trx
        .updateTable('rm_plan_sections')
        .set({ title: event.data.to })
        .where('section_id', '=', event.data.sectionId)
        .execute();
      await plans().set({ changed_since_adoption: true }).execute();
      break;
    case 'GoalAdded': {
      const d = event.data;
      await trx
        .insertInto('rm_plan_goals')
        .values({
          goal_id: d.goalId,
          plan_id: planId,
          section_id: d.sectionId,
          parent_goal_id: d.parentGoalId ?? null,
          text: d.text,
          target: d.target ? json(d.target) : null,
        })
        .execute();
      await plans().set({ changed_since_adoption: true }).execute();
      break;
    }
    case 'GoalReworded':
      await goal(event.data.goalId).set({ text: event.data.to }).execute();
      await plans().set({ changed_since_adoption: true }).execute();
      break;
    case 'GoalTargetSet':
      await goal(event.data.goalId)
        .set({ target: json(event.data.to) })
        .execute();
      await plans().set({ changed_since_adoption: true }).execute();
      break;
    case 'GoalStruck':
      await goal(event.data.goalId).set({ struck: true }).execute();
      await plans().set({ changed_since_adoption: true }).execute();
      break;
    case 'IndicatorMeasured':
    case 'ProgressNoted':
    case 'LineageConfirmed':
    case 'LineageRejected':
      break;

    case 'MeasureAdded': {
      const d = event.data;
      await trx
        .insertInto('rm_plan_measures')
        .values({
          measure_id: d.measureId,
          plan_id: planId,
          section_id: d.sectionId,
          label: d.label,
          text: d.text,
          timing: d.timing,
          responsible: json(d.responsible),
          responsible_note: d.responsibleNote ?? null,
          status: 'not_started',
          status_note: null,
          status_changed_at: null,
          status_changed_by: null,
        })
        .execute();
      await plans().set({ changed_since_adoption: true }).execute();
      break;
    }
    case 'MeasureReworded':
      await measure(event.data.measureId).set({ text: event.data.to }).execute();
      await plans().set({ changed_since_adoption: true }).execute();
      break;
    case 'MeasureMoved':
      await measure(event.data.measureId)
        .set({ section_id: event.data.toSectionId, label: event.data.toLabel })
        .execute();
      await plans().set({ changed_since_adoption: true }).execute();
      break;
    case 'MeasureRetimed':
      await measure(event.data.measureId).set({ timing: event.data.to }).execute();
      await plans().set({ changed_since_adoption: true }).execute();
      break;
    case 'MeasureReassigned':
      await measure(event.data.measureId)
        .set({ responsible: json(event.data.to) })
        .execute();
      await plans().set({ changed_since_adoption: true }).execute();
      break;
    case 'MeasureStruck':
      await measure(event.data.measureId).set({ struck: true }).execute();
      await plans().set({ changed_since_adoption: true }).execute();
      break;
    case 'MeasureStatusChanged': {
      const d = event.data;
      await measure(d.measureId)
        .set({
          status: d.to,
          status_note: d.note ?? null,
          status_period: d.period ?? null,
          status_changed_at: recorded.metadata.effectiveAt,
          status_changed_by: recorded.metadata.actor,
        })
        .execute();
      break;
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
  await plans()
    .set({ revision: String(recorded.revision), updated_at: at })
    .execute();
}
