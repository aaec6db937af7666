/**
 * A document that carries its annual revision in its own marks imports as two revisions: the
 * text before the revision adopted first, then the marked changes as the next revision, caused
 * by it. Buskerud SV's 2026 edition (seed 004) strikes "de neste fire årene" for "valgperioden"
 * and a goal "Stryke, gjennomført".
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/test-api.js';

const PLAN = 'buskerud-sv-2024-2027';
const seed = readFileSync(new URL('../../../shared/seeds/004_3e48e6934c8e8695.txt', import.meta.url), 'utf8');

describe('a document with its revision marked in it', () => {
  let api: TestApi;
  let imported: request.Response;

  beforeAll(async () => {
    api = await startTestApi();
    await request(api.http)
      .post('/organisations')
      .send({ id: 'buskerud-sv', name: 'Buskerud SV', level: 'county' })
      .expect(201);
    imported = await request(api.http)
      .post('/imports')
      .set('Content-Type', 'text/plain')
      .send(seed)
      .expect(201);
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  it('says in the dry run what the text before the revision held', async () => {
    const dry = await request(api.http)
      .post('/imports?dryRun=true')
      .set('Content-Type', 'text/plain')
      .send(seed)
      .expect(200);
    expect(dry.body.report.revision).toEqual({ goals: 18, measures: 26 });
    expect(dry.body.report.goals).toBe(17);
    expect(JSON.stringify(dry.body.earlierDocument)).toContain('de neste fire årene');
  });

  it('imports as two adopted revisions, the second the 2026 edition', async () => {
    expect(imported.body.appended).toBe(true);
    const plan = (await request(api.http).get(`/plans/${PLAN}`).expect(200)).body;
    expect(plan.adoptedRevision).toBe(2);
    expect(plan.edition).toBe('2026');
    const first = (await request(api.http).get(`/plans/${PLAN}?revision=1`).expect(200)).body;
    expect(first.sections[0].intro).toContain(
      'Fylkesårsmøtet vedtar planen for de neste fire årene 2024-2027',
    );
    expect(first.sections[5].goals.map((g: { text: string }) => g.text)).toContain(
      'Direkte mandat fra Buskerud på Stortinget ved valget i 2026',
    );
  });

  it('shows in the redline between them "de neste fire årene" replaced by "valgperioden" and the struck goal removed', async () => {
    const md = (await request(api.http).get(`/plans/${PLAN}/redline?from=1&to=2&format=md`).expect(200)).text;
    expect(md).toContain(
      'Innledning: - Fylkesårsmøtet vedtar planen for ~~de neste fire årene~~**valgperioden** 2024-2027 _[',
    );
    expect(md).toContain('- Mål: ~~Direkte mandat fra Buskerud på Stortinget ved valget i 2026~~');
    expect(md).toMatch(/Lagt til: 0 · Endret: 1 · Strøket: 1/);
    // Each change carries the revision as its cause.
    expect(md).toContain('Møtevedtak: Revidering 2026 (endringene merket i dokumentet)');
  });

  it('shows the same in the diff between the revisions, and in the history with its cause', async () => {
    const diff = (await request(api.http).get(`/plans/${PLAN}/diff?from=1&to=2`).expect(200)).body;
    expect(diff.sections.introRevised).toHaveLength(1);
    expect(diff.goals.removed.map((g: { text: string }) => g.text)).toEqual([
      'Direkte mandat fra Buskerud på Stortinget ved valget i 2026',
    ]);
    const history = (await request(api.http).get(`/plans/${PLAN}/history`).expect(200)).body;
    const struck = history.find((h: { eventType: string }) => h.eventType === 'GoalStruck');
    expect(struck).toMatchObject({
      cause: { kind: 'meeting', reference: 'Revidering 2026 (endringene merket i dokumentet)' },
    });
  });

  it('appends nothing when the same document is imported again', async () => {
    const again = await request(api.http)
      .post('/imports')
      .set('Content-Type', 'text/plain')
      .send(seed)
      .expect(201);
    expect(again.body.appended).toBe(false);
  });
});
