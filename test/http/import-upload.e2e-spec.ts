/**
 * POST /imports as an upload: a Word file written in the test with the docx library (heading
 * styles, a numbered list, a Tiltak/Frist/Ansvar table), read, corrected and imported; the
 * corrections kept, so the same file imported again gives the same plan; a file with no plan
 * refused with what was looked for and what to do next.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';
import { wordPlan } from '../support/word-plan.js';

const FILE = 'sagene-auf-handlingsplan-2027.docx';

describe('uploading a plan as a file (multipart/form-data)', () => {
  let api: TestApi;
  let word: Buffer;
  beforeAll(async () => {
    api = await startTestApi();
    word = await wordPlan();
  });
  afterAll(async () => {
    await api.close();
  });

  const upload = (fields: Record<string, string> = {}) => {
    const req = request(api.http).post('/imports').attach('file', word, FILE);
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req;
  };

  it('reads a Word file with heading styles, a numbered list and a Tiltak/Frist/Ansvar table (dry run)', async () => {
    const dry = (await upload({ dryRun: 'true', org: 'sagene-auf' }).expect(200)).body;
    expect(dry).toMatchObject({ planId: 'sagene-auf-2027', format: 'text', dryRun: true });
    expect(dry.report).toMatchObject({ format: 'docx', shape: 'general', measures: 6, goals: 1 });
    expect(dry.document.plan).toMatchObject({
      title: 'Handlingsplan for Sagene AUF 2027',
      adopted: { body: 'ÅM', date: '2027-01-20' },
    });
    const [first, second] = dry.document.sections;
    expect([first.title, second.title]).toEqual(['Medlemmer og skolering', 'Valgkamp']);
    expect(first.goals.map((g: any) => g.text)).toEqual([
      'Minst 80 betalende medlemmer innen utgangen av 2027.',
    ]);
    expect(first.measures.map((m: any) => [m.text, m.timing, m.responsibleParties])).toEqual([
      [
        'Ringe alle nye medlemmer innen en uke etter innmelding',
        'innen en uke',
        ['Organisatorisk nestleder'],
      ],
      ['Arrangere sommerleir for medlemmene i juli 2027', 'i juli 2027', ['Styret']],
      [
        'Holde tre skoleringskvelder om partiets historie høsten 2027',
        'høsten 2027',
        ['Skoleringsansvarlig'],
      ],
    ]);
    expect(second.measures.map((m: any) => [m.text, m.timing, m.responsibleParties])).toEqual([
      ['Stå på stand utenfor Sagene skole hver lørdag', 'Våren 2027', ['Styret']],
      ['Dele ut løpesedler i alle borettslag', 'Innen 1. september 2027', ['Valgkampleder']],
      ['Lage en egen ungdomsavis til skolevalget', 'August 2027', ['Informasjonsansvarlig']],
    ]);
    // The source beside what was found: every line of it, each accounted for in the report.
    expect(dry.sourceLines[0]).toBe('Handlingsplan for Sagene AUF 2027');
    expect(dry.report.lines.map((a: any) => a.line)).toEqual(
      dry.sourceLines.map((_: string, i: number) => i + 1),
    );
  });

  it('imports with corrections, keeps them, and gives the same plan when the same file comes again', async () => {
    const dry = (await upload({ dryRun: 'true', org: 'sagene-auf' }).expect(200)).body;
    const lineOf = (text: string) => dry.sourceLines.findIndex((l: string) => l.includes(text)) + 1;
    const corrections = [
      { line: lineOf('Arrangere sommerleir'), kind: 'goal' },
      {
        line: lineOf('Lage en egen ungdomsavis'),
        responsible: 'Informasjonsansvarlig, skolelaget',
        timing: 'Juni 2027',
      },
    ];
    const imported = (
      await upload({ org: 'sagene-auf', corrections: JSON.stringify(corrections) }).expect(201)
    ).body;
    expect(imported).toMatchObject({ planId: 'sagene-auf-2027', appended: true, corrections });
    const plan = (await request(api.http).get('/plans/sagene-auf-2027').expect(200)).body;
    expect(plan.sections[0].goals.map((g: any) => g.text)).toContain(
      'Arrangere sommerleir for medlemmene i juli 2027',
    );
    expect(plan.sections[0].measures.map((m: any) => m.address)).toEqual(['1.A', '1.B']);
    expect(plan.sections[1].measures[2]).toMatchObject({
      timing: 'Juni 2027',
      parties: ['Informasjonsansvarlig', 'Skolelaget'],
    });

    // The same file again, without corrections: those kept are applied, and nothing changes.
    const events = await countEvents(api.database);
    const again = (await upload({ org: 'sagene-auf' }).expect(201)).body;
    expect(again).toMatchObject({ appended: false, reusedCorrections: true, corrections });
    expect(await countEvents(api.database)).toBe(events);
  });

  it('refuses a file with no plan in it, saying what it looked for and what to do next', async () => {
    const letter = Buffer.from('Hei alle sammen!\n\nVelkommen til julebord fredag.\nHilsen styret\n');
    const refused = (
      await request(api.http)
        .post('/imports')
        .attach('file', letter, 'julebord.txt')
        .field('dryRun', 'true')
        .expect(400)
    ).body;
    expect(refused.error).toBe('UNREADABLE_DOCUMENT');
    expect(refused.refusal).toMatchObject({
      code: expect.any(String),
      lookedFor: expect.arrayContaining([expect.stringMatching(/headings/)]),
      nextNorwegian: expect.arrayContaining([
        expect.stringMatching(/gjennomgangssiden for import \(\/import\)/),
      ]),
    });
  });

  it('refuses an upload with no file, and one over the size limit', async () => {
    const none = await request(api.http).post('/imports').field('dryRun', 'true').expect(400);
    expect(none.body.message).toMatch(/`file` part/);
    const big = Buffer.alloc(21 * 1024 * 1024, 0x61);
    const tooLarge = await request(api.http)
      .post('/imports')
      .attach('file', big, 'stor.txt')
      .ok(() => true);
    expect(tooLarge.status).toBe(413);
  });
});
