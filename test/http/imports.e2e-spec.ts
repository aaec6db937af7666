import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const seed = (name: string): string => readFileSync(new URL(name, SEEDS), 'utf8');

const DOCUMENT = `plan:
  id: test-lag-2026-2027
  org: test-lag
  title: Arbeidsplan for Testlaget 2026-2027
  period: { from: 2026, to: 2027 }
  edition: "2026"
  adopted: { body: ÅM, date: 2026-03-14 }
bodies:
  - { code: FS, name: Fylkesstyret }
  - { code: LL, name: Lokallag }
measurements:
  - { metric: members, value: 310, at: 2025-12-31 }
sections:
  - number: "4"
    title: Hovedprioriteringer
    sections:
      - number: "4.1"
        title: Direkte velgerkontakt
        goals:
          - text: Testlaget skal ha 400 medlemmer i 2027
            target: { metric: members, value: 400, by: 2027-12-31 }
            goals:
              - text: Flere aktive medlemmer
        measures:
          - { label: A, text: "Banke på dører hver måned.", timing: "2026-2027", responsible: [FS, LL] }
          - { label: B, text: "Lage en plan for dørbank.", timing: Vår 2026, responsible: [FS] }
      - number: "4.10"
        title: Ti
        measures:
          - { text: "Et tiltak i seksjon 4.10." }
`;

