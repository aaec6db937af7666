import { describe, expect, it } from '@jest/globals';
import { importPlanText } from './index.js';
import { SEEDS, allSections, measure, readSeed, section } from './__fixtures__/seeds.js';

/**
 * Seed 001, Oslo SV 2024-2027 årsutgave 2026. Every expectation below was written by reading
 * the text file, not by running the importer.
 */
const { document, report } = importPlanText(readSeed(SEEDS.osloSv2026));

// [section, label, the text starts with, Gjennomføring, Ansvar codes, the named parties that are
//  not bodies, what the cell says beyond both ("FS (eller SV sentralt)")]
type Row = [string, string, string, string, string[], string[]?, string?];
const MEASURES: Row[] = [
  ['4.1', 'A', 'Hele Oslo SV (alle lokallag) skal jevnlig', '2026-2027', ['FS', 'LL', 'BSG']],
  ['4.1', 'B', 'Det skal lages en plan for systematisk', 'Vår 2026', ['FS', 'LL', 'BSG'], []],
  ['4.1', 'C', 'Det skal være minst én hovedansvarlig', 'Vår 2026', ['FS', 'LL']],
  [
    '4.1',
    'D',
    'Det gjennomføres pilot på dørbank',
    'Vinter 2025-26',
    ['FS', 'BSG'],
    ['Interesserte lokallag'],
  ],
  ['4.1', 'E', 'FS/Fylkessekretær gjennomfører møte', 'Vår 2026', ['FS'], ['Fylkessekretær']],
  ['4.1', 'F', 'Det skal tilbys opplæring i dørbanking.', 'Kontinuerlig', ['FS', 'LL']],
  ['4.1', 'G', 'Programkomitéene (i Oslo SV og i', '2026', [], ['Programkomitéene']],
  ['4.1', 'H', 'Det skal gjennomføres 1-2 kampanjeuker', '2026', ['FS', 'LL']],
  ['4.2', 'A', 'Den direkte medlemskontakten gjennom ringing', 'Kontinuerlig', ['LL', 'FS']],
  ['4.2', 'B', 'Det skal i 2026 særskilt ringes', '2026', ['LL']],
  ['4.2', 'C', 'Det bør også ringes for å invitere', 'Kontinuerlig', ['LL', 'FS']],
  ['4.2', 'D', 'Alle arrangementer skal registreres i Zetkin', 'Kontinuerlig', ['FS', 'LL'], ['Grupper']],
  ['4.2', 'E', 'Zetkin skal fortsatt implementeres', '2026', ['FS', 'LL']],
  ['4.2', 'F', 'Vi skal ha en aktiv vervekultur', 'Kontinuerlig', [], ['Alle']],
  ['4.2', 'G', 'Lokallagene spesielt, men også fylkeslaget', 'Kontinuerlig', ['FS', 'LL']],
  ['4.2', 'H', 'Lokallagenes medlemsansvarlig skal sikre', 'Kontinuerlig', ['LL']],
  ['4.2', 'I', 'Alle lokallag bør ha minst to medlemsaktiviteter', 'Kontinuerlig', ['LL']],
  ['4.2', 'J', 'Vi skal arrangere “Ny i SV”-møter to ganger i året.', 'Kontinuerlig', ['FS']],
  ['4.2', 'K', 'Vi har mål om økt rekruttering', 'Kontinuerlig', ['FS', 'LL']],
  [
    '4.2',
    'L',
    'Alle lokallagsstyrer må bidra i gjenbetalingsdugnad',
    'Kontinuerlig, spesielt høst',
    ['FS', 'LL'],
  ],
  ['4.3', 'A', 'Oslo SV skal nedsette nominasjonskomité', 'ÅM 2026', ['FS', 'ÅM']],
  ['4.3', 'B', 'Alle lokallag skal gjennomføre høringsmøter', 'Høst 2026', ['LL']],
  ['4.3', 'C', 'Oslo SV skal nedsette programkomité', 'Vår 2026', ['FS', 'RS']],
  ['4.3', 'D', 'Direkte velgerkontakt (dørbank) skal', '2026', ['FS', 'LL']],
  [
    '4.3',
    'E',
    'Alle lokallag oppfordres til medlemsmøter',
    '2026 (Aktuelle tidsrom vil følge av mandatet for programprosessen/-komiteen)',
    ['LL'],
  ],
  ['4.3', 'F', 'Programkomiteen og Fylkesstyret skal', 'Høst 2026', ['FS'], ['Programkomiteen']],
  ['4.3', 'G', 'Oslo skal sette ned en forberedende', 'Høst 2026', ['FS']],
  ['4.3', 'H', 'Oslo SV skal sette ned valgkampgruppe', 'Vinter 2026/nyåret 2027 (etter nominasjon)', ['FS']],
  ['4.3', 'I', 'Oslo SV skal legge en strategi', 'Vår 2026', ['FS']],
  [
    '4.3',
    'J',
    'Det skal tilbys skolering for nominasjonskomiteer',
    'Høst 2026',
    ['FS'],
    [],
    'FS (eller SV sentralt)',
  ],
  ['4.3', 'K', 'Oslo SV skal arrangere «Borgen-programmet»', 'Høst 2026', ['FS']],
  [
    '4.3',
    'L',
    'Det skal planlegges for skoleringsseminar',
    'Planlegge høst 2026, gjennomføre tidlig 2027',
    ['FS'],
  ],
  [
    '4.4',
    'A',
    'E-postliste for alle faste representanter',
    'Vedlikeholdes og benyttes løpende.',
    ['FS', 'BU'],
  ],
  ['4.4', 'B', 'Det skal være god dialog mellom BSG og BU-gruppene.', 'Kontinuerlig', ['BSG', 'BU']],
  ['4.4', 'C', 'BU-forum skal ha 2-3 møter', '2026', ['FS']],
  ['4.4', 'D', 'Det skal én gang i året arrangeres', 'Årlig (I 2026 ble dette gjennomført i januar)', ['FS']],
  [
    '4.4',
    'E',
    'BSG, STG og ansatte skal i størst mulig grad',
    'Kontinuerlig',
    ['BSG', 'STG', 'LL'],
    ['Ansatte'],
  ],
  ['5.1', 'A', 'Det skal arrangeres tillitsvalgtskolering', 'Våren 2026', ['FS']],
  ['5.1', 'B', 'Lokallagsstyrer som ønsker ytterligere', 'Kontinuerlig', ['LL', 'FS']],
  [
    '5.1',
    'C',
    'Zetkin skal benyttes av alle lokallag',
    'Kontinuerlig',
    ['LL', 'FS'],
    [],
    'Bruk: LL, FS Opplæring: FS',
  ],
  ['5.1', 'D', 'Vi skal ha en årlig runde med «Oslo SV-skolen»', '2026', ['FS']],
  ['5.1', 'E', 'Oslo SVs ressursbank skal oppdateres', 'Kontinuerlig', ['FS'], ['Ansatte']],
  ['5.2', 'A', 'Oslo SV skal jobbe med utslippsreduksjon', 'Kontinuerlig', ['FS', 'LL', 'BSG']],
  ['5.2', 'B', 'Sørge for tydelig kommunikasjon', 'Kontinuerlig', ['FS']],
  ['5.2', 'C', 'Det skal arrangeres strategisamling', 'Årlig', ['FS']],
  ['5.2', 'D', 'Oslo SVs landsstyrerepresentanter har ansvaret', 'Kontinuerlig', [], ['LS-delegasjonen']],
  ['5.2', 'E', 'Oslo SV skal sørge for god behandling', 'Ved behov', ['FS']],
  ['5.2', 'F', 'Møter og sosiale arrangement skal', 'Kontinuerlig', ['FS', 'LL']],
  ['5.2', 'G', 'Sikre at partiets drift og aktivitet', 'Kontinuerlig', ['FS']],
  ['5.2', 'H', 'Gjøre medlemmer og tillitsvalgte godt kjent', 'Kontinuerlig', ['FS']],
  [
    '5.2',
    'I',
    'Ha kjønnsdelte formøter',
    'Kontinuerlig',
    ['FS'],
    [],
    'FS Særansvar hos kvinnepolitisk leder.',
  ],
  ['5.2', 'J', 'Oslo SV skal være en god og seriøs', 'Kontinuerlig', ['FS']],
  ['5.2', 'K', 'Oslo SV skal ha tilgjengelig informasjon', 'Kontinuerlig', ['FS']],
  ['5.3', 'A', 'Det skal rett etter Oslo SVs årsmøte', 'Årlig', ['FS']],
  ['5.3', 'B', 'Representantskapet skal være et verksted', 'Årlig', ['FS', 'LL']],
  ['5.3', 'C', 'Lokallagene skal stille forberedt', 'Kontinuerlig', ['LL']],
  ['5.3', 'D', 'Bystyregruppa og Stortingsgruppa skal være', 'Kontinuerlig', ['BSG', 'STG']],
  ['5.4', 'A', 'Alle lokallag skal ha aktivitet gjennom hele', 'Kontinuerlig', ['LL']],
  ['5.4', 'B', 'Lokallagene skal jobbe systematisk', 'Kontinuerlig', ['LL', 'FS']],
  ['5.4', 'C', 'Alle lokallag får en fadder', 'Kontinuerlig', ['FS', 'LL']],
  ['5.4', 'D', 'Fylkesstyret skal ha fellesmøte', 'Kontinuerlig', ['FS']],
  ['5.4', 'E', 'Lokallagene må ringe/kontakte medlemmer', 'Årlig (høst)', ['LL']],
  ['5.4', 'F', 'Oslo SVs ansatte, BSG og STG', 'Kontinuerlig', ['FS', 'BSG', 'STG']],
  ['5.4', 'G', 'Fylkesstyret skal arrangere minst ett fysisk', 'Kontinuerlig', ['FS']],
  ['5.4', 'H', 'Alle lokallag skal etterstrebe', 'Kontinuerlig', ['LL']],
  ['5.4', 'I', 'Lokallagsledere skal motta samle-epost', 'Kontinuerlig', ['AU'], ['Ansatte']],
  ['5.5', 'A', 'Gruppestrukturen skal gjennomgås', 'Våren 2026', ['FS', 'Gruppene']],
  ['5.5', 'B', 'Gruppene skal kunne bidra på sitt felt', 'Kontinuerlig', ['Gruppene']],
  ['5.5', 'C', 'Gruppene må ha jevnlige møter', 'Kontinuerlig', ['Gruppene']],
  ['5.5', 'D', 'Gruppene oppfordres til nettverksbygging', 'Kontinuerlig', ['Gruppene']],
  ['5.5', 'E', 'Fylkesstyret har ansvar for å følge opp', 'Kontinuerlig', ['FS']],
  ['5.5', 'F', 'Det skal arrangeres minst ett møte i året', 'Årlig', ['FS']],
  ['5.5', 'G', 'Gruppeledere skal inviteres til BU-forum', 'Årlig/ved behov', ['FS']],
  [
    '5.5',
    'H',
    'Det skal sende ut et felles nyhetsbrev',
    'En gang per år',
    ['FS', 'Gruppene'],
    ['Fylkessekretær'],
  ],
  ['5.6', 'A', 'FS skal velge faste representanter', 'Umiddelbart etter ÅM', ['FS'], ['Faglig gruppe']],
  ['5.6', 'B', 'Alliansepartnere kan inviteres', 'Kontinuerlig', ['FS']],
  ['5.6', 'C', 'Lokallag og gruppene inviterer', '2026', ['LL', 'Gruppene']],
  ['5.6', 'D', 'Bystyregruppa og stortingsgruppa', 'Kontinuerlig', ['BSG', 'STG']],
  ['5.6', 'E', 'Oslo SV skal være representert i 8. mars', 'Kontinuerlig', ['FS'], ['Kvinnepolitisk gruppe']],
  ['5.6', 'F', 'BU-grupper og/eller lokallag bør ha god dialog', 'Kontinuerlig', ['BU-gruppe', 'LL']],
  ['5.7', 'A', 'Vi skal markere:', 'Årlig', ['FS', 'LL'], ['Aktuelle grupper (LL som selv ønsker det)']],
  ['5.7', 'B', 'Vi skal delta i 8. mars-markeringen', 'Årlig', ['FS'], ['Kvinnepol. Gruppe']],
  ['5.7', 'C', 'Vi skal bidra til stand i Pride park', 'Årlig', ['FS'], ['Skeive sosialister (FS)']],
  ['5.7', 'D', 'Vi skal delta i 1. mai tog', 'Årlig', ['FS'], ['Faglig gruppe']],
  ['5.8', 'A', 'Støtte lokallagene med råd', 'Kontinuerlig/ ved behov', ['FS'], ['Ansatte']],
  [
    '5.8',
    'B',
    'Det skal produseres og legges ut videoer',
    'Kontinuering',
    ['BSG', 'STG'],
    [],
    'I hovedsak BSG og STG.',
  ],
  ['5.8', 'C', 'Fortsette med Oslo SV sitt nyhetsbrev', 'Kontinuerlig', ['FS']],
  ['5.8', 'D', 'Oslo SVs sosiale medier og nettsider', 'Kontinuerlig', ['FS']],
  ['5.8', 'E', 'Bruke annonsering på sosiale medier', 'Kontinuerlig', ['FS', 'LL']],
  ['5.8', 'F', 'Kontinuerlig vurdere sikkerhet', 'Kontinuerlig', ['FS', 'LL']],
];

