import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { evolvePlan, initialPlanState, type ExistingPlan, type PlanState } from '../../plan/plan.state.js';
import type { PlanEvent } from '../../plan/plan.events.js';
import { meetingDecider } from '../meeting.decide.js';
import type { MeetingEvent } from '../meeting.events.js';
import { meetingPapers, planProse } from './meeting-papers.js';
import type { MeetingPapers } from './papers.types.js';

const planId = 'sagene-sv-2026';
const meetingId = 'sagene-sv-am-2026';
const now = '2026-02-01T10:00:00.000Z';

/** A plan built by hand (no line numbers of its own): the papers layout numbers it. */
const handBuilt: PlanEvent[] = [
  {
    type: 'PlanCreated',
    data: {
      planId,
      organisationId: 'sagene-sv',
      title: 'Arbeidsplan for Sagene SV 2026',
      period: { from: 2026, to: 2027 },
      bodies: [
        { code: 'ST', name: 'Styret' },
        { code: 'MM', name: 'Medlemsmøtet' },
      ],
    },
  },
  { type: 'SectionAdded', data: { planId, sectionId: 's1', number: '1', title: 'Organisasjon' } },
  {
    type: 'SectionAdded',
    data: {
      planId,
      sectionId: 's11',
      number: '1.1',
      title: 'Medlemmer',
      parentSectionId: 's1',
      intro: 'Medlemmene er laget. Vi skal ta godt imot nye medlemmer og holde kontakt med dem vi har.',
    },
  },
  {
    type: 'GoalAdded',
    data: { planId, goalId: 'g1', sectionId: 's11', text: 'Sagene SV skal ha 450 medlemmer.' },
  },
  {
    type: 'GoalAdded',
    data: { planId, goalId: 'g2', sectionId: 's11', text: 'Halvparten av medlemmene skal være aktive.' },
  },
  {
    type: 'MeasureAdded',
    data: {
      planId,
      measureId: 'm11a',
      sectionId: 's11',
      label: 'A',
      text: 'Ringe alle nye medlemmer innen en måned.',
      timing: 'Kontinuerlig',
      responsible: ['ST'],
    },
  },
  { type: 'SectionAdded', data: { planId, sectionId: 's2', number: '2', title: 'Valgkamp' } },
  {
    type: 'MeasureAdded',
    data: {
      planId,
      measureId: 'm2a',
      sectionId: 's2',
      label: 'A',
      text: 'Banke på dører hver lørdag i valgkampen.',
      timing: 'Høst 2027',
      responsible: ['ST', 'MM'],
    },
  },
];

const fold = (events: readonly PlanEvent[]): ExistingPlan =>
  events.reduce<PlanState>(evolvePlan, initialPlanState()) as ExistingPlan;
const papersOf = (events: readonly PlanEvent[]): MeetingPapers =>
  meetingPapers({ plan: fold(events), ...planProse(events) });

const plan = fold(handBuilt);
const papers = papersOf(handBuilt);
const scheduled: MeetingEvent = {
  type: 'MeetingScheduled',
  data: { meetingId, organisationId: 'sagene-sv', body: 'ÅM', date: '2026-03-01', planId, planRevision: 7 },
};
const spec = deciderSpecification(meetingDecider);
const file = (no: number, target: Record<string, unknown>, op: string, fields: Record<string, unknown>) =>
  ({ type: 'FileAmendment', now, no, target, op, fields, facts: { plan, papers } }) as never;
/** The number of the line holding `text` in the papers. */
const lineOf = (text: string): number => papers.lines.find((l) => l.text.includes(text))!.no!;

