import { describe, expect, it } from '@jest/globals';
import { importPlanText } from './index.js';
import { SEEDS, readSeed, section } from './__fixtures__/seeds.js';

/** Seed 002, SV's national plan. Expectations written from reading the text file. */
const { document, report } = importPlanText(readSeed(SEEDS.svNational));

// [Mål, number of Delmål, number of Tiltak under it]
const GOALS: [string, number, number][] = [
  ['Partiet skal jobbe mer utadretta', 6, 21],
  ['En mer aktiv medlemsmasse', 6, 22],
  ['Godt skolerte tillitsvalgte og kandidater', 6, 25],
  ['SVs folkevalgte har god oppfølging', 7, 27],
  ['Partiet er tilgjengelig og lett å identifisere seg med', 5, 12],
  ['Sterke fylkeslag', 3, 10],
  ['Bruke hele bevegelsen', 7, 21],
  ['Et inkluderende folkeparti', 5, 18],
  ['En sterkere kampanjeorganisasjon', 7, 19],
];

describe('SV national plan 2022-2025 (seed 002)', () => {
  it('reads the adoption by the national board and derives the period and id', () => {
    expect(report.shape).toBe('goal-subgoal');
    expect(document.plan).toEqual({
      id: 'sv-2022-2025',
      org: 'sv',
      orgName: 'SV',
      title: 'SVs arbeidsplan 2022-2025',
      period: { from: 2022, to: 2025 },
      adopted: { body: 'LS', date: '2022-01-15' },
    });
    expect(report.issues).toEqual([{ line: 1, message: expect.stringContaining('ingen tittel i teksten') }]);
  });

  it('finds the chapters, the title of chapter 1 on the line after its number, and no bookmarks', () => {
    expect(document.sections.map((s) => `${s.number} ${s.title}`)).toEqual([
      '1 Innledning',
      '2 Det politiske utgangspunktet',
      '3 Det organisatoriske arbeidet',
      '4 Hvor vil SV være i 2025?',
    ]);
    expect(JSON.stringify(document)).not.toContain('bookmark');
  });

  it('reads each Mål with its Delmål and the Tiltak under each Delmål', () => {
    const goals = section(document, '4').sections ?? [];
    expect(
      goals.map((g) => [
        g.title,
        g.sections?.length,
        (g.sections ?? []).reduce((n, d) => n + (d.measures?.length ?? 0), 0),
      ]),
    ).toEqual(GOALS);
    expect(goals.map((g) => g.goals?.[0]?.text)).toEqual(GOALS.map(([t]) => t));
    const first = section(document, '4.1.1');
    expect(first.goals).toEqual([
      { text: 'Være godt kjent med lokale kamper og saker folk er opptatt av.', lines: { from: 47, to: 47 } },
    ]);
    expect(first.measures?.map((m) => m.text)).toEqual([
      'Følge opp aktuelle politiske saker med skoleringsmateriell og eksempler på hvordan lokallaga kan jobbe med de.',
      'Samle inn og og gå gjennom de lokale programmene for å se etter saker som kan følges opp av fylkene eller partiet sentralt.',
      'Gjennomføre en teamorganisering av ansatte som følger med på mediebildet lokalt og regionalt.',
    ]);
    expect(first.measures?.[0]?.lines).toEqual({ from: 50, to: 50 });
    expect(section(document, '4.1').intro).toMatch(
      /^Den kanskje viktigste delen av partiets arbeid handler om å møte folk\./,
    );
    // The last measure, not swallowed by the adoption line after it.
    expect(section(document, '4.9.7').measures?.[1]?.text).toBe(
      'Gjennomføre innsamlingsaksjoner i forbindelse med valgkamp eller andre store politiske hendelser.',
    );
    expect(report.goals).toBe(9 + 52);
    expect(report.measures).toBe(175);
    expect(report.sections).toBe(4 + 9 + 52);
  });

  it('reads the numeric sub-goal on election lists', () => {
    expect(section(document, '4.9.6').goals?.[0]).toEqual({
      text: 'Vi skal øke antall valglister i lokalvalget 2023 med 10% fra 2019.',
      target: { metric: 'election_lists_increase_pct', value: 10, by: '2023-12-31' },
      lines: { from: 500, to: 500 },
    });
  });
});
