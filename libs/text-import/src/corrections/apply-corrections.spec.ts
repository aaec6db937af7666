import { describe, expect, it } from '@jest/globals';
import { DOCUMENTS, importDocument } from '../__fixtures__/documents/documents.js';
import { section } from '../__fixtures__/seeds.js';
import { applyCorrections } from './apply-corrections.js';

/**
 * A plan editor's corrections on the review page, applied to what the reader found in the
 * nynorsk handlingsplan (voss-sp-handlingsplan-2026-2027.txt): each names the line it starts on.
 */
describe('corrections applied to an import', () => {
  const line = (lines: readonly string[], text: string): number =>
    lines.findIndex((l) => l.includes(text)) + 1;

  it('turns a measure into a goal, sets Ansvar and timing, moves one to another section, merges and splits', async () => {
    const read = await importDocument(DOCUMENTS.nynorskWithAnsvarLines);
    const { lines } = read;
    const before = section(read.document, '1').measures ?? [];
    expect(before.map((m) => m.text)).toContain('Skipe sommarfest for medlemer og sympatisørar i juni 2026.');

    const corrected = applyCorrections(
      read,
      [
        { line: line(lines, 'Skipe sommarfest'), kind: 'goal' },
        { line: line(lines, 'Ringje alle nye'), responsible: 'styret, fadderane', timing: 'Heile perioden' },
        { line: line(lines, 'Følgje opp saker'), section: '1' },
        { line: line(lines, 'Halde årsmøte i februar'), merge: true },
        { line: line(lines, 'Skipe medlemsmøte'), splitAt: 'med eit aktuelt' },
      ],
      lines,
    );
    const s1 = section(corrected.document, '1');
    expect(s1.goals?.map((g) => g.text)).toEqual([
      'Minst 40 aktive medlemer innan utgangen av 2027.',
      'Alle nye medlemer skal få ein fadder i laget.',
      'Skipe sommarfest for medlemer og sympatisørar i juni 2026.',
    ]);
    expect(s1.measures?.map((m) => [m.label, m.text])).toEqual([
      ['A', 'Skipe medlemsmøte kvar månad'],
      ['B', 'med eit aktuelt politisk tema.'],
      ['C', 'Ringje alle nye medlemer innan to veker etter innmelding.'],
      [
        'D',
        'Laga ein oversikt over kva medlemene ønskjer å arbeide med. Halde årsmøte i februar med valfri skulering etter møtet.',
      ],
      ['E', 'Følgje opp saker frå kommunestyret på kvart medlemsmøte.'],
    ]);
    expect(s1.measures?.[2]).toMatchObject({
      timing: 'Heile perioden',
      responsibleParties: ['Styret', 'Fadderane'],
    });
    expect(section(corrected.document, '2').measures?.map((m) => m.text)).not.toContain(
      'Følgje opp saker frå kommunestyret på kvart medlemsmøte.',
    );
    expect(corrected.report).toMatchObject({
      corrections: 5,
      // One became a goal, one was split in two and two were joined.
      measures: read.report.measures - 1,
      goals: read.report.goals + 1,
    });
    // Every line still accounted for, the merged measure's lines under its new address.
    expect(corrected.report.lines?.map((a) => a.line)).toEqual(read.report.lines?.map((a) => a.line));
    expect(
      corrected.report.lines?.find((a) => a.line === line(lines, 'Halde årsmøte i februar')),
    ).toMatchObject({
      kind: 'measure',
      ref: '1.D',
    });
  });

  it('takes a line left out as a measure, leaves a measure out, and says which corrections name nothing', async () => {
    const read = await importDocument(DOCUMENTS.nynorskWithAnsvarLines);
    const { lines } = read;
    const prose = line(lines, 'Me vil ha eit lokallag');
    const corrected = applyCorrections(
      read,
      [
        { line: prose, kind: 'measure', responsible: 'styret' },
        { line: line(lines, 'Skipe sommarfest'), kind: 'left-out' },
        { line: 2, timing: 'Våren 2026' },
      ],
      lines,
    );
    const s1 = section(corrected.document, '1');
    expect(s1.measures?.[0]).toEqual({
      label: 'A',
      text: 'Me vil ha eit lokallag der fleire medlemer er med og tek ansvar.',
      responsibleParties: ['Styret'],
    });
    expect(s1.measures?.map((m) => m.text)).not.toContain(
      'Skipe sommarfest for medlemer og sympatisørar i juni 2026.',
    );
    expect(corrected.report.lines?.find((a) => a.line === line(lines, 'Skipe sommarfest'))).toMatchObject({
      kind: 'left-out',
      reason: 'utelatt av planredaktøren',
    });
    expect(corrected.report.lines?.find((a) => a.line === prose)).toMatchObject({
      kind: 'measure',
      ref: '1.A',
    });
    expect(corrected.report.issues).toContainEqual({
      line: 2,
      message: 'rettelsen ble ikke brukt: ingen mål eller tiltak begynner på denne linjen',
    });
    expect(corrected.report.corrections).toBe(2);
  });

  it('declares a responsible party a body: the plan gets the body, and each measure naming it has it as a body', async () => {
    const read = await importDocument(DOCUMENTS.nynorskWithAnsvarLines);
    const { lines } = read;
    const first = line(lines, 'Skipe medlemsmøte');
    const corrected = applyCorrections(
      read,
      [
        { line: first, declareBody: { party: 'Styret', code: 'ST' } },
        { line: first, declareBody: { party: 'Ingen', code: 'IN' } },
        { line: first, declareBody: { party: 'Styret', code: 'st' } },
        { line: line(lines, 'Ringje alle nye'), responsible: 'ST, fadderane' },
      ],
      lines,
    );
    expect(corrected.document.bodies).toContainEqual({ code: 'ST', name: 'Styret' });
    const s1 = section(corrected.document, '1').measures ?? [];
    expect(s1[0]).toMatchObject({ responsible: ['ST'] });
    expect(s1[0]?.responsibleParties).toBeUndefined();
    expect(s1[1]).toMatchObject({ responsible: ['ST'], responsibleParties: ['Fadderane'] });
    expect(corrected.report.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        'rettelsen ble ikke brukt: ingen tiltak har «Ingen» som ansvarlig',
        'rettelsen ble ikke brukt: «st» er ikke en organkode (en stor bokstav, deretter bokstaver, sifre eller bindestrek)',
      ]),
    );
  });
});
