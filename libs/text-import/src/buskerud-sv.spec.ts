import { describe, expect, it } from '@jest/globals';
import { importPlanText } from './index.js';
import { SEEDS, readSeed, section } from './__fixtures__/seeds.js';

/** Seed 004, Buskerud SV 2024-2027 (OCR). Expectations written from reading the text file. */
const { document, report, revision } = importPlanText(readSeed(SEEDS.buskerudSv));

// [title, goals, measures]
const AREAS: [string, number, number][] = [
  ['Arbeidsplan for Buskerud SV 2024-2027', 0, 0],
  ['Politisk strategi', 3, 5],
  ['Lokallag', 4, 6],
  ['Folkevalgte', 2, 4],
  ['Skolering', 3, 5],
  ['Valgkamp', 2, 2],
  ['Sosialistisk Ungdom', 3, 4],
];

describe('Buskerud SV 2024-2027 (seed 004, OCR)', () => {
  it('reads the header, with the 2026 changes as the edition', () => {
    expect(report.shape).toBe('ocr-lists');
    expect(document.plan).toEqual({
      id: 'buskerud-sv-2024-2027',
      org: 'buskerud-sv',
      orgName: 'Buskerud SV',
      title: 'Arbeidsplan for Buskerud SV 2024-2027',
      period: { from: 2024, to: 2027 },
      edition: '2026',
    });
  });

  it('finds the areas (the margin number misread as "s" removed) and their goals and measures', () => {
    expect(document.sections.map((s) => [s.title, s.goals?.length ?? 0, s.measures?.length ?? 0])).toEqual(
      AREAS,
    );
    expect(section(document, '2').lines?.from).toBe(19);
    expect(report.goals).toBe(17);
    expect(report.measures).toBe(26);
  });

  it('repairs the OCR misreads of æ, ø and å', () => {
    const intro = section(document, '1').intro ?? '';
    expect(intro).toContain(
      'Det politiske og organisatoriske arbeidet henger nøye sammen. Det er gjennom å bygge en',
    );
    expect(intro).toContain('vi på sikt kan nå våre politiske mål.');
    expect(intro).toContain('- Planen skal revideres årlig');
    expect(section(document, '2').goals?.map((g) => g.text)).toEqual([
      'Være god kjent med lokale kamper og saker folk er opptatt av',
      'Vi skal aktivt søke allianser med andre organisasjoner og bevegelser',
      'Partiet skal jobbe mer utadretta',
    ]);
    expect(section(document, '2').measures?.[3]?.text).toBe(
      'Alle lokallag skal ha minst et møte i året hvor de inviterer ikke-medlemmer',
    );
    expect(section(document, '3').measures?.[3]?.text).toBe(
      'Buskerud SV skal i 2026 følge Landsstyrets fireårsplan for direkte velgerkontakt. Det opprettes en dørbankansvarlig i fylkeslaget som støtter og følger opp lokallagenes arbeid gjennom året.',
    );
    expect(section(document, '4').goals?.[1]?.text).toBe(
      'Øke antall folkevalgte etter kommune- og fylkestingsvalget i 2027',
    );
    expect(section(document, '5').intro).toContain('endring i måten vi jobber på');
    expect(section(document, '7').measures?.map((m) => m.text)).toEqual([
      'SU inviteres til å delta på alle åpne møter',
      'SU skal ha tilbud om plass i alle besluttende organer',
      'Det etterstrebes at minst en av de fire øverste listeplassene skal gå til en SU-er',
      'I kommuner der SU har eller vurderer opprettelse av lokallag skal det lokale SV-laget ha en SU-kontakt',
    ]);
    const all = JSON.stringify(document);
    for (const misread of ['pa', 'ngye', 'arlig', 'Mal', 'veere', 'dgrbank', 'gjennomfort', 'mate', 'var']) {
      const found = new RegExp(`(?<!\\p{L})${misread}(?!\\p{L})`, 'u').test(all);
      expect({ misread, found }).toEqual({ misread, found: false });
    }
    expect(all).not.toMatch(/ [&|] /);
  });

  it('keeps struck text out of the live plan and reports it', () => {
    expect(section(document, '1').intro).toContain(
      '- Fylkesårsmøtet vedtar planen for valgperioden 2024-2027',
    );
    expect(JSON.stringify(document)).not.toMatch(/reste|fire-arene|mandatfra|Stryke/);
    expect(section(document, '6').goals?.map((g) => g.text)).toEqual([
      'Alle lokallag skal være aktivt involverte og deltakende i forberedelse og gjennomføring av valgkamp',
      'Fire fylkestingsrepresentanter fra Buskerud ved valget i 2027',
    ]);
    expect(report.issues).toEqual(
      expect.arrayContaining([
        { line: 12, message: 'overstrøket tekst «de-reste-fire-arene» fjernet, erstattet av «valgperioden»' },
        { line: 148, message: expect.stringContaining('«Stryke, gjennomført»') },
      ]),
    );
  });

  it('reads the plan as it was before the 2026 revision from the struck text, on the same lines', () => {
    const earlier = revision!.earlier;
    expect(section(earlier, '1').intro).toContain(
      '- Fylkesårsmøtet vedtar planen for de neste fire årene 2024-2027',
    );
    expect(section(earlier, '1').intro).not.toContain('valgperioden');
    expect(section(earlier, '6').goals?.[0]).toEqual({
      text: 'Direkte mandat fra Buskerud på Stortinget ved valget i 2026',
      lines: { from: 148, to: 148 },
    });
    expect(section(earlier, '6').goals?.slice(1)).toEqual(section(document, '6').goals);
    // Everything the revision did not mark reads the same.
    expect(earlier.sections.map((s) => s.measures)).toEqual(document.sections.map((s) => s.measures));
    expect(revision?.struckReasons).toEqual([{ line: 148, reason: 'Gjennomført' }]);
    expect(revision?.body).toBe('ÅM');
    expect(earlier.plan).toEqual({
      id: 'buskerud-sv-2024-2027',
      org: 'buskerud-sv',
      orgName: 'Buskerud SV',
      title: 'Arbeidsplan for Buskerud SV 2024-2027',
      period: { from: 2024, to: 2027 },
    });
    expect(report.revision).toEqual({ goals: 18, measures: 26 });
  });

  it('reads the numeric goals', () => {
    expect(section(document, '3').goals?.[3]).toEqual({
      text: '10% flere medlemmer i løpet av perioden',
      target: { metric: 'members_increase_pct', value: 10, by: '2027-12-31' },
      lines: { from: 74, to: 74 },
    });
    expect(section(document, '6').goals?.[1]?.target).toEqual({
      metric: 'county_council_representatives',
      value: 4,
      by: '2027-12-31',
    });
  });

  it('splits the list the scan merged under "Mål:" and "Tiltak:", and says so', () => {
    expect(section(document, '3').goals?.map((g) => g.text)).toEqual([
      'Alle lokallag skal være aktive og fokusere på direkte velgerkontakt',
      'Det skal etableres minst et nytt lokallag i løpet av perioden',
      'Det skal være jevn dialog mellom fylkesstyret og lokallagene',
      '10% flere medlemmer i løpet av perioden',
    ]);
    expect(section(document, '3').measures?.[0]?.text).toBe(
      'Fylkesstyret skal tilby hjelp med daglig drift til lokallag som trenger det',
    );
    expect(section(document, '4').measures?.[0]?.text).toBe(
      'Fylkesstyret skal arrangere en årlig samling for folkevalgte',
    );
    expect(report.issues.map((i) => i.line)).toEqual([12, 69, 103, 148]);
  });
});
