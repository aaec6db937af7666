import { describe, expect, it } from '@jest/globals';
import { importPlanText } from './index.js';
import { SEEDS, readSeed, section } from './__fixtures__/seeds.js';

/** Seed 000, Oslo SV 2020-2023. Expectations written from reading the text file. */
const { document, report } = importPlanText(readSeed(SEEDS.osloSv2020));

// [number, title, goals, measures] of the areas of chapter 3, as listed in the contents.
const AREAS: [string, string, number, number][] = [
  ['3.1', 'Fylkeslaget', 5, 7],
  ['3.2', 'Lokallagene', 6, 6],
  ['3.3', 'Medlemmene', 6, 7],
  ['3.4', 'Grupper', 4, 4],
  ['3.5', 'Folkevalgte', 4, 3],
  ['3.6', 'Skolering', 4, 4],
  ['3.7', 'Merkedager', 3, 6],
  ['3.8', 'Allianser og samfunnskontakt', 3, 6],
  ['3.9', 'Utadrettede arrangement', 3, 3],
  ['3.10', 'Kommunikasjon og digitale plattformer', 4, 6],
  ['3.11', 'Stortingsvalget 2021', 3, 4],
];

describe('Oslo SV 2020-2023 (seed 000)', () => {
  it('reads the header and derives the id', () => {
    expect(report.shape).toBe('toc-chapters');
    expect(document.plan).toEqual({
      id: 'oslo-sv-2020-2023',
      org: 'oslo-sv',
      orgName: 'Oslo SV',
      title: 'Oslo SVs Arbeidsplan 2020-2023',
      period: { from: 2020, to: 2023 },
    });
  });

  it('finds the chapters and the areas of the contents, numbered by position, without the contents itself', () => {
    expect(document.sections.map((s) => `${s.number} ${s.title}`)).toEqual([
      '1 Innledning',
      '2 Overordnede mål',
      '3 Organisatoriske prioriteringer',
    ]);
    expect(section(document, '2').sections?.map((s) => `${s.number} ${s.title}`)).toEqual([
      '2.1 Status 31.12.2019 for Oslo SV',
      '2.2 Langsiktige mål for perioden 2020-2023',
      '2.3 Strategiske grep for å løse oppgavene',
      '2.4 Denne strategien settes i verk gjennom',
    ]);
    // The question heading is not in the contents; it heads the list of tasks under 2.2.
    expect(section(document, '2.2.1').title).toBe('Hva er oppgavene som må løses for å nå målene?');
    expect(section(document, '1').lines).toEqual({ from: 26, to: 40 });
    expect(section(document, '3.1').lines).toEqual({ from: 115, to: 141 });
    expect(JSON.stringify(document)).not.toContain('\t');
    expect(report.sections).toBe(19);
  });

  it('reads the Mål and Tiltak lists of every area', () => {
    for (const [number, title, goals, measures] of AREAS) {
      const s = section(document, number);
      expect([number, s.title, s.goals?.length ?? 0, s.measures?.length ?? 0]).toEqual([
        number,
        title,
        goals,
        measures,
      ]);
    }
    expect(section(document, '3.1').goals?.[0]).toEqual({
      text: 'Et godt samarbeid mellom stortingsgruppa, byrådet, bystyregruppa, landsstyrerepresentantene og fylkeslaget.',
      lines: { from: 127, to: 127 },
    });
    expect(section(document, '3.11').measures?.[3]).toEqual({
      text: 'Skolering av særlig kvinner og minoriteter i forbindelse med nominasjonsarbeidet og kvinner på topp-kampanjen.',
      lines: { from: 367, to: 367 },
    });
    expect(section(document, '3.3').measures?.map((m) => m.text)).toContain(
      'Vi skal arrangere Ny i SV-møter minst 4 ganger i året.',
    );
  });

  it('reads the long-term goals, the tasks and the strategic moves of chapter 2 as goals', () => {
    expect(section(document, '2.2').goals).toHaveLength(6);
    expect(section(document, '2.2.1').goals).toHaveLength(5);
    expect(section(document, '2.3').goals).toHaveLength(7);
    expect(section(document, '2.4').goals).toBeUndefined();
    expect(report.goals).toBe(63);
    expect(report.measures).toBe(56);
  });

  it('reads the numeric goals: 3200 members in 2020 and 4000 in 2023', () => {
    expect(section(document, '2.2').goals?.[4]).toEqual({
      text: 'Oslo SV skal ha 4000 medlemmer i 2023 og en større andel av disse enn i dag skal være aktive',
      target: { metric: 'members', value: 4000, by: '2023-12-31' },
      lines: { from: 85, to: 85 },
    });
    expect(section(document, '3.3').goals?.[0]?.target).toEqual({
      metric: 'members',
      value: 3200,
      by: '2020-12-31',
    });
  });

  it('reads the status figures at 31.12.2019 as measurements', () => {
    expect(document.measurements?.map((m) => [m.metric, m.value, m.at])).toEqual([
      ['members', 2993, '2019-12-31'],
      ['paying_members', 2682, '2019-12-31'],
      ['new_members', 747, '2019-12-31'],
      ['members_removed_for_non_payment', 418, '2019-12-31'],
      ['members_resigned', 107, '2019-12-31'],
      ['new_members_joined_group', 69, '2019-12-31'],
      ['local_branches', 16, '2019-12-31'],
      ['elected_representatives', 30, '2019-12-31'],
    ]);
    expect(section(document, '2.1').intro).toContain('  - 4 er små lokallag, med under 100 medlemmer');
  });

  it('joins a paragraph broken by a page break', () => {
    expect(section(document, '2').intro).toContain(
      'I Oslo SV skal medlemmene erfare at det fungerer å organisere',
    );
  });
});
