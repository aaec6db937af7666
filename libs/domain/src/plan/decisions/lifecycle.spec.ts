import { describe, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { planDecider } from '../plan.decide.js';
import type { PlanEvent } from '../plan.events.js';
import {
  adopted,
  created,
  measureA,
  now,
  planId,
  section41,
  superseded,
} from './__fixtures__/plan-events.js';

const spec = deciderSpecification(planDecider);

describe('plan lifecycle', () => {
  it('adopts a draft as revision 1', () => {
    spec
      .given([created, section41])
      .when({ type: 'AdoptPlan', now, body: 'ÅM', date: '2024-03-09', decisionRef: 'ÅM-sak 5/24' })
      .then([
        {
          type: 'PlanAdopted',
          data: { planId, revision: 1, body: 'ÅM', date: '2024-03-09', decisionRef: 'ÅM-sak 5/24' },
        },
      ]);
  });

  it('re-adopts an amended plan as the next revision, with its edition', () => {
    spec
      .given([created, section41, adopted, measureA])
      .when({ type: 'AdoptPlan', now, body: 'RS', date: '2026-01-27', edition: '2026' })
      .then([
        {
          type: 'PlanAdopted',
          data: { planId, revision: 2, body: 'RS', date: '2026-01-27', edition: '2026' },
        },
      ]);
  });

  it('refuses to adopt again when nothing changed since the last adoption', () => {
    spec
      .given([created, section41, adopted])
      .when({ type: 'AdoptPlan', now, body: 'ÅM', date: '2025-03-09' })
      .thenThrows('NOTHING_TO_ADOPT');
  });

  it('adopts an unchanged plan as a new annual edition', () => {
    spec
      .given([created, section41, adopted])
      .when({ type: 'AdoptPlan', now, body: 'ÅM', date: '2025-03-09', edition: '2025' })
      .then([
        {
          type: 'PlanAdopted',
          data: { planId, revision: 2, body: 'ÅM', date: '2025-03-09', edition: '2025' },
        },
      ]);
  });

  it('refuses an adoption date that is not a date', () => {
    spec
      .given([created])
      .when({ type: 'AdoptPlan', now, body: 'ÅM', date: '2024-02-30' })
      .thenThrows('INVALID_DATE');
  });

  it('supersedes a plan by its successor, after which its text is frozen', () => {
    spec
      .given([created, adopted])
      .when({ type: 'SupersedePlan', now, byPlanId: 'oslo-sv-2028-2031' })
      .then([superseded]);
    spec
      .given([created, section41, adopted, superseded])
      .when({ type: 'AddMeasure', now, measureId: 'm9', sectionId: 's41', text: 'For sent' })
      .thenThrows('PLAN_SUPERSEDED');
  });

  it('still takes follow-up on a superseded plan', () => {
    spec
      .given([created, section41, measureA, adopted, superseded])
      .when({ type: 'ChangeMeasureStatus', now, measureId: 'm1', status: 'done' })
      .then([
        { type: 'MeasureStatusChanged', data: { planId, measureId: 'm1', from: 'not_started', to: 'done' } },
      ]);
  });

  it('links a plan to its predecessor and parent, and not to itself', () => {
    spec
      .given([created])
      .when({ type: 'LinkPlan', now, predecessorPlanId: 'oslo-sv-2020-2023', parentPlanId: 'sv-2022-2025' })
      .then([
        {
          type: 'PlanLinked',
          data: { planId, predecessorPlanId: 'oslo-sv-2020-2023', parentPlanId: 'sv-2022-2025' },
        },
      ]);
    spec.given([created]).when({ type: 'LinkPlan', now, predecessorPlanId: planId }).thenThrows('SELF_LINK');
  });

  it('retitles a plan, and does nothing for the same title', () => {
    spec
      .given([created])
      .when({ type: 'RetitlePlan', now, title: 'Ny tittel' })
      .then([
        {
          type: 'PlanRetitled',
          data: { planId, from: 'Arbeids- og organisasjonsplan 2024-2027', to: 'Ny tittel' },
        },
      ]);
    spec
      .given([created])
      .when({ type: 'RetitlePlan', now, title: 'Arbeids- og organisasjonsplan 2024-2027' })
      .thenNothingHappens();
  });

  it('declares a body once, and refuses the same code with another name', () => {
    spec
      .given([created])
      .when({ type: 'DeclareBody', now, code: 'AU', name: 'Arbeidsutvalget' })
      .then([{ type: 'BodyDeclared', data: { planId, code: 'AU', name: 'Arbeidsutvalget' } }]);
    spec
      .given([created])
      .when({ type: 'DeclareBody', now, code: 'FS', name: 'Fylkesstyret' })
      .thenNothingHappens();
    spec
      .given([created])
      .when({ type: 'DeclareBody', now, code: 'FS', name: 'Noe annet' })
      .thenThrows('BODY_EXISTS');
  });

  describe('a title that names the edition', () => {
    const created2026: PlanEvent = {
      type: 'PlanCreated',
      data: {
        planId,
        organisationId: 'oslo-sv',
        title: 'Oslo SVs arbeids- og organisasjonsplan 2024-2027, årsutgave for 2026',
        period: { from: 2024, to: 2027 },
        edition: '2026',
        bodies: [],
      },
    };
    const adopted2026: PlanEvent = {
      type: 'PlanAdopted',
      data: { planId, revision: 1, body: 'ÅM', date: '2026-03-14', edition: '2026' },
    };

    it('given the 2026 edition adopted, when the 2027 edition is adopted, then the title names 2027', () => {
      spec
        .given([created2026, adopted2026])
        .when({ type: 'AdoptPlan', now, body: 'ÅM', date: '2027-03-13', edition: '2027' })
        .then([
          {
            type: 'PlanRetitled',
            data: {
              planId,
              from: 'Oslo SVs arbeids- og organisasjonsplan 2024-2027, årsutgave for 2026',
              to: 'Oslo SVs arbeids- og organisasjonsplan 2024-2027, årsutgave for 2027',
            },
          },
          {
            type: 'PlanAdopted',
            data: { planId, revision: 2, body: 'ÅM', date: '2027-03-13', edition: '2027' },
          },
        ]);
    });

    it('given a title without the edition, when a new edition is adopted, then the title stays', () => {
      spec
        .given([created, { ...adopted2026, data: { ...adopted2026.data, edition: '2026' } }])
        .when({ type: 'AdoptPlan', now, body: 'ÅM', date: '2027-03-13', edition: '2027' })
        .then([
          {
            type: 'PlanAdopted',
            data: { planId, revision: 2, body: 'ÅM', date: '2027-03-13', edition: '2027' },
          },
        ]);
    });
  });
});
