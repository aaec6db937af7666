import { describe, expect, it } from '@jest/globals';
import { importPlanText } from './index.js';
import { SEEDS, readSeed, section } from './__fixtures__/seeds.js';

/** Seed 003, Oslo Ap 2018-2019. Expectations written from reading the text file. */
const { document, report } = importPlanText(readSeed(SEEDS.osloAp));

// [title, measures ("Tiltak som bør gjennomføres:"), printed line of the heading]
const AREAS: [string, number, number][] = [
  ['En levende og moderne partiorganisasjon sikrer valgseier i 2019', 0, 1],
  ['Etikk og partikultur', 3, 132],
  ['Partilagene (Bostedslag, faglag og forumslag)', 6, 169],
  ['Bydelspartiene', 7, 206],
  ['Representantskapet i Oslo Arbeiderparti', 5, 252],
  ['Oslo Arbeiderparti på nett', 6, 300],
  ['Partikontorets rolle og funksjon', 8, 386],
  ['Medlemsrekruttering, medlemspleie og medlemstilbud', 9, 424],
  ['Utvalgene i Oslo Arbeiderparti', 5, 465],
  ['Arbeidet som folkevalgt', 3, 490],
  ['Skolering av medlemmer og tillitsvalgte', 5, 530],
  ['Program- og nominasjonsarbeidet i Oslo AP og bydelspartiene', 3, 574],
  ['Utadrettet virksomhet og valgkamp', 6, 621],
];

describe('Oslo Ap 2018-2019 (seed 003)', () => {
  it('reads the header', () => {
    expect(report.shape).toBe('line-numbered-prose');
    expect(document.plan).toEqual({
      id: 'oslo-ap-2018-2019',
      org: 'oslo-ap',
      orgName: 'Oslo Arbeiderparti',
      title: 'En levende og moderne partiorganisasjon sikrer valgseier i 2019',
      period: { from: 2018, to: 2019 },
    });
  });

  it('finds the areas, bold and plain, with the printed line numbers of their headings', () => {
    expect(document.sections.map((s) => [s.title, s.measures?.length ?? 0, s.lines?.from])).toEqual(AREAS);
    expect(document.sections.map((s) => s.number)).toEqual(AREAS.map((_, i) => String(i + 1)));
    expect(section(document, '2').lines).toEqual({ from: 132, to: 168 });
    expect(report.measures).toBe(66);
  });

  it('reads the overall goals for 2018-2019, with printed lines', () => {
    const goals = section(document, '1').goals ?? [];
    expect(goals).toHaveLength(13);
    expect(goals[0]).toEqual({
      text: 'Øke medlemstallet i alle partilag i Oslo Arbeiderparti hvert år. Oslo Arbeiderparti skal være det største fylkespartiet i Arbeiderpartiet i 2018.',
      lines: { from: 106, to: 107 },
    });
    expect(goals[1]).toEqual({
      text: 'Doble antall aktive medlemmer innen to år.',
      target: { metric: 'active_members_multiplier', value: 2, by: '2019-12-31' },
      lines: { from: 108, to: 108 },
    });
    expect(goals[12]?.text).toBe(
      'Ha åpne og utadvendte programprosesser som ender oppmed et kommunevalgprogram og 15 bydelsprogrammer som gir svarene på de utfordringene som velgerne i Oslo stiller seg i 2019.',
    );
  });

  it('reads measures with their printed lines, continuation lines and sub-bullets', () => {
    expect(section(document, '2').measures?.[0]).toEqual({
      text: 'Når partiet sentralt har vedtatt nye retningslinjer knytta til seksuell trakassering skal Oslo Arbeiderparti gå gjennom dette på alle nivåer og iverksette tiltak som anbefales, og vurdere om Oslo Arbeiderparti skal utarbeide egne supplerende retningslinjer.',
      lines: { from: 161, to: 163 },
    });
    expect(section(document, '10').measures?.[0]?.text).toBe(
      'Det bør lages «folkevalgtkontrakt» der alle som nomineres til bystyrelista eller listene til bydelsutvalg skriver under på hva de forplikter seg til både i forbindelse med valgkamp, men også utover i perioden de stiller seg til rådighet for, herunder betale partiskatt.',
    );
    const web = section(document, '6').measures?.[2];
    expect(web?.lines).toEqual({ from: 359, to: 379 });
    expect(web?.text.split('\n').map((l) => l.slice(0, 30))).toEqual([
      'Samle informasjon om Oslo Ap p',
      '- Oslo Arbeiderparti på Facebo',
      '- Aktive i Oslo Arbeiderparti:',
      '- Nettivistene: Denne gruppen ',
      '- Bydelssider: En Facebook-sid',
      '- Eventuelle sider for lag og ',
      '- I tillegg bør bydelspartiene',
    ]);
    expect(section(document, '13').measures?.[5]?.text).toMatch(
      /Folkevalgte i bydel og bystyret skal også ha rodeansvar\.$/,
    );
  });

  it('gives items that lost their line numbers the run of bare numbers beside them', () => {
    expect(
      section(document, '7')
        .measures?.slice(5)
        .map((m) => [m.text.slice(0, 35), m.lines]),
    ).toEqual([
      ['Oppfølgingen av kasserere og økonom', { from: 419, to: 423 }],
      ['Det må lages verktøy for kontingent', { from: 419, to: 423 }],
      ['Partikontoret må bistå partilaga me', { from: 419, to: 423 }],
    ]);
    expect(section(document, '8').measures?.[0]?.lines).toEqual({ from: 446, to: 464 });
  });

  it('keeps the topic list of the training area as intro, not as measures', () => {
    expect(section(document, '11').intro).toContain('- Byrådets resultater.');
    expect(section(document, '11').measures?.[0]?.text).toMatch(/^Skolere alle tillitsvalgte/);
  });

  it('reports the undated membership figure instead of inventing a date', () => {
    expect(document.measurements).toBeUndefined();
    expect(report.issues).toEqual([{ line: 18, message: expect.stringContaining('5.500 medlemmer') }]);
  });
});