describe('the papers of a plan without line numbers of its own', () => {
  it('numbers every line from 1: title, abbreviations, headings, intro, goals, measures with timing and responsibility', () => {
    expect(papers).toMatchObject({ numbering: 'rendered', first: 1, last: papers.lines.length });
    expect(papers.lines.map((l) => [l.no, l.kind, l.text])).toEqual([
      [1, 'title', 'Arbeidsplan for Sagene SV 2026'],
      [2, 'abbreviations', 'Forkortelser'],
      [3, 'abbreviation', 'ST: Styret'],
      [4, 'abbreviation', 'MM: Medlemsmøtet'],
      [5, 'heading', '1 Organisasjon'],
      [6, 'heading', '1.1 Medlemmer'],
      [
        7,
        'intro',
        'Medlemmene er laget. Vi skal ta godt imot nye medlemmer og holde kontakt med dem vi har.',
      ],
      [8, 'goals', 'Mål:'],
      [9, 'goal', 'Sagene SV skal ha 450 medlemmer.'],
      [10, 'goal', 'Halvparten av medlemmene skal være aktive.'],
      [11, 'measures', 'Tiltak:'],
      [12, 'measure', 'Ringe alle nye medlemmer innen en måned.'],
      [13, 'timing', 'Gjennomføring: Kontinuerlig'],
      [14, 'responsible', 'Ansvar: ST'],
      [15, 'heading', '2 Valgkamp'],
      [16, 'measures', 'Tiltak:'],
      [17, 'measure', 'Banke på dører hver lørdag i valgkampen.'],
      [18, 'timing', 'Gjennomføring: Høst 2027'],
      [19, 'responsible', 'Ansvar: ST, MM'],
    ]);
  });

  it('gives each element the lines it stands on, and each line its element and section', () => {
    expect(papers.elements.map((e) => [e.address, e.from, e.to])).toEqual([
      ['1', 5, 14],
      ['1.1', 6, 14],
      ['1.1.g1', 9, 9],
      ['1.1.g2', 10, 10],
      ['1.1.A', 12, 14],
      ['2', 15, 19],
      ['2.A', 17, 19],
    ]);
    expect(papers.lines[12]).toMatchObject({
      no: 13,
      element: { kind: 'measure', address: '1.1.A' },
      section: { kind: 'section', address: '1.1' },
    });
  });

  it('wraps a long text over lines of at most 90 characters', () => {
    const long = 'Vi skal ringe, skrive og banke på. '.repeat(8).trim();
    const events: PlanEvent[] = [
      ...handBuilt,
      { type: 'GoalAdded', data: { planId, goalId: 'g3', sectionId: 's11', text: long } },
    ];
    const wrapped = papersOf(events).lines.filter((l) => l.element?.id === 'g3');
    expect(wrapped.length).toBeGreaterThan(2);
    expect(wrapped.every((l) => l.text.length <= 90)).toBe(true);
    expect(wrapped.map((l) => l.text).join(' ')).toBe(long);
    expect(wrapped.map((l) => l.start)).toEqual([true, ...wrapped.slice(1).map(() => false)]);
  });

  it('is the same every time it is made from the same plan', () => {
    expect(papersOf(handBuilt)).toEqual(papers);
  });
});

