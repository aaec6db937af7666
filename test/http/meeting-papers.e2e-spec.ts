import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const seed = readFileSync(new URL('../../../shared/seeds/001_23325c842a46d39f.txt', import.meta.url), 'utf8');
const PROTOCOL = readFileSync(new URL('../fixtures/oslo-sv-am-2026.protocol.yaml', import.meta.url), 'utf8');
const PLAN = 'oslo-sv-2024-2027';

interface PaperLine {
  no: number | null;
  kind: string;
  text: string;
  element: { kind: string; id: string; address: string } | null;
  section: { id: string; address: string } | null;
}
interface PaperElement {
  kind: string;
  id: string;
  address: string;
  from: number;
  to: number;
  unnumbered: boolean;
}
interface Papers {
  numbering: string;
  first: number;
  last: number;
  lines: PaperLine[];
  elements: PaperElement[];
}

/** The words of an element as the papers print them, over all its lines. */
const wordsOf = (papers: Papers, e: PaperElement): string =>
  papers.lines
    .filter((l) => l.element?.id === e.id && (l.kind === 'goal' || l.kind === 'measure'))
    .map((l) => l.text)
    .join(' ');

/**
 * The meeting papers are one line numbering: what the papers api shows is what an amendment
 * citing lines resolves to, for a plan imported with its own line numbers (the 2026 Oslo SV
 * papers) and for one numbered by the papers layout (the same plan once amended).
 */
