import { describe, expect, it } from '@jest/globals';
import { PLAN_EVENT_TYPES } from '@app/domain';
import { everyKindOfPlanChange } from '@app/testing';
import { changeOf, describePlanEvent } from './describe-plan-event.js';

describe('describePlanEvent', () => {
  const events = everyKindOfPlanChange('p');

  it('describes every plan event type the domain has', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(PLAN_EVENT_TYPES));
    expect(
      events.map((e) => `${e.type}: ${describePlanEvent(e).kind} ${describePlanEvent(e).element}`),
    ).toEqual(
      expect.arrayContaining([
        'PlanCreated: created plan',
        'SectionIntroRevised: reworded section',
        'GoalTargetSet: targetChanged goal',
        'IndicatorMeasured: measured goal',
        'MeasureMoved: moved measure',
        'MeasureStruck: removed measure',
        'GoalStruck: removed goal',
        'MeasureStatusChanged: statusChanged measure',
      ]),
    );
  });

  it('names the element the event changed, and keeps the named parties apart from the bodies', () => {
    const reassigned = events.find((e) => e.type === 'MeasureReassigned')!;
    expect(describePlanEvent(reassigned)).toEqual({
      kind: 'reassigned',
      element: 'measure',
      elementId: 'm1',
      from: ['FS'],
      to: ['LL', 'FS'],
      fromParties: null,
      toParties: ['Alle'],
      reason: null,
    });
  });

  it('reads a history row, and leaves out what is not a plan event', () => {
    expect(changeOf({ eventType: 'PlanSuperseded', data: { planId: 'p', byPlanId: 'q' } })).toEqual({
      kind: 'superseded',
      element: 'plan',
      byPlanId: 'q',
    });
    expect(changeOf({ eventType: 'OrganisationRegistered', data: {} })).toBeUndefined();
  });
});
