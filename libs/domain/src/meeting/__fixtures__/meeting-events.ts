import { evolvePlan, initialPlanState, type ExistingPlan, type PlanState } from '../../plan/plan.state.js';
import type { PlanEvent } from '../../plan/plan.events.js';
import type { AmendmentFiled, MeetingEvent } from '../meeting.events.js';

/** A small draft plan from the 2026 Oslo SV plan, with the lines it had in the meeting papers. */
export const now = '2026-03-01T10:00:00.000Z';
export const planId = 'oslo-sv-2024-2027';
export const meetingId = 'oslo-sv-am-2026';

export const planEvents: PlanEvent[] = [
  {
    type: 'PlanCreated',
    data: {
      planId,
      organisationId: 'oslo-sv',
      title: 'Arbeids- og organisasjonsplan 2024-2027',
      period: { from: 2024, to: 2027 },
      bodies: [
        { code: 'FS', name: 'Fylkesstyret' },
        { code: 'LL', name: 'Lokallag' },
        { code: 'BSG', name: 'Bystyregruppa' },
      ],
    },
  },
  {
    type: 'SectionAdded',
    data: {
      planId,
      sectionId: 's41',
      number: '4.1',
      title: 'Direkte velgerkontakt',
      lines: { from: 127, to: 135 },
    },
  },
  {
    type: 'SectionAdded',
    data: {
      planId,
      sectionId: 's42',
      number: '4.2',
      title: 'Medlemsmobilisering',
      lines: { from: 136, to: 142 },
    },
  },
  {
    type: 'MeasureAdded',
    data: {
      planId,
      measureId: 'm41a',
      sectionId: 's41',
      label: 'A',
      text: 'Hele Oslo SV (alle lokallag) skal jevnlig banke på dører i 2026-2027.',
      timing: '2026-2027',
      responsible: ['FS', 'LL', 'BSG'],
      lines: { from: 134, to: 135 },
    },
  },
  {
    type: 'MeasureAdded',
    data: {
      planId,
      measureId: 'm42b',
      sectionId: 's42',
      label: 'B',
      text: 'Det skal i 2026 særskilt ringes for å mobilisere til dørbankaksjoner.',
      timing: '2026',
      responsible: ['LL'],
      lines: { from: 141, to: 142 },
    },
  },
  {
    type: 'MeasureAdded',
    data: {
      planId,
      measureId: 'm42j',
      sectionId: 's42',
      label: 'J',
      text: 'Vi skal arrangere “Ny i SV”-møter to ganger i året.',
      timing: 'Kontinuerlig',
      responsible: ['FS'],
      lines: { from: 141, to: 142 },
    },
  },
  {
    type: 'GoalAdded',
    data: {
      planId,
      goalId: 'g1',
      sectionId: 's42',
      text: 'Oslo SV skal ha 4000 medlemmer',
      lines: { from: 137, to: 137 },
    },
  },
];

export const plan = planEvents.reduce<PlanState>(evolvePlan, initialPlanState()) as ExistingPlan;

export const scheduled: MeetingEvent = {
  type: 'MeetingScheduled',
  data: { meetingId, organisationId: 'oslo-sv', body: 'ÅM', date: '2026-03-14', planId, planRevision: 6 },
};

export const filed1: AmendmentFiled = {
  type: 'AmendmentFiled',
  data: {
    meetingId,
    no: 1,
    proposer: 'Sagene SV',
    cited: { measure: '4.2.J' },
    target: {
      kind: 'measure',
      id: 'm42j',
      address: '4.2.J',
      text: 'Vi skal arrangere “Ny i SV”-møter to ganger i året.',
    },
    op: 'replace_text',
    fields: { from: 'to ganger i året', to: 'fire ganger i året' },
  },
};

export const filed2: AmendmentFiled = {
  type: 'AmendmentFiled',
  data: {
    ...filed1.data,
    no: 2,
    proposer: 'Frogner SV',
    fields: { from: 'to ganger i året', to: 'tre ganger i året' },
  },
};

export const filed3: AmendmentFiled = {
  type: 'AmendmentFiled',
  data: {
    meetingId,
    no: 3,
    cited: { measure: '4.2.J' },
    target: filed1.data.target,
    op: 'strike_measure',
    fields: { reason: 'Gjennomført' },
  },
};

export const adopted1: MeetingEvent = {
  type: 'VoteRecorded',
  data: {
    meetingId,
    no: 1,
    result: 'adopted',
    for: 87,
    against: 12,
    abstain: 3,
    changes: [
      {
        type: 'RewordMeasure',
        measureId: 'm42j',
        text: 'Vi skal arrangere “Ny i SV”-møter fire ganger i året.',
      },
    ],
  },
};

/** The plan after amendment 1 was carried into it. */
export const planAfter1 = evolvePlan(plan, {
  type: 'MeasureReworded',
  data: {
    planId,
    measureId: 'm42j',
    from: 'Vi skal arrangere “Ny i SV”-møter to ganger i året.',
    to: 'Vi skal arrangere “Ny i SV”-møter fire ganger i året.',
  },
}) as ExistingPlan;
