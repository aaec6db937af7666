import { describe, expect, it } from '@jest/globals';
import { createdPlan } from '../__fixtures__/history-rows.js';
import { foldTimeline } from '../plan-view/plan-timeline.js';
import { renderPlanView } from '../plan-view/plan-view.js';
import { summariseFollowUp } from './follow-up-summary.js';

const plan = createdPlan('p')
  .add('SectionAdded', { sectionId: 's1', number: '4.1', title: 'Velgerkontakt' })
  .add('SectionAdded', { sectionId: 's2', number: '4.2', title: 'Medlemmer' })
  .add('SectionAdded', { sectionId: 's21', number: '4.2.1', title: 'Verving', parentSectionId: 's2' });
const add = (measureId: string, sectionId: string, label: string, timing: string, responsible: string[]) =>
  plan.add('MeasureAdded', { measureId, sectionId, label, text: `Tiltak ${measureId}`, timing, responsible });
add('a', 's1', 'A', 'Vår 2025', ['FS', 'LL']);
add('b', 's1', 'B', 'Høst 2025', ['LL', 'FS']);
add('c', 's1', 'C', 'Kontinuerlig', ['LL']);
add('d', 's2', 'A', '2026', []);
add('e', 's21', 'A', 'Vår 2025', ['BSG']);
add('f', 's21', 'B', '2025', ['XU']);
plan
  .add('MeasureStatusChanged', { measureId: 'a', from: 'not_started', to: 'in_progress', note: 'I gang' })
  .add('MeasureStatusChanged', { measureId: 'b', from: 'not_started', to: 'done' })
  .add('MeasureStatusChanged', { measureId: 'c', from: 'not_started', to: 'in_progress' })
  .add('MeasureStatusChanged', { measureId: 'e', from: 'not_started', to: 'postponed' })
  .add('MeasureStruck', { measureId: 'f', reason: 'Utgår' })
  .add('MeasureAdded', {
    measureId: 'g',
    sectionId: 's21',
    label: 'C',
    text: 'Tiltak g',
    timing: '2025',
    responsible: ['XU'],
  })
  .add('MeasureStatusChanged', { measureId: 'g', from: 'not_started', to: 'dropped' });

const summaryOn = (date: string) => summariseFollowUp(renderPlanView(foldTimeline(plan.rows), date)!, date);

describe('summariseFollowUp', () => {
  const summary = summaryOn('2025-08-01');

  it('counts the live measures by status for the plan', () => {
    expect(summary).toMatchObject({ planId: 'p', asOf: '2025-08-01', measures: 6 });
    expect(summary.byStatus).toEqual({ not_started: 1, in_progress: 2, done: 1, postponed: 1, dropped: 1 });
  });

  it('counts each section by its own measures', () => {
    expect(summary.sections.map((s) => [s.number, s.measures, s.overdue])).toEqual([
      ['4.1', 3, 1],
      ['4.2', 1, 0],
      ['4.2.1', 2, 1],
    ]);
    expect(summary.sections[0]!.byStatus).toMatchObject({ in_progress: 2, done: 1 });
    expect(summary.sections[2]!.byStatus).toMatchObject({ postponed: 1, dropped: 1 });
  });

  it('counts a measure for every body it names, and as lead for the first', () => {
    const body = (code: string) => summary.bodies.find((b) => b.code === code)!;
    expect(summary.bodies.map((b) => b.code)).toEqual(['FS', 'LL', 'BSG', 'XU']);
    expect(body('FS')).toMatchObject({ name: 'Fylkesstyret', measures: 2, lead: 1, overdue: 1 });
    expect(body('FS').leadByStatus).toMatchObject({ in_progress: 1, done: 0 });
    expect(body('LL')).toMatchObject({ measures: 3, lead: 2, overdue: 1 });
    expect(body('LL').byStatus).toMatchObject({ in_progress: 2, done: 1 });
    expect(body('BSG')).toMatchObject({ measures: 1, lead: 1, overdue: 1 });
    expect(body('XU')).toMatchObject({ name: null, measures: 1, lead: 1, overdue: 0 });
  });

  it('lists overdue measures with their due date and status, judged on the date given', () => {
    expect(summary.overdueMeasures.map((m) => [m.address, m.due, m.status])).toEqual([
      ['4.1.A', '2025-06-30', 'in_progress'],
      ['4.2.1.A', '2025-06-30', 'postponed'],
    ]);
    expect(summary.overdue).toBe(2);
    expect(summaryOn('2025-05-01').overdueMeasures).toEqual([]);
    expect(summaryOn('2027-01-01').overdueMeasures.map((m) => m.address)).toEqual([
      '4.1.A',
      '4.2.A',
      '4.2.1.A',
    ]);
  });

  it('lists measures without a responsible body', () => {
    expect(summary.withoutResponsible).toEqual([
      { id: 'd', address: '4.2.A', text: 'Tiltak d', timing: '2026', status: 'not_started' },
    ]);
  });
});