describe('importing and exporting plans over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('imports a plan document (YAML) as an adopted plan, with its effective date the adoption date', async () => {
    const imported = await request(api.http).post('/imports').send({ content: DOCUMENT }).expect(201);
    expect(imported.body).toMatchObject({ planId: 'test-lag-2026-2027', format: 'document', appended: true });
    const plan = (await request(api.http).get('/plans/test-lag-2026-2027').expect(200)).body;
    expect(plan).toMatchObject({ status: 'adopted', adoptedRevision: 1, edition: '2026' });
    expect(plan.sections[0].sections.map((s: any) => s.number)).toEqual(['4.1', '4.10']);
    const s41 = plan.sections[0].sections[0];
    expect(s41.measures.map((m: any) => [m.address, m.timing, m.responsible])).toEqual([
      ['4.1.A', '2026-2027', ['FS', 'LL']],
      ['4.1.B', 'Vår 2026', ['FS']],
    ]);
    expect(s41.goals[0]).toMatchObject({
      target: { metric: 'members', value: 400, by: '2027-12-31' },
      goals: [{ text: 'Flere aktive medlemmer' }],
    });
    expect(plan.measurements).toEqual([
      expect.objectContaining({ metric: 'members', value: 310, at: '2025-12-31' }),
    ]);
    const history = (await request(api.http).get('/plans/test-lag-2026-2027/history').expect(200)).body;
    expect(new Set(history.map((h: any) => h.effectiveAt))).toEqual(new Set(['2026-03-14']));
    expect(history[0].cause).toMatchObject({ kind: 'import' });
  });

  it("registers a party's first plan's organisation, by the name the document writes, so it has its page", async () => {
    expect((await request(api.http).get('/organisations/trondelag-rodt')).status).toBe(404);
    const word = readFileSync(
      new URL(
        '../../libs/text-import/src/__fixtures__/documents/trondelag-rodt-handlingsplan-2025-2027.docx',
        import.meta.url,
      ),
    );
    const imported = await request(api.http)
      .post('/imports')
      .attach('file', word, 'trondelag-rodt-handlingsplan-2025-2027.docx')
      .expect(201);
    expect(imported.body).toMatchObject({ planId: 'trondelag-rodt-2025-2027', appended: true });
    const org = (await request(api.http).get('/organisations/trondelag-rodt').expect(200)).body;
    expect(org).toMatchObject({ id: 'trondelag-rodt', name: 'Rødt Trøndelag' });
    // No party "rodt" made up for it: it stands alone until someone registers the party.
    expect(org.parentId ?? null).toBeNull();
    const page = (await request(api.anonymous).get('/org/trondelag-rodt').expect(200)).text;
    expect(page).toContain('Rødt Trøndelag');
    expect(page).toContain('/plan/trondelag-rodt-2025-2027');
    // Its plan exported as a plan document names the organisation too, so another Planverk it is
    // imported into registers it by that name (here: the same document under a new organisation id).
    const exported = (
      await request(api.http).get('/plans/trondelag-rodt-2025-2027/document?format=yaml').expect(200)
    ).text;
    expect(parseYaml(exported).plan).toMatchObject({ org: 'trondelag-rodt', orgName: 'Rødt Trøndelag' });
    await request(api.http)
      .post('/imports')
      .send({
        content: exported.replace(/^( {2}org:) trondelag-rodt$/m, '$1 rodt-trondelag-kopi'),
        id: 'rodt-trondelag-kopi-2025-2027',
      })
      .expect(201);
    expect(
      (await request(api.http).get('/organisations/rodt-trondelag-kopi').expect(200)).body,
    ).toMatchObject({
      name: 'Rødt Trøndelag',
    });
    // The same file again registers nothing more.
    const events = await countEvents(api.database);
    const again = await request(api.http)
      .post('/imports')
      .attach('file', word, 'trondelag-rodt-handlingsplan-2025-2027.docx')
      .expect(201);
    expect(again.body).toMatchObject({ appended: false });
    expect(await countEvents(api.database)).toBe(events);
  });

  it('appends nothing when the same document is imported again, and refuses another document with the same id', async () => {
    const before = await countEvents(api.database);
    const again = await request(api.http).post('/imports').send({ content: DOCUMENT }).expect(201);
    expect(again.body.appended).toBe(false);
    const changed = DOCUMENT.replace('Banke på dører hver måned.', 'Banke på dører hver uke.');
    const refused = await request(api.http).post('/imports').send({ content: changed }).expect(409);
    expect(refused.body.message).toMatch(/already exists/);
    expect(await countEvents(api.database)).toBe(before);
  });

  it('exports a plan document that imports back into an equal plan', async () => {
    const yaml = (await request(api.http).get('/plans/test-lag-2026-2027/document?format=yaml').expect(200))
      .text;
    const doc = parseYaml(yaml);
    expect(doc.plan).toMatchObject({ id: 'test-lag-2026-2027', adopted: { body: 'ÅM', date: '2026-03-14' } });
    await request(api.http)
      .post('/imports')
      .send({ content: yaml, id: 'test-lag-kopi-2026-2027' })
      .expect(201);
    const strip = (plan: any) =>
      JSON.stringify(plan.sections, (key, value) =>
        ['id', 'sectionId', 'followUp'].includes(key) ? undefined : value,
      );
    const original = (await request(api.http).get('/plans/test-lag-2026-2027').expect(200)).body;
    const copy = (await request(api.http).get('/plans/test-lag-kopi-2026-2027').expect(200)).body;
    expect(strip(copy)).toBe(strip(original));
    const json = (await request(api.http).get('/plans/test-lag-2026-2027/document?format=json').expect(200))
      .body;
    expect(json).toEqual(doc);
  });

  it('exports the meeting papers with line numbers: the plan text only, every line numbered', async () => {
    const md = (
      await request(api.http).get('/plans/test-lag-2026-2027/document?format=md&lineNumbers=true').expect(200)
    ).text;
    const lines = md.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ 1 {2}# Arbeidsplan for Testlaget 2026-2027$/);
    expect(lines.every((line, i) => line.trimStart().startsWith(String(i + 1)))).toBe(true);
    expect(md).toMatch(/^\s*\d+ {2}A\. Banke på dører hver måned\.$/m);
    expect(md).toMatch(/^\s*\d+ {5}\*Gjennomføring: 2026-2027\*$/m);
    expect(md).toMatch(/^\s*\d+ {5}\*Ansvar: FS, LL\*$/m);
    // The papers are the plan's text: no follow-up status in them.
    expect(md).not.toMatch(/Ikke startet/);
    const page = await request(api.http)
      .get('/plans/test-lag-2026-2027/document?format=html&lineNumbers=true')
      .expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toMatch(/<html lang="nb">/);
    expect(page.text).toMatch(
      /<li class="title start" data-line="1"><span class="no">1<\/span><span>Arbeidsplan for Testlaget 2026-2027<\/span><\/li>/,
    );
    expect(page.text).not.toMatch(/Ikke startet/);
  });

  it('lists every problem of a bad document with its line and field, and writes nothing', async () => {
    const before = await countEvents(api.database);
    const bad = DOCUMENT.replace('id: test-lag-2026-2027', 'id: Test Lag')
      .replace('responsible: [FS]', 'responsible: [XX]')
      .replace('number: "4.10"', 'number: 4.10')
      .replace('date: 2026-03-14', 'date: 2026-02-30');
    const response = await request(api.http).post('/imports').send({ content: bad }).expect(400);
    expect(response.body.error).toBe('INVALID_PLAN_DOCUMENT');
    expect(response.body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 2, path: 'plan.id' }),
        expect.objectContaining({ line: 7, path: 'plan.adopted.date' }),
        expect.objectContaining({
          line: 26,
          path: 'sections[0].sections[0].measures[1].responsible[0]',
          message: expect.stringMatching(/unknown body XX/),
        }),
        expect.objectContaining({
          line: 27,

          path: 'sections[0].sections[1].number',
          message: expect.stringMatching(/must be quoted/),
        }),
      ]),
    );
    await request(api.http).post('/imports').send({ content: 'plan: [unclosed' }).expect(400);
    expect(await countEvents(api.database)).toBe(before);
  });

  it('imports the text of a real plan (Oslo SV 2026) sent as text/plain, reporting what it found', async () => {
    const response = await request(api.http)
      .post('/imports?sourceName=001.txt')
      .set('Content-Type', 'text/plain')
      .send(seed('001_23325c842a46d39f.txt'))
      .expect(201);
    expect(response.body).toMatchObject({ planId: 'oslo-sv-2024-2027', format: 'text', appended: true });
    expect(response.body.report).toMatchObject({ shape: expect.any(String), measures: 90, bodies: 14 });
    const plan = (await request(api.http).get('/plans/oslo-sv-2024-2027').expect(200)).body;
    const all = (sections: any[]): any[] => sections.flatMap((s) => [...s.measures, ...all(s.sections)]);
    const d = all(plan.sections).find((m: any) => m.address === '4.1.D');
    expect(d).toMatchObject({ timing: 'Vinter 2025-26', responsible: ['FS', 'BSG'] });
  });

  it('shows a dry run of a text import without writing anything', async () => {
    const before = await countEvents(api.database);
    const response = await request(api.http)
      .post('/imports')
      .send({ content: seed('000_dd41b133aa3befbc.txt'), dryRun: true })
      .expect(200);
    expect(response.body).toMatchObject({
      dryRun: true,
      planId: 'oslo-sv-2020-2023',
      document: { plan: { org: 'oslo-sv' } },
    });
    expect(await countEvents(api.database)).toBe(before);
  });

  it('refuses text it cannot read at all, and an empty body, writing nothing', async () => {
    const before = await countEvents(api.database);
    const unreadable = await request(api.http)
      .post('/imports')
      .send({ content: 'lorem ipsum\n'.repeat(5) })
      .expect(400);
    expect(unreadable.body.error).toBe('UNREADABLE_DOCUMENT');
    await request(api.http).post('/imports').send({}).expect(400);
    await request(api.http).post('/imports').send({ content: DOCUMENT, format: 'pdf' }).expect(400);
    expect(await countEvents(api.database)).toBe(before);
  });
});
