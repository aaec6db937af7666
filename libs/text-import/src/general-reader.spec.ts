import { describe, expect, it } from '@jest/globals';
import { type MeasureDoc, type PlanDocument } from '@app/plan-document';
import { DOCUMENTS, importDocument } from './__fixtures__/documents/documents.js';
import { allSections, section } from './__fixtures__/seeds.js';

/**
 * The general reader on plans written for these tests in layouts and formats the seeds do not
 * have. Every expectation was written from the document's source (the .md or .txt beside it).
 */
const measures = (doc: PlanDocument): MeasureDoc[] =>
  allSections(doc.sections).flatMap((s) => s.measures ?? []);
const row = (m: MeasureDoc | undefined) => [
  m?.text,
  m?.timing,
  m?.responsibleParties?.join(', '),
  m?.responsible ?? [],
];

describe('a Word file with heading styles, numbered lists and a Tiltak/Frist/Ansvar table', () => {
  it('reads the header, the numbered chapters and every measure', async () => {
    const { document, report } = await importDocument(DOCUMENTS.wordWithHeadingStyles);
    expect(report).toMatchObject({ shape: 'general', format: 'docx', measures: 22, goals: 3 });
    expect(document.plan).toEqual({
      id: 'grunerlokka-sv-2026',
      org: 'grunerlokka-sv',
      orgName: 'Grünerløkka SV',
      title: 'Årsplan 2026 for Grünerløkka SV',
      period: { from: 2026, to: 2026 },
      adopted: { body: 'ÅM', date: '2026-02-10' },
    });
    expect(document.sections.map((s) => [s.number, s.title, s.measures?.length ?? 0])).toEqual([
      ['0', 'Innledning', 0],
      ['1', 'Medlemmer og organisasjon', 5],
      ['2', 'Politisk arbeid', 5],
      ['3', 'Valgkamp og synlighet', 6],
      ['4', 'Skolering', 3],
      ['5', 'Økonomi', 3],
    ]);
    expect(section(document, '1').goals?.map((g) => g.text)).toEqual([
      'Minst 60 aktive medlemmer som deltar på minst ett arrangement i halvåret.',
      'Alle nye medlemmer skal bli kontaktet innen to uker.',
    ]);
  });

  it('takes Ansvar and timing from the parentheses, the words and the table columns', async () => {
    const { document } = await importDocument(DOCUMENTS.wordWithHeadingStyles);
    const s1 = section(document, '1').measures ?? [];
    expect(row(s1[0])).toEqual([
      'Ringe alle nye medlemmer innen to uker etter innmelding',
      'innen to uker',
      'Medlemsansvarlig',
      [],
    ]);
    expect(row(s1[2])).toEqual(['Sende ut medlemsbrev hver måned', 'løpende', 'Sekretær', []]);
    expect(s1.map((m) => m.label)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(row(section(document, '3').measures?.[1])).toEqual([
      'Dørbanke i borettslagene langs Trondheimsveien',
      'Høsten 2026',
      'Valgkampleder, Styret',
      [],
    ]);
    expect(row(section(document, '5').measures?.[1])).toEqual([
      'Samle inn 20 000 kroner til valgkampfondet i løpet av 2026',
      'i løpet av 2026',
      'Kasserer, Styret',
      [],
    ]);
  });

  it('leaves the struck word out of the live plan and says so', async () => {
    const { document, report } = await importDocument(DOCUMENTS.wordWithHeadingStyles);
    expect(section(document, '1').measures?.[4]?.text).toBe(
      'Holde et seminar for tillitsvalgte i september 2026',
    );
    expect(report.issues).toEqual([{ line: 14, message: expect.stringContaining('~~todagers~~') }]);
  });
});

describe('a PDF with the line numbers in its margin', () => {
  it('reads the measures with "– styret" at their end, and keeps the printed line numbers', async () => {
    const { document, report } = await importDocument(DOCUMENTS.pdfWithLineNumbers);
    expect(report).toMatchObject({ format: 'pdf', measures: 18, goals: 2 });
    expect(document.plan.id).toBe('tromso-rodt-2025-2027');
    expect(document.sections.map((s) => s.title)).toEqual([
      'Innledning',
      'Organisasjon',
      'Politikk og kampanjer',
      'Valg 2027',
    ]);
    const ms = measures(document);
    expect(row(ms[0])).toEqual(['Ha styremøte hver måned', 'hver måned', 'Styret', []]);
    expect(row(ms[6])).toEqual([
      'Gjennomføre en kampanje mot eiendomsskatt på bolig våren 2026',
      'våren 2026',
      'Styret, Bystyregruppa',
      [],
    ]);
    expect(row(ms[9])).toEqual([
      'Støtte streiker og faglige kamper i kommunen ved behov',
      'ved behov',
      'Faglig utvalg',
      [],
    ]);
    // The margin numbers, not the position in the text, are what amendments cite.
    expect(ms[0]?.lines).toEqual({ from: 11, to: 11 });
    expect(ms[17]?.lines).toEqual({ from: 34, to: 34 });
    expect(JSON.stringify(document)).not.toMatch(/"\d+ (?:•|Tiltak)/);
  });
});

describe('an ODT with a table whose columns come in another order and wording', () => {
  it('reads "Ansvarlig | Aktivitet | Når" rows and the "Aktiviteter:" lists', async () => {
    const { document, report } = await importDocument(DOCUMENTS.odtWithTables);
    expect(report).toMatchObject({ format: 'odt', measures: 14, goals: 3 });
    expect(row(section(document, '2').measures?.[3])).toEqual([
      'Referat fra styremøter på nettsiden',
      'Innen en uke etter møtet',
      'Sekretær',
      [],
    ]);
    expect(row(section(document, '3').measures?.[0])).toEqual([
      'Arrangere klimafestival på Festplassen i juni 2026',
      'i juni 2026',
      'Klimagruppa',
      [],
    ]);
    expect(section(document, '3').goals?.[0]).toEqual({
      text: 'Bergen skal kutte utslippene med 70 prosent innen 2030.',
      lines: { from: 17, to: 17 },
    });
  });
});

describe('a nynorsk handlingsplan with "Ansvar:" lines', () => {
  it('gives each measure the Ansvar and Frist lines under it', async () => {
    const { document, report } = await importDocument(DOCUMENTS.nynorskWithAnsvarLines);
    expect(report).toMatchObject({ format: 'text', shape: 'general', measures: 15, goals: 3 });
    expect(document.plan).toMatchObject({
      id: 'voss-sp-2026-2027',
      adopted: { body: 'ÅM', date: '2026-02-14' },
    });
    const s1 = section(document, '1').measures ?? [];
    expect(row(s1[2])).toEqual([
      'Laga ein oversikt over kva medlemene ønskjer å arbeide med.',
      '1. mai 2026',
      'Sekretær',
      [],
    ]);
    expect(s1[2]?.lines).toEqual({ from: 20, to: 22 });
    expect(row(section(document, '2').measures?.[2])).toEqual([
      'Besøkje alle bondelaga i kommunen i løpet av 2026.',
      'i løpet av 2026',
      'Leiar, Nestleiar',
      [],
    ]);
    expect(row(section(document, '3').measures?.[0])).toEqual([
      'Setje ned nominasjonsnemnd innan 1. oktober 2026.',
      'innan 1. oktober 2026',
      'Styret',
      [],
    ]);
  });
});

describe('a Swedish verksamhetsplan in Markdown with "Aktiviteter" and "Ansvarig"', () => {
  it('reads the bold labels, the inline "Ansvarig:" and the table', async () => {
    const { document, report } = await importDocument(DOCUMENTS.swedishMarkdown);
    expect(report).toMatchObject({ format: 'md', measures: 13, goals: 2 });
    expect(document.plan).toMatchObject({
      id: 'malmo-v-2026',
      adopted: { body: 'ÅM', date: '2026-03-07' },
    });
    expect(row(section(document, '1').measures?.[0])).toEqual([
      'Ringa alla nya medlemmar inom två veckor.',
      'inom två veckor',
      'Medlemsansvarig',
      [],
    ]);
    expect(row(section(document, '2').measures?.[0])).toEqual([
      'Driva en kampanj mot höjda hyror i Rosengård under våren 2026.',
      'under våren 2026',
      'Bostadsgruppen',
      [],
    ]);
    expect(row(section(document, '3').measures?.[2])).toEqual([
      'Dela ut flygblad vid tågstationerna',
      'Hela hösten',
      'Alla medlemmar',
      [],
    ]);
  });
});

describe('a plan whose measures are numbered 1.1, 1.2 under numbered chapters', () => {
  it('reads the chapters as sections and the numbered lines as their measures, labelled in the order of their numbers', async () => {
    const { document, report } = await importDocument(DOCUMENTS.numberedMeasures);
    expect(report).toMatchObject({ measures: 13, goals: 0 });
    expect(
      document.sections.map((s) => [s.number, s.title, s.measures?.map((m) => m.label).join('')]),
    ).toEqual([
      ['1', 'Medlemmer', 'ABCD'],
      ['2', 'Politikk', 'ABCD'],
      ['3', 'Synlighet', 'ABC'],
      ['4', 'Økonomi', 'AB'],
    ]);
    expect(row(section(document, '2').measures?.[2])).toEqual([
      'Vi skal skrive en uttalelse om skolebruksplanen innen 15. april.',
      'innen 15. april',
      'Leder',
      [],
    ]);
  });
});

describe('a Word file with "Kapittel 1:" headings and its abbreviations on one line', () => {
  it('numbers the sections by their chapter words and takes the listed codes as bodies', async () => {
    const { document, report } = await importDocument(DOCUMENTS.wordWithChapterWords);
    expect(report).toMatchObject({ sections: 2, goals: 2, measures: 5, bodies: 3 });
    expect(document.plan).toMatchObject({ org: 'trondelag-rodt', orgName: 'Rødt Trøndelag' });
    // Its measures are numbered 1.1, 1.2 in the Nr. column: lettered here, and the report says so once.
    expect(report.issues).toEqual([{ line: 8, message: expect.stringContaining('så 1.1 er tiltak 1.A') }]);
    expect(document.bodies).toEqual([
      { code: 'FS', name: 'fylkesstyret' },
      { code: 'LL', name: 'lokallagene' },
      { code: 'UR', name: 'Ungdomsutvalget' },
    ]);
    expect(document.sections.map((s) => [s.number, s.title])).toEqual([
      ['1', 'Organisasjonsbygging'],
      ['2', 'Valgkamp'],
    ]);
    // The Ansvar column's codes are the listed bodies, not named parties.
    expect(
      measures(document).map((m) => [m.text.split(' ')[0], m.responsible, m.responsibleParties]),
    ).toEqual([
      ['Arrangere', ['LL'], undefined],
      ['Lage', ['FS'], undefined],
      ['Gjennomføre', ['FS', 'UR'], undefined],
      ['Nominere', ['LL'], undefined],
      ['Lage', ['FS'], undefined],
    ]);
  });
});

describe('a Word file with "Innsatsområde 1:" chapters and goal cells merged down their measures', () => {
  it('titles the sections without the chapter word and reads each goal once and every measure row', async () => {
    const { document, report } = await importDocument(DOCUMENTS.wordWithMergedGoalCells);
    expect(document.plan).toMatchObject({ id: 'lillehammer-v-2026-2028', orgName: 'Lillehammer Venstre' });
    expect(report).toMatchObject({ sections: 4, goals: 5, measures: 11, bodies: 1 });
    expect(document.sections.map((s) => [s.number, s.title])).toEqual([
      ['0', 'Innledning'],
      ['1', 'Medlemmer og organisasjon'],
      ['2', 'Politikk og kommunestyregruppa'],
      ['3', 'Valg 2027'],
    ]);
    // A goal's cell spans its measures' rows: the goal once, and no measure lost under it.
    expect(section(document, '1').goals?.map((g) => g.text)).toEqual([
      'Flere aktive medlemmer',
      'Et styre som fordeler oppgavene',
    ]);
    expect(row(section(document, '1').measures?.[4])).toEqual([
      'Evaluere arbeidsformen i styret hvert år',
      'Desember hvert år',
      'Styret',
      [],
    ]);
    // The row of a goal and its first measure is accounted for as both.
    expect(report.lines?.find((l) => l.line === 7)).toEqual({
      line: 7,
      kind: 'goal',
      ref: '1.g1',
      also: [{ kind: 'measure', ref: '1.A' }],
    });
    // The list's closing full stop is not part of the name.
    expect(document.bodies).toEqual([{ code: 'GD', name: 'Gudbrandsdølen Dagningen' }]);
  });
});

describe('a PDF whose measures are cards: "Tiltak 1.1: title" over Beskrivelse, Ansvarlig and Frist lines', () => {
  it('makes one measure of each card, its title and description joined, and says how the numbers are lettered', async () => {
    const { document, report } = await importDocument(DOCUMENTS.pdfWithMeasureCards);
    // A plan for one year is named by that year.
    expect(document.plan).toMatchObject({ id: 'asker-ap-2026', period: { from: 2026, to: 2026 } });
    expect(report).toMatchObject({ sections: 3, goals: 2, measures: 6 });
    expect(measures(document).map((m) => m.label)).toEqual(['A', 'B', 'C', 'A', 'B', 'A']);
    expect(row(section(document, '1').measures?.[0])).toEqual([
      'Verving på stand: Vi står på stand ved Asker stasjon første lørdag hver måned og verver nye medlemmer.',
      'Hele året',
      'Styret',
      [],
    ]);
    expect(row(section(document, '3').measures?.[0])).toEqual([
      'Møter med LO i Asker og Bærum: Vi møter LO-lagene to ganger i året for å drøfte lokale saker.',
      'Vår og høst 2026',
      'Leder, Faglig utvalg',
      [],
    ]);
    expect(report.issues).toEqual([{ line: 6, message: expect.stringContaining('så 1.1 er tiltak 1.A') }]);
  });
});

describe('a Markdown plan whose measures are headings: "### Tiltak 1.1: Medlemsmøter"', () => {
  it('reads each as a measure of the chapter above, not a chapter of its own', async () => {
    const { document, report } = await importDocument(DOCUMENTS.markdownWithMeasureHeadings);
    expect(document.plan.id).toBe('hamar-sv-2027');
    expect(document.sections.map((s) => [s.number, s.title])).toEqual([
      ['1', 'Medlemmer'],
      ['2', 'Valgkamp'],
    ]);
    expect(report).toMatchObject({ sections: 2, measures: 3 });
    expect(measures(document).map(row)).toEqual([
      ['Medlemsmøter: Et medlemsmøte hver måned med et politisk tema.', 'hver måned', 'Styret', []],
      ['Velkomst: Ringe alle nye medlemmer innen to uker.', 'Løpende', undefined, []],
      ['Stå på stand hver lørdag i august', 'hver lørdag', 'Valgkampleder', []],
    ]);
  });
});

describe('a list whose items carry their Ansvar and Frist as items under them', () => {
  it.each([DOCUMENTS.markdownWithAnsvarSubItems, DOCUMENTS.pdfWithAnsvarSubItems])(
    'reads each item of %s as a measure with its sub-items (in a PDF: the bullets further in), whatever verb it starts with',
    async (file) => {
      const { document, report } = await importDocument(file);
      expect(report).toMatchObject({ sections: 2, goals: 2, measures: 5 });
      expect(report.issues).toEqual([]);
      // "Fremme" is no verb the reader knows; its "Ansvar:" and "Frist:" items make it a measure.
      expect(section(document, '2').measures?.map(row)).toEqual([
        ['Fremme sak om sykkelvei langs Osloveien i kommunestyret', '31.03.2027', 'Kommunestyregruppa', []],
        ['Arrangere folkemøte om Ringeriksbanen', 'Høsten 2027', 'Styret, Kommunestyregruppa', []],
      ]);
    },
  );
});

describe('the import report accounts for every line of each document', () => {
  it.each(Object.values(DOCUMENTS))('%s', async (file) => {
    const { report, lines, document } = await importDocument(file);
    const accounts = report.lines ?? [];
    expect(accounts.map((a) => a.line)).toEqual(lines.map((_l, i) => i + 1));
    // Nothing left out unread: every line with text was taken into the plan or left out with a reason.
    const unread = accounts
      .filter((a) => a.kind === 'left-out')
      .map((a) => `${a.line}: ${lines[a.line - 1]}`);
    expect(unread).toEqual([]);
    const blank = accounts.filter((a) => a.kind === 'blank').map((a) => a.line);
    expect(blank.every((l) => lines[l - 1]?.trim() === '')).toBe(true);
    // A line taken as a measure has its words in that measure (after its label, if it has one:
    // "Tiltak 1.1: Verving", "Beskrivelse: Vi står ...").
    const all = JSON.stringify(document);
    for (const a of accounts.filter((x) => x.kind === 'measure')) {
      const word = (lines[a.line - 1] ?? '')
        .replace(/^[#\s]*\p{L}+(?: \d+(?:\.\d+)*)?\s*[:–-] /u, '')
        .split(/[\s|•(]+/)
        .find((w) => w.length >= 6 && /^\p{L}+$/u.test(w));
      if (word) expect(all).toContain(word);
    }
  });
});