describe('Oslo SV 2024-2027, årsutgave 2026 (seed 001)', () => {
  it('is read as the lettered-tables shape with the plan header the document prints', () => {
    expect(report.shape).toBe('lettered-tables');
    expect(document.plan).toEqual({
      id: 'oslo-sv-2024-2027',
      org: 'oslo-sv',
      orgName: 'Oslo SV',
      title: 'Oslo SVs arbeids- og organisasjonsplan 2024-2027, årsutgave for 2026',
      period: { from: 2024, to: 2027 },
      edition: '2026',
    });
  });

  it('finds the numbered chapters and sections, nested, with their printed line numbers', () => {
    const outline = document.sections.map((c) => [
      c.number,
      c.title,
      (c.sections ?? []).map((s) => `${s.number} ${s.title}`),
    ]);
    expect(outline).toEqual([
      ['1', 'Innledning', []],
      ['2', 'Organisatorisk status for Oslo SV', []],
      [
        '3',
        'Overordnede mål for perioden 2024-2027',
        ['3.1 Overordnede mål', '3.2 Strategiske grep for å nå målene'],
      ],
      [
        '4',
        'Hovedprioriteringer i 2026',
        [
          '4.1 Direkte velgerkontakt',
          '4.2 Medlemsmobilisering',
          '4.3 Forberedelser til lokalvalg 2027',
          '4.4 Oppfølging av folkevalgte',
        ],
      ],
      [
        '5',
        'Faste og kontinuerlige organisatoriske tiltak',
        [
          '5.1 Skolering',
          '5.2 Fylkeslaget og Fylkesstyret',
          '5.3 Representantskapet',
          '5.4 Lokallagene',
          '5.5 Grupper',
          '5.6 Alliansebygging',
          '5.7 Merkedager',
          '5.8 Kommunikasjon og digitale plattformer',
        ],
      ],
    ]);
    // "4.1 Direkte velgerkontakt 127" ... the empty numbered line 135 after its table.
    expect(section(document, '4.1').lines).toEqual({ from: 127, to: 135 });
    expect(section(document, '1').lines).toEqual({ from: 27, to: 59 });
    expect(section(document, '5.8').lines).toEqual({ from: 202, to: 207 });
    expect(report.sections).toBe(19);
  });

  it('removes the printed line numbers and the page furniture from the text', () => {
    const texts = JSON.stringify(document);
    expect(texts).not.toContain('oslo@sv.no');
    expect(texts).not.toContain('Sakspapir til Repskapet');
    expect(texts).not.toMatch(/organisatoriske 28|fremover\. {1,2}134/);
    expect(section(document, '4.1').intro).toMatch(
      /^Vi skal ha mer direkte dialog med folk og lokalsamfunnsaktører, også i mellomvalgsår\./,
    );
    expect(section(document, '4.1').intro).toMatch(
      /den største satsingen og viktigste prioriteringen fremover\.$/,
    );
  });

  it('reads the abbreviation list as the bodies', () => {
    expect(document.bodies?.map((b) => b.code)).toEqual([
      'FS',
      'AU',
      'RS',
      'LL',
      'LLL',
      'ÅM',
      'BSG',
      'STG',
      'Gruppene',
      'BU',
      'BU-gruppe',
      'LS',
      'LM',
      'SU',
    ]);
    expect(document.bodies?.[0]).toEqual({ code: 'FS', name: 'Fylkesstyret' });
    expect(document.bodies?.find((b) => b.code === 'STG')?.name).toBe(
      'Stortingsgruppa (Oslo SVs stortingsrepresentanter)',
    );
    expect(report.bodies).toBe(14);
  });

  it('reads the goals of 3.1 (7) and 3.2 (12), joining wrapped bullets', () => {
    expect(section(document, '3.1').goals?.map((g) => g.text)).toEqual([
      'Oslo SV skal være et tydelig rød-grønt parti og det naturlige førstevalget for velgere på venstresida.',
      'Oslo SV skal øke sin oppslutning i lokalvalget 2027.',
      'Oslo SV skal være et parti hvor alle som støtter opp om våre grunnleggende verdier og politiske mål skal kunne engasjere seg og finne et fellesskap.',
      'Oslo SV skal være et parti hvor det er trivelig, meningsfullt og sosialt å engasjere seg.',
      'Oslo SV skal være et inkluderende parti. Vi skal ha stor takhøyde for debatt og diskusjoner, men respektere avgjørelser og vedtak.',
      'Oslo SV skal bidra til økt oppslutning for SV, og bidra til at SV blir en enda mer robust organisasjon.',
      'Oslo SV skal være en ansvarlig organisasjon som tar et helhetlig bærekraftsansvar.',
    ]);
    expect(section(document, '3.1').goals?.[0]?.lines).toEqual({ from: 85, to: 86 });
    const strategic = section(document, '3.2').goals ?? [];
    expect(strategic).toHaveLength(12);
    expect(strategic[0]?.text).toBe(
      'Oslo SV skal ha en tydelig identitet og et tydelig og gjenkjennelig politisk hovedbudskap. Vi skal ha en politikk, retorikk og partikultur som styrker partiets identitet og tydelighet. Oslo SV skal samtidig bygge troverdighet på nye politikkområder.',
    );
    expect(strategic[0]?.lines).toEqual({ from: 98, to: 101 });
    expect(strategic[11]?.text).toMatch(/^Oslo SV skal alltid arbeide for å redusere egne utslipp/);
    expect(report.goals).toBe(19);
  });

  it('recovers every lettered measure of 4.1-5.8 with its text, timing and responsible bodies', () => {
    const found = allSections(document.sections).flatMap((s) =>
      (s.measures ?? []).map((m) => `${s.number}.${m.label}`),
    );
    expect(found).toEqual(MEASURES.map(([s, l]) => `${s}.${l}`));
    for (const [s, label, starts, timing, responsible, parties = [], note] of MEASURES) {
      const m = measure(document, `${s}.${label}`);
      expect({ at: `${s}.${label}`, starts: m.text.startsWith(starts), timing: m.timing }).toEqual({
        at: `${s}.${label}`,
        starts: true,
        timing,
      });
      expect({
        at: `${s}.${label}`,
        responsible: m.responsible ?? [],
        parties: m.responsibleParties ?? [],
        note: m.responsibleNote,
      }).toEqual({ at: `${s}.${label}`, responsible, parties, note });
    }
    expect(report.measures).toBe(90);
  });

  it('joins measure text across lines, page breaks and the columns that interrupt it', () => {
    expect(measure(document, '4.1.B').text).toBe(
      'Det skal lages en plan for systematisk dørbank i 2026-2027. FS er ansvarlig for planen, men den utarbeides og følges opp i samarbeid med lokallagene.',
    );
    // The timing column comes between "Oslos" and "stortingsrepresentanter" at a page break.
    expect(measure(document, '5.2.C').text).toBe(
      'Det skal arrangeres strategisamling for fylkesstyret, bystyregruppa, og Oslos stortingsrepresentanter minst én gang hvert år.',
    );
    expect(measure(document, '4.1.F').text).toBe('Det skal tilbys opplæring i dørbanking.');
    expect(measure(document, '4.3.K').text).toMatch(
      /^Oslo SV skal arrangere «Borgen-programmet» eller lignende skolering/,
    );
    expect(measure(document, '4.3.L').text).toBe(
      'Det skal planlegges for skoleringsseminar av hhv. BU-kandidater og Bystyre-kandidater våren 2027.',
    );
    expect(measure(document, '4.4.D').text).toBe(
      'Det skal én gang i året arrangeres en større samling for SVs folkevalgte i bystyregruppa, bydelsutvalgene og øvrige medlemmer av BU-gruppene i bydelene. I valgår erstattes dette av kandidatskolering.',
    );
    expect(measure(document, '5.7.A').text).toBe(
      [
        'Vi skal markere:',
        '- Sámi álbmotbeaivi, Samenes nasjonaldag 6. februar.',
        '- Den internasjonale morsmålsdagen 21.februar.',
        '- FNs dag mot antirasisme 21. mars',
        '- Verdens miljødag 5. juni.',
        '- 25. juni',
        '- 22. juli, i samråd med anbefalinger fra støttegruppen.',
        '- Den internasjonale dagen for avskaffelse av vold mot kvinner, 25. november-markeringen.',
        '- FN-dagen for personer med funksjonsnedsettelse 3. desember.',
        'Med markering menes at det som et minimum skal deles innhold på sosiale medier, for noen av dagene kan det i tillegg være aktuelt å ha løpeseddelaksjoner.',
      ].join('\n'),
    );
    expect(measure(document, '5.7.D').text).toBe(
      'Vi skal delta i 1. mai tog og ha et sosialt arrangement for alle Oslo SVs medlemmer etter toget. (Lokallag har ansvar for 1.mai-frokoster)',
    );
  });

  it('gives table rows the printed lines around their table (table rows carry no line numbers)', () => {
    expect(measure(document, '4.1.A').lines).toEqual({ from: 134, to: 135 });
    expect(measure(document, '4.3.L').lines).toEqual({ from: 146, to: 147 });
    expect(measure(document, '5.3.D').lines).toEqual({ from: 173, to: 174 });
  });

  it('reads the membership status as measurements at 31.12.2025', () => {
    expect(document.measurements).toEqual([
      {
        metric: 'members',
        value: 3394,
        at: '2025-12-31',
        text: 'Oslo SV har 3394 medlemmer per 31.12.2025. Det er 2,6 % nedgang fra 2024.',
      },
      { metric: 'local_branches', value: 16, at: '2025-12-31', text: 'Oslo SV har 16 lokallag.' },
    ]);
  });

  it('reports the note under the 5.1 table it could not place, with its line', () => {
    expect(report.issues).toEqual([
      {
        line: 676,
        message: expect.stringContaining('(Se også skoleringsaktiviteter under «Medlemsoppfølging»'),
      },
    ]);
  });
});
