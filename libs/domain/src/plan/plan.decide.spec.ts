import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { planDecider } from './plan.decide.js';
import type { PlanEvent } from './plan.events.js';
import { labelAt } from './measure-labels.js';

const now = '2026-11-23T12:00:00.000Z';
const spec = deciderSpecification(planDecider);

const created: PlanEvent = {
  type: 'PlanCreated',
  data: {
    planId: 'oslo-sv-2024-2027',
    organisationId: 'oslo-sv',
    title: 'Arbeids- og organisasjonsplan 2024-2027',
    period: { from: 2024, to: 2027 },
    bodies: [
      { code: 'FS', name: 'Fylkesstyret' },
      { code: 'LL', name: 'Lokallag' },
    ],
  },
};
const section: PlanEvent = {
  type: 'SectionAdded',
  data: { planId: 'oslo-sv-2024-2027', sectionId: 's1', number: '4.1', title: 'Direkte velgerkontakt' },
};
const measureA: PlanEvent = {
  type: 'MeasureAdded',
  data: {
    planId: 'oslo-sv-2024-2027',
    measureId: 'm1',
    sectionId: 's1',
    label: 'A',
    text: 'Banke på dører',
    timing: '2026-2027',
    responsible: ['FS', 'LL'],
  },
};

describe('plan decider', () => {
  describe('CreatePlan', () => {
    it('creates a draft plan with its bodies', () => {
      spec
        .given([])
        .when({
          type: 'CreatePlan',
          now,
          planId: 'oslo-sv-2024-2027',
          organisationId: 'oslo-sv',
          title: '  Arbeids- og organisasjonsplan 2024-2027 ',
          period: { from: 2024, to: 2027 },
          bodies: [
            { code: 'FS', name: 'Fylkesstyret' },
            { code: 'LL', name: 'Lokallag' },
          ],
        })
        .then([created]);
    });

    it('refuses to create a plan twice', () => {
      spec
        .given([created])
        .when({
          type: 'CreatePlan',
          now,
          planId: 'oslo-sv-2024-2027',
          organisationId: 'oslo-sv',
          title: 'Igjen',
          period: { from: 2024, to: 2027 },
        })
        .thenThrows('PLAN_ALREADY_EXISTS');
    });

    it('refuses a period that runs backwards', () => {
      const error = spec
        .given([])
        .when({
          type: 'CreatePlan',
          now,
          planId: 'p',
          organisationId: 'o',
          title: 'T',
          period: { from: 2027, to: 2024 },
        })
        .thenThrows('INVALID_PERIOD');
      expect(error.kind).toBe('invalid');
    });

    it('refuses a body declared twice', () => {
      spec
        .given([])
        .when({
          type: 'CreatePlan',
          now,
          planId: 'p',
          organisationId: 'o',
          title: 'T',
          period: { from: 2024, to: 2027 },
          bodies: [
            { code: 'FS', name: 'Fylkesstyret' },
            { code: 'FS', name: 'Fylkesstyret igjen' },
          ],
        })
        .thenThrows('DUPLICATE_BODY');
    });
  });

  describe('AddSection', () => {
    it('adds a numbered section', () => {
      spec
        .given([created])
        .when({ type: 'AddSection', now, sectionId: 's1', number: '4.1', title: 'Direkte velgerkontakt' })
        .then([section]);
    });

    it('refuses a number the plan already has', () => {
      spec
        .given([created, section])
        .when({ type: 'AddSection', now, sectionId: 's2', number: '4.1', title: 'Igjen' })
        .thenThrows('SECTION_NUMBER_TAKEN');
    });

    it('refuses a section for a plan that does not exist', () => {
      spec
        .given([])
        .when({ type: 'AddSection', now, sectionId: 's1', number: '1', title: 'T' })
        .thenThrows('PLAN_NOT_FOUND');
    });

    it('refuses a parent section that does not exist', () => {
      spec
        .given([created])
        .when({
          type: 'AddSection',
          now,
          sectionId: 's2',
          number: '4.1.1',
          title: 'T',
          parentSectionId: 'nope',
        })
        .thenThrows('SECTION_NOT_FOUND');
    });
  });

  describe('AddMeasure', () => {
    it('adds a measure with the first free letter as its label', () => {
      spec
        .given([created, section])
        .when({
          type: 'AddMeasure',
          now,
          measureId: 'm1',
          sectionId: 's1',
          text: 'Banke på dører',
          timing: '2026-2027',
          responsible: ['FS', 'LL'],
        })
        .then([measureA]);
    });

    it('labels the next measure B', () => {
      spec
        .given([created, section, measureA])
        .when({
          type: 'AddMeasure',
          now,
          measureId: 'm2',
          sectionId: 's1',
          text: 'Stands',
          responsible: ['LL'],
        })
        .then([
          {
            type: 'MeasureAdded',
            data: {
              planId: 'oslo-sv-2024-2027',
              measureId: 'm2',
              sectionId: 's1',
              label: 'B',
              text: 'Stands',
              timing: '',
              responsible: ['LL'],
            },
          },
        ]);
    });

    it('refuses a label the section already has', () => {
      spec
        .given([created, section, measureA])
        .when({ type: 'AddMeasure', now, measureId: 'm2', sectionId: 's1', label: 'A', text: 'X' })
        .thenThrows('MEASURE_LABEL_TAKEN');
    });

    it('refuses a responsible body the plan does not have, naming it', () => {
      const error = spec
        .given([created, section])
        .when({
          type: 'AddMeasure',
          now,
          measureId: 'm1',
          sectionId: 's1',
          text: 'X',
          responsible: ['FS', 'XYZ'],
        })
        .thenThrows('UNKNOWN_BODY');
      expect(error.message).toContain('XYZ');
      expect(error.details).toMatchObject({ unknown: ['XYZ'] });
    });

    it('refuses a section that does not exist', () => {
      spec
        .given([created])
        .when({ type: 'AddMeasure', now, measureId: 'm1', sectionId: 'nope', text: 'X' })
        .thenThrows('SECTION_NOT_FOUND');
    });
  });

  describe('ChangeMeasureStatus', () => {
    it('records the change from the current status', () => {
      spec
        .given([created, section, measureA])
        .when({
          type: 'ChangeMeasureStatus',
          now,
          measureId: 'm1',
          status: 'in_progress',
          note: 'Startet i Sagene',
        })
        .then([
          {
            type: 'MeasureStatusChanged',
            data: {
              planId: 'oslo-sv-2024-2027',
              measureId: 'm1',
              from: 'not_started',
              to: 'in_progress',
              note: 'Startet i Sagene',
            },
          },
        ]);
    });

    it('takes the previous status from the history', () => {
      const started: PlanEvent = {
        type: 'MeasureStatusChanged',
        data: { planId: 'oslo-sv-2024-2027', measureId: 'm1', from: 'not_started', to: 'in_progress' },
      };
      spec
        .given([created, section, measureA, started])
        .when({ type: 'ChangeMeasureStatus', now, measureId: 'm1', status: 'done' })
        .then([
          {
            type: 'MeasureStatusChanged',
            data: { planId: 'oslo-sv-2024-2027', measureId: 'm1', from: 'in_progress', to: 'done' },
          },
        ]);
    });

    it('does nothing when the status is already the one reported', () => {
      spec
        .given([created, section, measureA])
        .when({ type: 'ChangeMeasureStatus', now, measureId: 'm1', status: 'not_started' })
        .thenNothingHappens();
    });

    it('refuses a measure the plan does not have', () => {
      spec
        .given([created, section])
        .when({ type: 'ChangeMeasureStatus', now, measureId: 'nope', status: 'done' })
        .thenThrows('MEASURE_NOT_FOUND');
    });
  });

  describe('measure labels', () => {
    it('runs A..Z then AA, AB', () => {
      expect([0, 1, 25, 26, 27, 51, 52].map(labelAt)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA']);
    });
  });
});
