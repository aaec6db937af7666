/**
 * Responsible parties that are not declared bodies ("Programkomitéene", "Alle",
 * "LS-delegasjonen", "Skeive sosialister (FS)", "Faglig gruppe"), as the Oslo SV 2026 plan
 * writes them in its Ansvar column: kept with the measure, shown on the board's pages and in
 * follow-up by body, and declared as a body by a plan editor when the board wants one.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/test-api.js';

const PLAN = 'oslo-sv-2024-2027';
const seed = readFileSync(new URL('../../../shared/seeds/001_23325c842a46d39f.txt', import.meta.url), 'utf8');

interface Measure {
  id: string;
  address: string;
  responsible: string[];
  parties: string[];
}

describe('responsible parties in free text', () => {
  let api: TestApi;
  let measures: Map<string, Measure>;

  const planMeasures = async (): Promise<Map<string, Measure>> => {
    const plan = (await request(api.http).get(`/plans/${PLAN}`).expect(200)).body;
    const all = new Map<string, Measure>();
    const walk = (sections: any[]): void => {
      for (const s of sections) {
        for (const m of s.measures) all.set(m.address, m);
        walk(s.sections);
      }
    };
    walk(plan.sections);
    return all;
  };

  beforeAll(async () => {
    api = await startTestApi();
    await request(api.http)
      .post('/organisations')
      .send({ id: 'oslo-sv', name: 'Oslo SV', level: 'county' })
      .expect(201);
    await request(api.http).post('/imports').set('Content-Type', 'text/plain').send(seed).expect(201);
    measures = await planMeasures();
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  it('keeps the parties the Ansvar column names beside the bodies', () => {
    expect(measures.get('4.1.G')).toMatchObject({ responsible: [], parties: ['Programkomitéene'] });
    expect(measures.get('4.2.F')).toMatchObject({ responsible: [], parties: ['Alle'] });
    expect(measures.get('5.2.D')).toMatchObject({ responsible: [], parties: ['LS-delegasjonen'] });
    expect(measures.get('5.7.C')).toMatchObject({
      responsible: ['FS'],
      parties: ['Skeive sosialister (FS)'],
    });
    expect(measures.get('5.6.A')).toMatchObject({ responsible: ['FS'], parties: ['Faglig gruppe'] });
  });

  it('follows the parties up as it follows up bodies, and counts no measure of theirs as unassigned', async () => {
    const summary = (await request(api.http).get(`/plans/${PLAN}/follow-up`).expect(200)).body;
    expect(summary.withoutResponsible.map((m: { address: string }) => m.address)).toEqual([]);
    const programme = summary.parties.find((p: { name: string }) => p.name === 'Programkomitéene');
    expect(programme).toMatchObject({ measures: 1, lead: 1 });
    expect(summary.parties.find((p: { name: string }) => p.name === 'Faglig gruppe')).toMatchObject({
      measures: 2,
      lead: 0,
    });
  });

  it('shows the parties on the overview and on the page of what each is responsible for', async () => {
    const overview = (await request(api.http).get('/org/oslo-sv').expect(200)).text;
    expect(overview).toMatch(/Tiltak uten ansvarlig \(0\)/);
    const ansvar = (await request(api.http).get('/org/oslo-sv/ansvar').expect(200)).text;
    expect(ansvar).toContain('Programkomitéene');
    expect(ansvar).toContain('Skeive sosialister (FS)');
    const filtered = (
      await request(api.http)
        .get(`/org/oslo-sv/ansvar?plan=${PLAN}&body=${encodeURIComponent('LS-delegasjonen')}`)
        .expect(200)
    ).text;
    expect(filtered).toMatch(/<span data-result-count>1<\/span> tiltak passer/);
    expect(filtered).toContain('5.2.D');
    const page = (
      await request(api.http)
        .get(`/plan/${PLAN}/tiltak/${measures.get('4.1.G')!.id}`)
        .expect(200)
    ).text;
    expect(page).toContain('Programkomitéene');
    expect(page).not.toContain('Ingen ansvarlig');
  });

  it('shows the parties in the follow-up report for the annual meeting', async () => {
    const report = (
      await request(api.http).get(`/plans/${PLAN}/report?from=2026-01-01&to=2026-12-31&format=md`).expect(200)
    ).text;
    expect(report).toMatch(/\| 4\.1\.G \|.*\| Programkomitéene \|/);
  });

  it('names the parties in the plan exported as Markdown, each measure a paragraph of its own', async () => {
    const md = (await request(api.http).get(`/plans/${PLAN}/document?format=md`).expect(200)).text;
    const g = measures.get('4.1.G')!;
    const line = md
      .split('\n')
      .find((l) => l.startsWith(`${g.address.split('.').pop()}. `) && l.includes('Programkomitéene'));
    expect(line).toMatch(/ — \*.*; Programkomitéene; Ikke startet\*$/);
    expect(md).not.toContain('uten ansvarlig');
    // Lines that follow one another are one paragraph in Markdown: a blank line after each measure.
    const measureLines = md
      .split('\n')
      .flatMap((l, i, all) => (/^[A-Z]{1,2}\. .* — \*.*\*$/.test(l) ? [all[i + 1]] : []));
    expect(measureLines.length).toBeGreaterThan(50);
    expect(measureLines.every((next) => next === '' || next === undefined)).toBe(true);
  });

  it('refuses a code that is no body, and reassigns to a named party instead', async () => {
    const g = measures.get('4.3.F')!;
    const refused = await request(api.http)
      .post(`/plans/${PLAN}/measures/${g.id}/responsible`)
      .send({ responsible: ['PK'] })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('responsibleParties');
    await request(api.http)
      .post(`/plans/${PLAN}/measures/${g.id}/responsible`)
      .send({ responsible: ['FS'], responsibleParties: ['Programkomitéene', 'fylkesstyret'] })
      .expect(200);
    expect((await planMeasures()).get('4.3.F')).toMatchObject({
      responsible: ['FS'],
      parties: ['Programkomitéene'],
    });
  });

  it('declares a party as a body: every measure that named it gets the body', async () => {
    await request(api.http)
      .post(`/plans/${PLAN}/bodies`)
      .send({ code: 'PK', name: 'Programkomiteen', forParty: 'Programkomitéene' })
      .expect(200);
    const after = await planMeasures();
    expect(after.get('4.1.G')).toMatchObject({ responsible: ['PK'], parties: [] });
    expect(after.get('4.3.F')).toMatchObject({ responsible: ['FS', 'PK'], parties: [] });
    const history = (
      await request(api.http)
        .get(`/measures/${after.get('4.1.G')!.id}/history`)
        .expect(200)
    ).body;
    expect(JSON.stringify(history)).toContain('«Programkomitéene» er erklært som organet PK');
  });
});