describe('amendments citing the lines of the papers', () => {
  it('resolves the line of a goal to that goal', () => {
    spec
      .given([scheduled])
      .when(file(1, { lines: `Linje ${lineOf('450 medlemmer')}` }, 'Endring', { from: '450', to: '500' }))
      .then([
        {
          type: 'AmendmentFiled',
          data: {
            meetingId,
            no: 1,
            cited: { lines: 'Linje 9' },
            target: { kind: 'goal', id: 'g1', address: '1.1.g1', text: 'Sagene SV skal ha 450 medlemmer.' },
            op: 'replace_text',
            fields: { from: '450', to: '500' },
          },
        },
      ]);
  });

  it('resolves the timing line of a measure to the measure', () => {
    const [event] = meetingDecider.decide(
      file(2, { lines: `${lineOf('Høst 2027')}` }, 'change_timing', { timing: 'Vår 2027' }),
      meetingDecider.evolve(meetingDecider.initialState(), scheduled),
    );
    expect(event).toMatchObject({ data: { target: { kind: 'measure', address: '2.A' } } });
  });

  it('puts "Ny linje N" into the section that holds line N, never elsewhere', () => {
    const n = lineOf('Banke på dører');
    const [event] = meetingDecider.decide(
      file(3, { line: n, new: true }, 'Tillegg', { measure: { text: 'Stå på stand hver måned.' } }),
      meetingDecider.evolve(meetingDecider.initialState(), scheduled),
    );
    expect(event).toMatchObject({
      data: { op: 'add_measure', target: { kind: 'section', id: 's2', address: '2' } },
    });
  });

  it('adds a goal, not a measure, where "Ny linje N" is among the goals', () => {
    const [event] = meetingDecider.decide(
      file(4, { line: lineOf('Halvparten'), new: true }, 'Tillegg', {
        measure: { text: 'Alle lokallag skal ha et årsmøte.' },
      }),
      meetingDecider.evolve(meetingDecider.initialState(), scheduled),
    );
    expect(event).toMatchObject({
      data: {
        op: 'add_goal',
        target: { kind: 'section', address: '1.1' },
        fields: { goal: { text: 'Alle lokallag skal ha et årsmøte.' } },
      },
    });
    expect((event as { data: { fields: object } }).data.fields).not.toHaveProperty('measure');
  });

  it('replaces the whole text of the lines an Endring cites without quoting', () => {
    const [event] = meetingDecider.decide(
      file(5, { lines: `Linje ${lineOf('Halvparten')}` }, 'Endring', {
        to: 'Flere medlemmer skal være aktive.',
      }),
      meetingDecider.evolve(meetingDecider.initialState(), scheduled),
    );
    expect(event).toMatchObject({
      data: {
        op: 'replace_text',
        target: { address: '1.1.g2' },
        fields: {
          from: 'Halvparten av medlemmene skal være aktive.',
          to: 'Flere medlemmer skal være aktive.',
        },
      },
    });
  });

  it('strikes the goal on the lines a Stryking cites without quoting', () => {
    const [event] = meetingDecider.decide(
      file(6, { lines: `Linje ${lineOf('450 medlemmer')}` }, 'Stryking', {}),
      meetingDecider.evolve(meetingDecider.initialState(), scheduled),
    );
    expect(event).toMatchObject({ data: { op: 'strike_goal', target: { kind: 'goal', address: '1.1.g1' } } });
  });

  it('refuses lines holding more than one element, listing them with their lines', () => {
    const error = spec
      .given([scheduled])
      .when(file(7, { lines: 'Linje 9 tom 10' }, 'Stryking', {}))
      .thenThrows('AMBIGUOUS_TARGET');
    expect(error.message).toBe(
      'Linje 9–10 gjelder flere: mål 1.1.g1 (linje 9) og mål 1.1.g2 (linje 10). Oppgi hvilket (for eksempel «1.1.g1»), eller siter mer av teksten',
    );
  });

  it('refuses lines outside the papers, saying which lines they have', () => {
    const error = spec
      .given([scheduled])
      .when(file(8, { lines: 'Linje 40' }, 'Stryking', {}))
      .thenThrows('LINES_OUTSIDE_PAPERS');
    expect(error.message).toBe('Linje 40 er utenfor sakspapirene, som har linje 1–19');
  });

  it('refuses a line with no measure or goal on it, saying what is there', () => {
    const error = spec
      .given([scheduled])
      .when(file(9, { lines: 'Linje 3' }, 'change_timing', { timing: 'Høst 2026' }))
      .thenThrows('TARGET_NOT_FOUND');
    expect(error.message).toBe('Det står ikke noe tiltak på linje 3 (der står forkortelseslisten)');
  });

  it('refuses "Ny linje" outside every section', () => {
    const error = spec
      .given([scheduled])
      .when(file(10, { line: 2, new: true }, 'Tillegg', { measure: { text: 'Noe nytt.' } }))
      .thenThrows('TARGET_NOT_FOUND');
    expect(error.message).toBe(
      'Linje 2 står ikke i noe kapittel (forkortelseslisten); ny tekst må stå i et kapittel',
    );
  });
});

