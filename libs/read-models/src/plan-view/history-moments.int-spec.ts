import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@app/database';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import type { Kysely } from 'kysely';
import { createdPlan } from '../__fixtures__/history-rows.js';
import { readModelMigrations } from '../migrations/index.js';
import type { ReadModelDatabase } from '../read-model-database.js';
import type { ElementKind } from '../plan-history/element-of.js';
import { loadPlanHistory } from '../plan-history/plan-history.queries.js';
import { HistoryMoments, planAt, type PlanMoment } from './plan-at.js';

/**
 * A diff folds both of its moments from the history it reads once (HistoryMoments): each moment
 * must be the plan `planAt` reads for it on its own, refusals included.
 */
const plan = createdPlan('p1')
  .add('SectionAdded', { sectionId: 's1', number: '1', title: 'Medlemmer' })
  .add('MeasureAdded', {
    measureId: 'm1',
    sectionId: 's1',
    label: 'A',
    text: 'Verve',
    timing: 'Høst 2024',
    responsible: ['FS'],
  })
  .on('2024-03-09')
  .add('PlanAdopted', { revision: 1, body: 'ÅM', date: '2024-03-09' })
  .on('2024-06-01')
  .add('MeasureStatusChanged', { measureId: 'm1', from: 'not_started', to: 'in_progress' })
  .on('2025-03-08')
  .add('MeasureReworded', { measureId: 'm1', from: 'Verve', to: 'Verve flere' })
  .add('PlanAdopted', { revision: 2, body: 'ÅM', date: '2025-03-08' })
  // Recorded after revision 2, but in effect from before it: a date reads it, a revision does not.
  .add('MeasureStatusChanged', { measureId: 'm1', from: 'in_progress', to: 'done' }, { at: '2024-12-01' });

describe('HistoryMoments: a plan’s moments from its history read once', () => {
  let database: TestDatabase;
  let db: Kysely<ReadModelDatabase>;
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateToLatest(database.db, 'read_model', readModelMigrations);
    db = database.db as Kysely<ReadModelDatabase>;
    await db
      .insertInto('rm_plan_history')
      .values(
        plan.rows.map((r) => ({
          plan_id: 'p1',
          stream_revision: String(r.streamRevision),
          event_id: `00000000-0000-4000-8000-${String(r.streamRevision).padStart(12, '0')}`,
          event_type: r.eventType,
          element_kind: r.elementKind as ElementKind,
          element_id: r.elementId,
          data: JSON.stringify(r.data),
          actor: r.actor,
          command_id: r.commandId,
          cause: null,
          recorded_at: r.recordedAt,
          effective_at: r.effectiveAt,
        })),
      )
      .execute();
  });
  afterAll(() => database?.dispose());

  const today = '2026-01-15';
  const moments: PlanMoment[] = [
    { revision: 1 },
    { revision: 2 },
    { asOf: '2024-03-09' },
    { asOf: '2024-12-31' },
    { asOf: '2026-01-01' },
    { streamRevision: 4 },
  ];

  it('gives each moment as planAt reads it alone, in any order, going on from an earlier fold', async () => {
    const history = await loadPlanHistory(db, 'p1');
    for (const order of [moments, [...moments].reverse()]) {
      const read = new HistoryMoments('p1', history);
      for (const moment of order) {
        expect(read.planAt(moment, today)).toEqual(await planAt(db, 'p1', moment, today));
      }
    }
    // Revision 2 carries the rewording; the status dated back is in it only by date.
    const read = new HistoryMoments('p1', history);
    const measure = (m: PlanMoment) =>
      read
        .planAt(m, today)!
        .sections.flatMap((s) => s.measures)
        .find((x) => x.id === 'm1')!;
    expect(measure({ revision: 1 })).toMatchObject({ text: 'Verve', status: 'not_started' });
    expect(measure({ revision: 2 })).toMatchObject({ text: 'Verve flere', status: 'in_progress' });
    expect(measure({ asOf: '2025-01-01' })).toMatchObject({ text: 'Verve', status: 'done' });
  });

  it('refuses a revision never adopted and a date before the plan, as planAt does', async () => {
    const read = new HistoryMoments('p1', await loadPlanHistory(db, 'p1'));
    for (const moment of [{ revision: 3 }, { asOf: '2023-12-31' }]) {
      const alone = await planAt(db, 'p1', moment, today).catch((e: Error) => e);
      expect(alone).toBeInstanceOf(Error);
      expect(() => read.planAt(moment, today)).toThrow((alone as Error).message);
    }
  });

  it('knows no moment of a plan without history', () => {
    expect(new HistoryMoments('p2', []).planAt({ revision: 1 }, today)).toBeUndefined();
    expect(new HistoryMoments('p2', []).planAt({ asOf: '2025-01-01' }, today)).toBeUndefined();
  });
});
