import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { planDecider } from '../plan.decide.js';
import type { PlanEvent } from '../plan.events.js';
import { created, measureA, now, planId, section41, section42 } from './__fixtures__/plan-events.js';

const spec = deciderSpecification(planDecider);
const struckA: PlanEvent = {
  type: 'MeasureStruck',
  data: { planId, measureId: 'm1', reason: 'Gjennomført' },
};

describe('measures', () => {
  it('rewords a measure, keeping what it said before', () => {
    spec
      .given([created, section41, measureA])
      .when({ type: 'RewordMeasure', now, measureId: 'm1', text: 'Ringe nye medlemmer fire ganger i året' })
      .then([
        {
          type: 'MeasureReworded',
          data: {
            planId,
            measureId: 'm1',
            from: 'Ringe nye medlemmer to ganger i året',
            to: 'Ringe nye medlemmer fire ganger i året',
          },
        },
      ]);
  });

  it('moves a measure to another section, taking the next free letter there', () => {
    spec
      .given([created, section41, section42, measureA])
      .when({ type: 'MoveMeasure', now, measureId: 'm1', sectionId: 's42' })
      .then([
        {
          type: 'MeasureMoved',
          data: {
            planId,
            measureId: 'm1',
            fromSectionId: 's41',
            toSectionId: 's42',
            fromLabel: 'A',
            toLabel: 'A',
          },
        },
      ]);
  });

  it('retimes a measure with any text, even text no parser understands', () => {
    spec
      .given([created, section41, measureA])
      .when({
        type: 'RetimeMeasure',
        now,
        measureId: 'm1',
        timing: 'Planlegge høst 2026, gjennomføre tidlig 2027',
      })
      .then([
        {
          type: 'MeasureRetimed',
          data: {
            planId,
            measureId: 'm1',
            from: 'Vår 2026',
            to: 'Planlegge høst 2026, gjennomføre tidlig 2027',
          },
        },
      ]);
  });

  it('reassigns responsibility with the reason, from one set of bodies to another', () => {
    spec
      .given([created, section41, measureA])
      .when({
        type: 'ReassignMeasure',
        now,
        measureId: 'm1',
        responsible: ['BSG'],
        reason: 'Vedtak i FS 12.05.2026',
      })
      .then([
        {
          type: 'MeasureReassigned',
          data: {
            planId,
            measureId: 'm1',
            from: ['FS', 'LL'],
            to: ['BSG'],
            reason: 'Vedtak i FS 12.05.2026',
          },
        },
      ]);
  });

  it('accepts a body of the organisation that the plan itself does not list', () => {
    spec
      .given([created, section41, measureA])
      .when({
        type: 'ReassignMeasure',
        now,
        measureId: 'm1',
        responsible: ['AU'],
        organisationBodies: ['AU'],
      })
      .then([
        { type: 'MeasureReassigned', data: { planId, measureId: 'm1', from: ['FS', 'LL'], to: ['AU'] } },
      ]);
  });

  it('refuses to reassign to an unknown body, naming it', () => {
    const error = spec
      .given([created, section41, measureA])
      .when({ type: 'ReassignMeasure', now, measureId: 'm1', responsible: ['FS', 'QQ'] })
      .thenThrows('UNKNOWN_BODY');
    expect(error.message).toMatch(/QQ/);
  });

  it('strikes a measure with the reason', () => {
    spec
      .given([created, section41, measureA])
      .when({ type: 'StrikeMeasure', now, measureId: 'm1', reason: 'Gjennomført' })
      .then([struckA]);
  });

  it('refuses changes to a struck measure', () => {
    spec
      .given([created, section41, measureA, struckA])
      .when({ type: 'RewordMeasure', now, measureId: 'm1', text: 'X' })
      .thenThrows('MEASURE_STRUCK');
  });

  it('records a status report per period for a continuous measure, even when the status is unchanged', () => {
    spec
      .given([created, section41, measureA])
      .when({ type: 'ChangeMeasureStatus', now, measureId: 'm1', status: 'not_started', period: '2026' })
      .then([
        {
          type: 'MeasureStatusChanged',
          data: { planId, measureId: 'm1', from: 'not_started', to: 'not_started', period: '2026' },
        },
      ]);
  });

  it('notes progress on a measure', () => {
    spec
      .given([created, section41, measureA])
      .when({
        type: 'NoteProgress',
        now,
        measureId: 'm1',
        note: 'Tre lokallag har begynt',
        period: '2026-H1',
      })
      .then([
        {
          type: 'ProgressNoted',
          data: { planId, measureId: 'm1', note: 'Tre lokallag har begynt', period: '2026-H1' },
        },
      ]);
  });
});