describe('amendments citing the lines of the meeting papers', () => {
  let api: TestApi;
  const get = (path: string) => request(api.http).get(path);
  const post = (path: string, body: object) => request(api.http).post(path).send(body);
  const papersOf = async (meetingId: string): Promise<Papers> =>
    (await get(`/meetings/${meetingId}/papers`).expect(200)).body.papers;
  /** Files, for each element, an Endring citing its lines and quoting its first words; returns what each resolved to. */
  const citeEach = async (meetingId: string, papers: Papers, elements: PaperElement[], firstNo: number) => {
    const resolved: Array<[string, string]> = [];
    for (const [i, e] of elements.entries()) {
      const quote = wordsOf(papers, e).split(' ').slice(0, 5).join(' ');
      const lines = e.from === e.to ? `Linje ${e.from}` : `Linje ${e.from} tom ${e.to}`;
      await post(`/meetings/${meetingId}/amendments`, {
        no: firstNo + i,
        proposer: 'Sagene SV',
        target: { lines },
        op: 'Endring',
        from: quote,
        to: `${quote} (endret)`,
      }).expect(201);
    }
    const meeting = (await get(`/meetings/${meetingId}`).expect(200)).body;
    for (const t of meeting.targets)
      for (const a of t.amendments)
        if (a.no >= firstNo && a.no < firstNo + elements.length) resolved.push([String(a.no), t.target]);
    return Object.fromEntries(resolved);
  };

  beforeAll(async () => {
    api = await startTestApi();
    await request(api.http).post('/imports').set('Content-Type', 'text/plain').send(seed).expect(201);
  });
  afterAll(async () => {
    await api.close();
  });

  describe('the 2026 Oslo SV papers, imported with their own line numbers', () => {
    let papers: Papers;

    beforeAll(async () => {
      await post('/meetings', {
        id: 'oslo-sv-rs-2026-01',
        organisationId: 'oslo-sv',
        body: 'RS',
        date: '2026-01-27',
        planId: PLAN,
      }).expect(201);
      papers = await papersOf('oslo-sv-rs-2026-01');
    });

    it('keeps the numbers the document printed, and the meeting recorded the papers it received', async () => {
      const answer = (await get('/meetings/oslo-sv-rs-2026-01/papers').expect(200)).body;
      expect(answer).toMatchObject({
        matches: true,
        recorded: { numbering: 'document', first: 27, last: 207 },
      });
      expect(papers).toMatchObject({ numbering: 'document', first: 27, last: 207 });
      expect(papers.lines.find((l) => l.no === 27)).toMatchObject({ kind: 'heading', text: '1 Innledning' });
      expect(papers.elements.find((e) => e.address === '3.1.g6')).toMatchObject({ from: 93, to: 94 });
    });

    it('shows the same numbers in the papers api, the numbered Markdown and the papers page', async () => {
      const md = (await get(`/plans/${PLAN}/document?format=md&lineNumbers=true`).expect(200)).text;
      const numbered = (await get('/meetings/oslo-sv-rs-2026-01/papers?format=md').expect(200)).text;
      expect(numbered).toBe(md);
      for (const line of papers.lines.filter((l) => l.no !== null && l.kind === 'goal').slice(0, 10))
        expect(md).toMatch(
          new RegExp(`^ *${line.no} .*${line.text.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'),
        );
      const page = (await get(`/plans/${PLAN}/document?format=html&lineNumbers=true`).expect(200)).text;
      expect(page).toContain(
        '<li class="goal start" data-line="93" data-element="3.1.g6"><span class="no">93</span>',
      );
    });

    it('resolves lines read off the papers to the element printed on them, goals and table rows alike', async () => {
      const goals = papers.elements.filter((e) => e.kind === 'goal');
      const measures = papers.elements.filter((e) => e.kind === 'measure');
      const sample = [...goals.filter((_, i) => i % 3 === 0), ...measures.filter((_, i) => i % 9 === 0)];
      expect(sample.some((e) => e.unnumbered)).toBe(true);
      const resolved = await citeEach('oslo-sv-rs-2026-01', papers, sample, 1);
      expect(resolved).toEqual(Object.fromEntries(sample.map((e, i) => [String(1 + i), e.address])));
    });

    it('refuses a citation outside the papers, and one the lines do not settle, listing the candidates', async () => {
      const before = await countEvents(api.database);
      const outside = await post('/meetings/oslo-sv-rs-2026-01/amendments', {
        no: 900,
        target: { lines: 'Linje 12' },
        op: 'Stryking',
      }).expect(400);
      expect(outside.body).toMatchObject({
        error: 'LINES_OUTSIDE_PAPERS',
        message: 'Linje 12 er utenfor sakspapirene, som har linje 27–207',
      });
      const table = papers.elements.filter((e) => e.address.startsWith('4.1.'));
      const ambiguous = await post('/meetings/oslo-sv-rs-2026-01/amendments', {
        no: 901,
        target: { lines: `Linje ${table[0]!.from} tom ${table[0]!.to}` },
        op: 'change_timing',
        timing: 'Høst 2026',
      }).expect(400);
      expect(ambiguous.body.error).toBe('AMBIGUOUS_TARGET');
      for (const e of table) expect(ambiguous.body.message).toContain(`tiltak ${e.address} (linje`);
      expect(await countEvents(api.database)).toBe(before);
    });
  });

  describe('the same plan once amended, numbered by the papers layout', () => {
    let papers: Papers;

    beforeAll(async () => {
      await request(api.http)
        .post('/meetings/replay')
        .set('Content-Type', 'application/yaml')
        .send(PROTOCOL)
        .expect(201);
      await post('/meetings', {
        id: 'oslo-sv-rs-2026-09',
        organisationId: 'oslo-sv',
        body: 'RS',
        date: '2026-09-01',
        planId: PLAN,
      }).expect(201);
      papers = await papersOf('oslo-sv-rs-2026-09');
    });

    it('numbers every line from 1, each element on lines of its own', () => {
      expect(papers).toMatchObject({ numbering: 'rendered', first: 1 });
      expect(papers.lines.every((l, i) => l.no === i + 1)).toBe(true);
      expect(papers.elements.every((e) => !e.unnumbered)).toBe(true);
    });

    it('resolves lines read off the papers to the element printed on them', async () => {
      const sample = papers.elements.filter((e) => e.kind !== 'section').filter((_, i) => i % 6 === 0);
      const resolved = await citeEach('oslo-sv-rs-2026-09', papers, sample, 1);
      expect(resolved).toEqual(Object.fromEntries(sample.map((e, i) => [String(1 + i), e.address])));
    });

    it('puts "Ny linje N" into the section holding line N: the line of 4.1.I files a measure in 4.1', async () => {
      const added = papers.elements.find((e) => e.address === '4.1.I')!;
      const filed = await post('/meetings/oslo-sv-rs-2026-09/amendments', {
        no: 100,
        proposer: 'Gamle Oslo SV',
        target: { line: added.from, new: true },
        op: 'Tillegg',
        measure: { text: 'Lokallagene skal dele erfaringer fra dørbanking.' },
      }).expect(201);
      expect(filed.body.appended).toBe(true);
      const meeting = (await get('/meetings/oslo-sv-rs-2026-09').expect(200)).body;
      const target = meeting.targets.find((t: any) => t.amendments.some((a: any) => a.no === 100));
      expect(target).toMatchObject({ target: '4.1', kind: 'section' });
    });
  });
});