/** A plan imported from papers that printed their own line numbers, a table of measures without them. */
const imported: PlanEvent[] = [
  {
    type: 'PlanCreated',
    data: {
      planId,
      organisationId: 'sagene-sv',
      title: 'Arbeidsplan 2026',
      period: { from: 2026, to: 2027 },
      bodies: [],
    },
  },
  {
    type: 'SectionAdded',
    data: {
      planId,
      sectionId: 's41',
      number: '4.1',
      title: 'Direkte velgerkontakt',
      intro: 'Vi skal ha mer direkte dialog med folk, også i mellomvalgsår.',
      lines: { from: 27, to: 35 },
    },
  },
  {
    type: 'GoalAdded',
    data: {
      planId,
      goalId: 'g1',
      sectionId: 's41',
      text: 'Oslo SV skal være et tydelig rød-grønt parti og det naturlige førstevalget for velgere på venstresida.',
      lines: { from: 30, to: 31 },
    },
  },
  ...(['A', 'B'] as const).map((label): PlanEvent => ({
    type: 'MeasureAdded',
    data: {
      planId,
      measureId: `m${label}`,
      sectionId: 's41',
      label,
      text: label === 'A' ? 'Banke på dører i 2026.' : 'Lage en plan for dørbank.',
      timing: 'Vår 2026',
      responsible: ['FS'],
      lines: { from: 33, to: 34 },
    },
  })),
];

describe('the papers of a plan imported with its own line numbers', () => {
  const own = papersOf(imported);

  it("keeps the numbers the document printed, spreading each element over its own lines and the intro at the document's width", () => {
    expect(own).toMatchObject({ numbering: 'document', first: 27, last: 35 });
    const numbered = own.lines.filter((l) => l.no !== null);
    expect(numbered.map((l) => [l.no, l.kind])).toEqual([
      [27, 'heading'],
      [28, 'intro'],
      [29, 'intro'],
      [30, 'goal'],
      [31, 'goal'],
      [32, 'blank'],
      [33, 'blank'],
      [34, 'blank'],
      [35, 'blank'],
    ]);
    expect(
      numbered
        .filter((l) => l.kind === 'goal')
        .map((l) => l.text)
        .join(' '),
    ).toBe(
      'Oslo SV skal være et tydelig rød-grønt parti og det naturlige førstevalget for velgere på venstresida.',
    );
  });

  it('prints the rows of a table the document did not number without numbers, after the line before them', () => {
    const at = own.lines.findIndex((l) => l.no === 33);
    expect(own.lines.slice(at + 1, at + 7).map((l) => [l.no, l.kind, l.text])).toEqual([
      [null, 'measure', 'Banke på dører i 2026.'],
      [null, 'timing', 'Gjennomføring: Vår 2026'],
      [null, 'responsible', 'Ansvar: FS'],
      [null, 'measure', 'Lage en plan for dørbank.'],
      [null, 'timing', 'Gjennomføring: Vår 2026'],
      [null, 'responsible', 'Ansvar: FS'],
    ]);
    expect(own.elements.find((e) => e.id === 'mA')).toMatchObject({ from: 33, to: 34, unnumbered: true });
  });

  it('resolves a citation of those lines by the text it quotes, and refuses one that does not say which', () => {
    const ownPlan = fold(imported);
    const fileOwn = (no: number, fields: Record<string, unknown>) =>
      ({
        type: 'FileAmendment',
        now,
        no,
        target: { lines: 'Linje 33 tom 34' },
        op: 'Stryking',
        fields,
        facts: { plan: ownPlan, papers: own },
      }) as never;
    const [event] = meetingDecider.decide(
      fileOwn(1, { text: 'for dørbank' }),
      meetingDecider.evolve(meetingDecider.initialState(), scheduled),
    );
    expect(event).toMatchObject({ data: { op: 'strike_text', target: { address: '4.1.B' } } });
    const error = spec.given([scheduled]).when(fileOwn(2, {})).thenThrows('AMBIGUOUS_TARGET');
    expect(error.message).toMatch(
      /^Linje 33–34 gjelder flere: tiltak 4\.1\.A \(linje 33–34\) og tiltak 4\.1\.B/,
    );
  });

  it('numbers the whole plan with the layout once an element has no lines of its own', () => {
    const amended: PlanEvent[] = [
      ...imported,
      {
        type: 'MeasureAdded',
        data: {
          planId,
          measureId: 'mC',
          sectionId: 's41',
          label: 'C',
          text: 'Nytt tiltak.',
          timing: '',
          responsible: [],
        },
      },
    ];
    expect(papersOf(amended)).toMatchObject({ numbering: 'rendered', first: 1 });
  });
});
