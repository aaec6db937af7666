/**
 * The papers page cites what the resolver resolves: amendments filed citing lines read off the
 * page itself (its numbers in the margin, the element each block shows) resolve to that element,
 * for a plan imported from a line-numbered document (seed 001, in the demo) and for a plan
 * without numbers of its own. Also: the papers as PDF and Word keep the same numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readPdf } from '@app/document-readers';
import request, { type Response } from 'supertest';
import { startTestApi, type TestApi } from '../support/test-api.js';

interface PaperBlock {
  readonly kind: string;
  readonly address: string;
  readonly lines: number[];
}

/** The element blocks of the papers page and the line numbers printed in each. */
function readPapersPage(page: string): PaperBlock[] {
  return page
    .split(/<div\s+class="paper-block /)
    .slice(1)
    .flatMap((chunk) => {
      const kind = /data-kind="(\w+)"/.exec(chunk)?.[1];
      const address = /data-address="([^"]+)"/.exec(chunk)?.[1];
      if (!kind || !address) return [];
      return [{ kind, address, lines: [...chunk.matchAll(/id="linje-(\d+)"/g)].map((m) => Number(m[1])) }];
    })
    .filter((b) => b.lines.length > 0);
}

const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('the papers page, cited', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ demo: true });
  }, 240_000);

  afterAll(async () => {
    await api.close();
  });

  async function citeEachOnce(
    meetingId: string,
    blocks: readonly PaperBlock[],
    first: number,
  ): Promise<void> {
    let no = first;
    for (const block of blocks) {
      const from = Math.min(...block.lines);
      const to = Math.max(...block.lines);
      const cited = from === to ? String(from) : `${from}-${to}`;
      const body =
        block.kind === 'measure'
          ? { no, target: { lines: cited }, op: 'change_timing', timing: 'Høst 2027' }
          : { no, target: { lines: cited }, op: 'Stryking' };
      await request(api.http).post(`/meetings/${meetingId}/amendments`).send(body).expect(201);
      const meeting = (await request(api.http).get(`/meetings/${meetingId}`).expect(200)).body as {
        targets: Array<{ amendments: Array<{ no: number; target: { kind: string; address: string } }> }>;
      };
      const filed = meeting.targets.flatMap((t) => t.amendments).find((a) => a.no === no);
      expect({ cited, target: filed?.target.address, kind: filed?.target.kind }).toEqual({
        cited,
        target: block.address,
        kind: block.kind,
      });
      no++;
    }
  }

  it('resolves lines read off the papers of an imported line-numbered plan (seed 001) to the element shown on them', async () => {
    await request(api.http)
      .post('/meetings')
      .send({
        id: 'papir-rs-2027',
        organisationId: 'oslo-sv',
        planId: 'oslo-sv-2024-2027',
        body: 'RS',
        date: '2027-01-27',
      })
      .expect(201);
    const page = (await request(api.anonymous).get('/mote/papir-rs-2027/sakspapir').expect(200)).text;
    const blocks = readPapersPage(page);
    const measures = blocks.filter((b) => b.kind === 'measure');
    const goals = blocks.filter((b) => b.kind === 'goal');
    expect(measures.length).toBeGreaterThan(20);
    expect(goals.length).toBeGreaterThan(3);
    // The document's own numbers: 4.2.B stood on lines 141-142 of the papers the meeting of 2026 received.
    expect(page).toContain('id="linje-141"');
    const pick = [
      measures[0]!,
      measures[Math.floor(measures.length / 2)]!,
      measures[measures.length - 1]!,
      goals[1]!,
    ];
    await citeEachOnce('papir-rs-2027', pick, 1);
  });

  it('resolves lines read off the papers of a plan without numbers of its own', async () => {
    const admin = request(api.http);
    await admin
      .post('/organisations')
      .send({ id: 'uten-nummer', name: 'Uten nummer SV', level: 'county' })
      .expect(201);
    await admin
      .post('/plans')
      .send({
        id: 'uten-nummer-2026',
        organisationId: 'uten-nummer',
        title: 'Arbeidsplan 2026',
        period: { from: 2026, to: 2027 },
      })
      .expect(201);
    for (const [number, title] of [
      ['1', 'Organisasjon'],
      ['2', 'Valg'],
    ] as const) {
      const section = await admin
        .post('/plans/uten-nummer-2026/sections')
        .send({ number, title })
        .expect(201);
      await admin
        .post('/plans/uten-nummer-2026/goals')
        .send({
          sectionId: section.body.sectionId,
          text: `Vi skal bli flere i ${title.toLowerCase()}sarbeidet.`,
        })
        .expect(201);
      for (const text of [
        'Vi skal holde medlemsmøter hver måned, med et tema som velges av lokallagene i fellesskap og et åpent møte etterpå.',
        'Vi skal ringe alle nye medlemmer.',
      ])
        await admin
          .post('/plans/uten-nummer-2026/measures')
          .send({ sectionId: section.body.sectionId, text, timing: 'Vår 2026' })
          .expect(201);
    }
    await admin
      .post('/meetings')
      .send({
        id: 'uten-nummer-am-2026',
        organisationId: 'uten-nummer',
        planId: 'uten-nummer-2026',
        body: 'ÅM',
        date: '2026-03-01',
      })
      .expect(201);
    const page = (await request(api.anonymous).get('/mote/uten-nummer-am-2026/sakspapir').expect(200)).text;
    const blocks = readPapersPage(page).filter((b) => b.kind !== 'section');
    expect(blocks.map((b) => b.address)).toEqual(['1.g1', '1.A', '1.B', '2.g1', '2.A', '2.B']);
    await citeEachOnce('uten-nummer-am-2026', blocks, 1);
  });

  it('prints the papers as PDF and Word with the same line numbers as the page', async () => {
    const page = (await request(api.anonymous).get('/mote/uten-nummer-am-2026/sakspapir').expect(200)).text;
    const numbers = [...page.matchAll(/id="linje-(\d+)"/g)].map((m) => Number(m[1]));
    const pdf = await request(api.anonymous)
      .get('/mote/uten-nummer-am-2026/sakspapir.pdf')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const read = await readPdf(new Uint8Array(pdf.body as Buffer));
    const printed = read.lines.join('\n');
    expect(printed).toContain('Vi skal ringe alle nye medlemmer.');
    // The PDF reader finds the numbers in the margin as the document's own line numbers: the page's.
    const printedNumbers = new Set(
      read.blocks.flatMap((b) =>
        b.printed
          ? Array.from({ length: b.printed.to - b.printed.from + 1 }, (_, i) => b.printed!.from + i)
          : [],
      ),
    );
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers.filter((n) => !printedNumbers.has(n))).toEqual([]);
    const docx = await request(api.anonymous)
      .get('/mote/uten-nummer-am-2026/sakspapir.docx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(docx.headers['content-disposition']).toBe(
      'attachment; filename="uten-nummer-am-2026-sakspapir.docx"',
    );
  });
});
