import { describe, expect, it } from '@jest/globals';
import { decideSequence, planDecider, type PlanCommand, type PlanState } from '@app/domain';
import type { PlanDocument } from '@app/plan-document';
import { documentCommands } from './document-commands.js';
import { revisionCommands, STRUCK_IN_REVISION } from './revision-commands.js';

/**
 * A plan document as it read before its revision and as it reads after, both read from one
 * source (so an element stands on the same lines in each): the commands that make the first
 * the second are the revision's changes, nothing more.
 */
const now = '2026-12-08T10:00:00.000Z';
const importId = '6f2b6a1e-0000-4000-8000-000000000001';

const earlier: PlanDocument = {
  plan: {
    id: 'ringerike-sv-2025-2027',
    org: 'ringerike-sv',
    title: 'Arbeidsplan 2025-2027',
    period: { from: 2025, to: 2027 },
  },
  bodies: [{ code: 'ST', name: 'Styret' }],
  sections: [
    {
      number: '1',
      title: 'Medlemmer',
      intro: 'Planen gjelder de neste fire årene.',
      goals: [
        { text: 'Vi skal bli 200 medlemmer.', lines: { from: 3, to: 3 } },
        { text: 'Direktemandat ved valget i 2025', lines: { from: 4, to: 4 } },
      ],
      measures: [
        { text: 'Ringe nye medlemmer', timing: 'Løpende', responsible: ['ST'], lines: { from: 6, to: 6 } },
        { text: 'Holde et todagers seminar', timing: 'Høst 2025', lines: { from: 7, to: 7 } },
        { text: 'Trykke løpesedler', timing: 'Vår 2025', lines: { from: 8, to: 8 } },
      ],
    },
  ],
};

const later: PlanDocument = {
  ...earlier,
  plan: { ...earlier.plan, edition: '2026' },
  sections: [
    {
      number: '1',
      title: 'Medlemmer',
      intro: 'Planen gjelder valgperioden.',
      goals: [{ text: 'Vi skal bli 200 medlemmer.', lines: { from: 3, to: 3 } }],
      measures: [
        {
          text: 'Ringe nye medlemmer',
          timing: 'Løpende',
          responsible: ['ST'],
          responsibleParties: ['Medlemsansvarlig'],
          lines: { from: 6, to: 6 },
        },
        { text: 'Holde et seminar', timing: 'Høst 2026', lines: { from: 7, to: 7 } },
        { text: 'Starte en studiesirkel', timing: '2026', lines: { from: 9, to: 9 } },
      ],
    },
    {
      number: '2',
      title: 'Valg',
      measures: [{ text: 'Sette ned nominasjonskomité', lines: { from: 12, to: 12 } }],
    },
  ],
};

const run = (commands: Iterable<Omit<PlanCommand, 'now'>>, state: PlanState = { status: 'none' }) => {
  const timed = [...commands].map((c) => ({ ...c, now }) as PlanCommand);
  const events = decideSequence(planDecider, timed, state);
  return { events, state: events.reduce(planDecider.evolve, state) };
};

describe('the commands of a revision a document marks in itself', () => {
  const commands = revisionCommands(earlier, later, importId, [{ line: 4, reason: 'Gjennomført' }]);

  it('rewords, retimes, reassigns, strikes and adds exactly what changed, with the reason the document gives', () => {
    expect(commands.map((c) => c.type)).toEqual([
      'ReviseSectionIntro',
      'StrikeGoal',
      'ReassignMeasure',
      'RewordMeasure',
      'RetimeMeasure',
      'AddMeasure',
      'StrikeMeasure',
      'AddSection',
      'AddMeasure',
    ]);
    expect(commands).toContainEqual(expect.objectContaining({ type: 'StrikeGoal', reason: 'Gjennomført' }));
    expect(commands).toContainEqual(
      expect.objectContaining({ type: 'StrikeMeasure', reason: STRUCK_IN_REVISION }),
    );
    expect(commands).toContainEqual(
      expect.objectContaining({ type: 'RewordMeasure', text: 'Holde et seminar' }),
    );
  });

  it('turns the plan imported from the earlier reading into the later one', () => {
    const first = run(documentCommands(earlier, importId));
    const revised = run(commands, first.state);
    expect(revised.state.status).not.toBe('none');
    if (revised.state.status === 'none') return;
    const live = [...revised.state.measures.values()].filter((m) => !m.struck);
    expect(live.map((m) => [m.label, m.text, m.timing, m.responsible, m.parties])).toEqual([
      ['A', 'Ringe nye medlemmer', 'Løpende', ['ST'], ['Medlemsansvarlig']],
      ['B', 'Holde et seminar', 'Høst 2026', [], []],
      // C was struck; its letter is never given again.
      ['D', 'Starte en studiesirkel', '2026', [], []],
      ['A', 'Sette ned nominasjonskomité', '', [], []],
    ]);
    expect([...revised.state.goals.values()].map((g) => [g.text, g.struck])).toEqual([
      ['Vi skal bli 200 medlemmer.', false],
      ['Direktemandat ved valget i 2025', true],
    ]);
    expect([...revised.state.sections.values()].map((s) => s.intro)).toEqual([
      'Planen gjelder valgperioden.',
      undefined,
    ]);
  });

  it('changes nothing when the two readings are the same', () => {
    expect(revisionCommands(earlier, earlier, importId)).toEqual([]);
  });
});
