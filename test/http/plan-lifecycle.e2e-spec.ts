import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProjectionRunner } from '@app/read-models';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';

import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

/**
 * A plan's life over three years: drafted, adopted, amended in two annual editions,
 * reassigned and followed up; then the audit questions: what did it say at revision N,
 * what did it look like on a date, who changed what and why, and would a rebuild agree.
 */
describe('a plan from draft through two annual editions', () => {
  let api: TestApi;
  const plan = 'oslo-sv-2024-2027';
  const ids: Record<string, string> = {};
  const post = (path: string, body: object) => request(api.http).post(path).send(body);
  const get = (path: string) => request(api.http).get(path);
  const measureByLabel = (view: any, address: string) =>
    view.sections.flatMap((s: any) => s.measures).find((m: any) => m.address === address);

  beforeAll(async () => {
    api = await startTestApi();
    await post('/organisations', { id: 'sv', name: 'SV', level: 'national' }).expect(201);
    await post('/organisations', { id: 'oslo-sv', name: 'Oslo SV', level: 'county', parentId: 'sv' }).expect(
      201,
    );
    for (const [code, name] of [
      ['FS', 'Fylkesstyret'],
      ['LL', 'Lokallag'],
      ['BSG', 'Bystyregruppa'],
    ]) {
      await post('/organisations/oslo-sv/bodies', { code, name }).expect(200);
    }

    const drafted = { effectiveAt: '2024-01-15' };
    await post('/plans', {
      id: plan,
      organisationId: 'oslo-sv',
      title: 'Arbeids- og organisasjonsplan 2024-2027',
      period: { from: 2024, to: 2027 },
      ...drafted,
    }).expect(201);
    ids.s41 = (
      await post(`/plans/${plan}/sections`, { number: '4.1', title: 'Direkte velgerkontakt', ...drafted })
    ).body.sectionId;
    ids.s42 = (
      await post(`/plans/${plan}/sections`, { number: '4.2', title: 'Medlemsmobilisering', ...drafted })
    ).body.sectionId;
    ids.goal = (
      await post(`/plans/${plan}/goals`, {
        sectionId: ids.s42,
        text: 'Oslo SV skal ha 4000 medlemmer',
        target: { metric: 'members', value: 4000, by: '2027-12-31' },
        ...drafted,
      }).expect(201)
    ).body.goalId;
    ids.a = (
      await post(`/plans/${plan}/measures`, {
        sectionId: ids.s42,
        text: 'Nye medlemmer skal ringes minst 4 ganger i året',
        timing: 'Kontinuerlig',
        responsible: ['FS', 'LL'],
        ...drafted,
      }).expect(201)
    ).body.measureId;
    ids.b = (
      await post(`/plans/${plan}/measures`, {
        sectionId: ids.s41,
        text: 'Lage en plan for systematisk dørbank',
        timing: 'Vår 2024',
        responsible: ['FS', 'LL'],
        ...drafted,
      }).expect(201)
    ).body.measureId;
    await post(`/plans/${plan}/adopt`, { body: 'ÅM', date: '2024-03-09', effectiveAt: '2024-03-09' }).expect(
      200,
    );

    const am2025 = {
      effectiveAt: '2025-03-08',
      cause: { kind: 'meeting', meetingId: 'oslo-sv-am-2025', amendmentNo: 3 },
    };
    await post(`/plans/${plan}/measures/${ids.a}/text`, {
      text: 'Nye medlemmer skal ringes to ganger i året',
      ...am2025,
    }).expect(200);
    await post(`/plans/${plan}/measures/${ids.b}/timing`, { timing: 'Høst 2025', ...am2025 }).expect(200);
    ids.c = (
      await post(`/plans/${plan}/measures`, {
        sectionId: ids.s41,
        text: 'Pilot på dørbank i to bydeler',
        timing: 'Vinter 2025-26',
        responsible: ['BSG'],
        ...am2025,
      }).expect(201)
    ).body.measureId;
    await post(`/plans/${plan}/adopt`, {
      body: 'ÅM',
      date: '2025-03-08',
      edition: '2025',
      effectiveAt: '2025-03-08',
    }).expect(200);

    const board = { effectiveAt: '2025-06-01', cause: { kind: 'board_decision', reference: 'FS-sak 41/25' } };
    await post(`/plans/${plan}/measures/${ids.a}/status`, {
      status: 'in_progress',
      note: 'Ringekveld hver måned',
      ...board,
    }).expect(200);
    await post(`/plans/${plan}/measures/${ids.b}/responsible`, {
      responsible: ['BSG', 'FS'],
      reason: 'Bystyregruppa leder dørbanken',
      ...board,
    }).expect(200);
    await post(`/plans/${plan}/measurements`, {
      goalId: ids.goal,
      metric: 'members',
      value: 3394,
      at: '2025-12-31',
      effectiveAt: '2026-01-10',
    }).expect(200);

    const am2026 = {
      effectiveAt: '2026-03-14',
      cause: { kind: 'meeting', meetingId: 'oslo-sv-am-2026', amendmentNo: 7 },
    };
    await post(`/plans/${plan}/measures/${ids.c}/strike`, { reason: 'Gjennomført', ...am2026 }).expect(200);
    await post(`/plans/${plan}/adopt`, {
      body: 'ÅM',
      date: '2026-03-14',
      edition: '2026',
      effectiveAt: '2026-03-14',
    }).expect(200);
  });

  afterAll(async () => {
    await api.close();
  });

  it('shows revision 1 as adopted in 2024', async () => {
    const r1 = (await get(`/plans/${plan}?revision=1`).expect(200)).body;
    expect(r1.adoptedRevision).toBe(1);
    expect(measureByLabel(r1, '4.2.A').text).toBe('Nye medlemmer skal ringes minst 4 ganger i året');
    expect(measureByLabel(r1, '4.1.A')).toMatchObject({ timing: 'Vår 2024', responsible: ['FS', 'LL'] });
    expect(measureByLabel(r1, '4.1.B')).toBeUndefined();
  });

  it('shows revision 2 with the 2025 amendments, before the board reassigned', async () => {
    const r2 = (await get(`/plans/${plan}?revision=2`).expect(200)).body;
    expect(r2).toMatchObject({ adoptedRevision: 2, edition: '2025' });
    expect(measureByLabel(r2, '4.2.A').text).toBe('Nye medlemmer skal ringes to ganger i året');
    expect(measureByLabel(r2, '4.1.A')).toMatchObject({ timing: 'Høst 2025', responsible: ['FS', 'LL'] });
    expect(measureByLabel(r2, '4.1.B').text).toBe('Pilot på dørbank i to bydeler');
  });

  it('shows the plan as it stood on a date, with follow-up as of then', async () => {
    const summer2025 = (await get(`/plans/${plan}?asOf=2025-06-30`).expect(200)).body;
    expect(measureByLabel(summer2025, '4.1.A').responsible).toEqual(['BSG', 'FS']);
    expect(measureByLabel(summer2025, '4.2.A')).toMatchObject({
      status: 'in_progress',
      statusNote: 'Ringekveld hver måned',
    });
    const spring2024 = (await get(`/plans/${plan}?asOf=2024-06-01`).expect(200)).body;
    expect(measureByLabel(spring2024, '4.2.A')).toMatchObject({
      status: 'not_started',
      text: 'Nye medlemmer skal ringes minst 4 ganger i året',
    });
    // Vår 2024 ended 30 June: on 1 June it was not yet overdue, in 2025's plan it had been retimed.
    expect(measureByLabel(spring2024, '4.1.A').overdue).toBe(false);
  });

  it('shows the current plan with the struck measure gone and its indicators', async () => {
    const now = (await get(`/plans/${plan}`).expect(200)).body;
    expect(now).toMatchObject({
      status: 'adopted',
      adoptedRevision: 3,
      edition: '2026',
      changedSinceAdoption: false,
    });
    expect(now.adoptions.map((a: any) => [a.revision, a.date])).toEqual([
      [1, '2024-03-09'],
      [2, '2025-03-08'],
      [3, '2026-03-14'],
    ]);
    expect(measureByLabel(now, '4.1.B')).toBeUndefined();
    const goal = now.sections.find((s: any) => s.number === '4.2').goals[0];
    expect(goal).toMatchObject({ address: '4.2.g1', target: { metric: 'members', value: 4000 } });
    expect(goal.measurements).toEqual([
      expect.objectContaining({ metric: 'members', value: 3394, at: '2025-12-31' }),
    ]);
  });

  it('answers 404 for a revision never adopted and a date before the plan existed', async () => {
    expect((await get(`/plans/${plan}?revision=9`).expect(404)).body.message).toMatch(
      /no adopted revision 9/,
    );
    expect((await get(`/plans/${plan}?asOf=2023-01-01`).expect(404)).body.message).toMatch(
      /did not exist yet on 2023-01-01/,
    );
    await get(`/plans/${plan}?asOf=2025-02-30x`).expect(400);
    await get(`/plans/${plan}?revision=1&asOf=2025-01-01`).expect(400);
  });

  it("tells one measure's history: who, why, recorded and effective dates", async () => {
    const history = (await get(`/measures/${ids.b}/history`).expect(200)).body;
    expect(history.map((h: any) => h.eventType)).toEqual([
      'MeasureAdded',
      'MeasureRetimed',
      'MeasureReassigned',
    ]);
    expect(history[1]).toMatchObject({
      effectiveAt: '2025-03-08',
      actor: api.adminActor,
      cause: { kind: 'meeting', meetingId: 'oslo-sv-am-2025', amendmentNo: 3 },
      data: { from: 'Vår 2024', to: 'Høst 2025' },
    });
    expect(history[2]).toMatchObject({
      effectiveAt: '2025-06-01',
      cause: { kind: 'board_decision', reference: 'FS-sak 41/25' },
      data: { from: ['FS', 'LL'], to: ['BSG', 'FS'], reason: 'Bystyregruppa leder dørbanken' },
    });
    expect(history[2].recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("tells the plan's whole history in order", async () => {
    const history = (await get(`/plans/${plan}/history`).expect(200)).body;
    expect(history[0]).toMatchObject({ eventType: 'PlanCreated', effectiveAt: '2024-01-15' });
    expect(
      history.filter((h: any) => h.eventType === 'PlanAdopted').map((h: any) => h.data.revision),
    ).toEqual([1, 2, 3]);
    expect(history.map((h: any) => h.streamRevision)).toEqual(history.map((_: unknown, i: number) => i));
  });

  it('names an unknown body, refuses a stale revision and a bad date, appending nothing', async () => {
    const before = await countEvents(api.database);
    const unknown = await post(`/plans/${plan}/measures/${ids.a}/responsible`, {
      responsible: ['FS', 'XYZ'],
    }).expect(400);
    expect(unknown.body.message).toMatch(/XYZ/);
    await request(api.http)
      .post(`/plans/${plan}/measures/${ids.a}/text`)
      .set('If-Match', '"3"')
      .send({ text: 'Utdatert' })
      .expect(409);
    await post(`/plans/${plan}/measures/${ids.a}/text`, { text: 'Ny', effectiveAt: '2026-02-31' }).expect(
      400,
    );
    await post(`/plans/${plan}/measures/${ids.a}/text`, { text: 'Ny', cause: { kind: 'rumour' } }).expect(
      400,
    );
    await post(`/plans/${plan}/measures/${ids.c}/text`, { text: 'Strøket tiltak' }).expect(409);
    await post(`/plans/${plan}/links`, { predecessorPlanId: 'oslo-sv-2020-2023' }).expect(404);
    expect(await countEvents(api.database)).toBe(before);
  });

  it('marks the 2025 amendments in a redline of revision 2 against revision 1, each with its amendment', async () => {
    const md = (await get(`/plans/${plan}/redline?from=1&to=2&format=md`).expect(200)).text;
    expect(md).toMatch(/^# Arbeids- og organisasjonsplan 2024-2027: revisjon 1 mot revisjon 2/);
    expect(md).toMatch(
      /A\. Nye medlemmer skal ringes ~~minst 4~~\*\*to\*\* ganger i året.*\[Endringsforslag 3 \(oslo-sv-am-2025\)\]/,
    );
    expect(md).toMatch(/B\. \*\*Pilot på dørbank i to bydeler\*\*/);
    expect(md).toMatch(/~~Vår 2024~~\*\*Høst 2025\*\*/);
    const html = await get(`/plans/${plan}/redline?from=1&to=2`).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toMatch(/<del>minst 4<\/del><ins>to<\/ins>/);
  });

  it('exports the redline as a Word document with real tracked changes', async () => {
    const response = await get(`/plans/${plan}/redline?from=1&to=2&format=docx`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toMatch(/wordprocessingml/);
    const file = join(mkdtempSync(join(tmpdir(), 'redline-')), 'redline.docx');
    writeFileSync(file, response.body as Buffer);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8');
    expect(xml).toMatch(/<w:ins [^>]*w:author="Endringsforslag 3 \(oslo-sv-am-2025\)"/);
    expect(xml).toMatch(
      /<w:del [^>]*w:author="Endringsforslag 3 \(oslo-sv-am-2025\)"[^]*?<w:delText[^>]*>minst 4<\/w:delText>/,
    );
    const settings = execFileSync('unzip', ['-p', file, 'word/settings.xml']).toString('utf8');
    expect(settings).toMatch(/<w:trackRevisions/);
  });

  it('gives the same answers after the read models are rebuilt from position 0', async () => {
    const questions = [
      `/plans/${plan}?revision=1`,
      `/plans/${plan}?revision=2`,
      `/plans/${plan}?asOf=2025-06-30`,
      `/plans/${plan}?asOf=2026-12-31`,
      `/plans/${plan}/history`,
      `/measures/${ids.b}/history`,
      '/organisations/oslo-sv',
    ];
    const before = await Promise.all(
      questions.map(async (q) => JSON.stringify((await get(q).expect(200)).body)),
    );
    await api.app.get(ProjectionRunner).rebuild();
    const after = await Promise.all(
      questions.map(async (q) => JSON.stringify((await get(q).expect(200)).body)),
    );
    expect(after).toEqual(before);
  });

  it('shows the organisation with its parent, bodies and plans', async () => {
    const org = (await get('/organisations/oslo-sv').expect(200)).body;
    expect(org).toMatchObject({ id: 'oslo-sv', level: 'county', parentId: 'sv' });
    expect(org.bodies.map((b: any) => b.code)).toEqual(['FS', 'LL', 'BSG']);
    expect(org.plans.map((p: any) => p.id)).toEqual([plan]);
    const sv = (await get('/organisations/sv').expect(200)).body;
    expect(sv.children).toEqual(['oslo-sv']);
    await post('/organisations', {
      id: 'bergen-sv',
      name: 'Bergen SV',
      level: 'county',
      parentId: 'nope',
    }).expect(404);
  });
});
