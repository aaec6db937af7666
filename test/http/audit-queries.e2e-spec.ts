import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/test-api.js';

/**
 * The auditor's and the board's read side over HTTP: a plan is built, adopted, changed by
 * the board and the annual meeting, followed up and adopted again; then the diff between the
 * two revisions, the follow-up summary on given dates, and the report for the annual meeting.
 */
describe('diff, follow-up summary and follow-up report over HTTP', () => {
  let api: TestApi;
  const plan = 'oslo-sv-2024-2027';
  const ids: Record<string, string> = {};
  const post = (path: string, body: object) => request(api.http).post(path).send(body);
  const get = (path: string) => request(api.http).get(path);

  const board = (reference: string, effectiveAt: string) => ({
    effectiveAt,
    cause: { kind: 'board_decision', reference },
  });
  const am2026 = (amendmentNo: number) => ({
    effectiveAt: '2026-03-14',
    cause: { kind: 'meeting', meetingId: 'oslo-sv-am-2026', amendmentNo },
  });

  async function addMeasure(
    key: string,
    sectionId: string,
    text: string,
    timing: string,
    responsible: string[],
    extra: object,
  ) {
    const response = await post(`/plans/${plan}/measures`, {
      sectionId,
      text,
      timing,
      responsible,
      ...extra,
    }).expect(201);
    ids[key] = response.body.measureId;
  }

  beforeAll(async () => {
    api = await startTestApi();
    const drafted = { effectiveAt: '2025-01-10' };
    await post('/plans', {
      id: plan,
      organisationId: 'oslo-sv',
      title: 'Arbeids- og organisasjonsplan 2024-2027',
      period: { from: 2024, to: 2027 },
      edition: '2025',
      bodies: [
        { code: 'FS', name: 'Fylkesstyret' },
        { code: 'LL', name: 'Lokallag' },
        { code: 'BSG', name: 'Bystyregruppa' },
      ],
      ...drafted,
    }).expect(201);
    ids.s41 = (
      await post(`/plans/${plan}/sections`, {
        number: '4.1',
        title: 'Direkte velgerkontakt',
        ...drafted,
      }).expect(201)
    ).body.sectionId;
    ids.s42 = (
      await post(`/plans/${plan}/sections`, {
        number: '4.2',
        title: 'Medlemsmobilisering',
        ...drafted,
      }).expect(201)
    ).body.sectionId;
    await addMeasure(
      'a',
      ids.s42!,
      'Nye medlemmer skal ringes minst 4 ganger i året',
      'Kontinuerlig',
      ['FS', 'LL'],
      drafted,
    ); // 4.2.A
    await addMeasure('b', ids.s41!, 'Lage en plan for systematisk dørbank', 'Vår 2025', ['FS'], drafted); // 4.1.A
    await addMeasure('c', ids.s41!, 'Stand på torget & i bydelene', '2025', ['LL'], drafted); // 4.1.B
    await addMeasure('d', ids.s41!, 'Skolering av nye tillitsvalgte', 'Høst 2025', [], drafted); // 4.1.C
    await addMeasure('e', ids.s42!, 'Velkomstmøte for nye medlemmer', 'Årlig', ['LL'], drafted); // 4.2.B
    await addMeasure('f', ids.s41!, 'Egen avis til alle husstander', '2026', ['FS'], drafted); // 4.1.D
    await post(`/plans/${plan}/adopt`, { body: 'ÅM', date: '2025-03-08', effectiveAt: '2025-03-08' }).expect(
      200,
    );

    // Follow-up and board decisions between the meetings.
    await post(`/plans/${plan}/measures/${ids.a}/status`, {
      status: 'in_progress',
      note: 'Startet opp',
      effectiveAt: '2025-05-01',
    }).expect(200);
    await post(`/plans/${plan}/measures/${ids.c}/status`, {
      status: 'in_progress',
      note: 'Tre bydeler i gang',
      effectiveAt: '2025-10-01',
    }).expect(200);
    await post(`/plans/${plan}/measures/${ids.e}/status`, {
      status: 'done',
      note: 'Velkomstmøte holdt',
      effectiveAt: '2025-11-15',
    }).expect(200);
    await post(`/plans/${plan}/measures/${ids.a}/notes`, {
      note: 'Ringekveld hver måned',
      effectiveAt: '2025-12-01',
    }).expect(200);
    ids.goal = (
      await post(`/plans/${plan}/goals`, {
        sectionId: ids.s42,
        text: 'Oslo SV skal ha 4000 medlemmer',
        target: { metric: 'members', value: 4000, by: '2027-12-31' },
        ...board('FS-sak 2/26', '2026-01-05'),
      }).expect(201)
    ).body.goalId;
    await post(`/plans/${plan}/measurements`, {
      goalId: ids.goal,
      metric: 'members',
      value: 3394,
      at: '2025-12-31',
      effectiveAt: '2026-01-10',
    }).expect(200);
    await post(`/plans/${plan}/measures/${ids.c}/responsible`, {
      responsible: ['BSG', 'LL'],
      reason: 'Bystyregruppa tar ansvaret',
      ...board('FS-sak 12/26', '2026-01-20'),
    }).expect(200);
    await post(`/plans/${plan}/measures/${ids.f}/strike`, {
      reason: 'Utgår etter budsjettkutt',
      ...board('FS-sak 12/26', '2026-01-20'),
    }).expect(200);

    // The annual meeting's amendments, and the new edition.
    await post(`/plans/${plan}/measures/${ids.a}/text`, {
      text: 'Nye medlemmer skal ringes to ganger i året',
      ...am2026(4),
    }).expect(200);
    await post(`/plans/${plan}/measures/${ids.b}/timing`, { timing: 'Høst 2026', ...am2026(5) }).expect(200);
    await addMeasure('g', ids.s41!, 'Pilot på dørbank i to bydeler', '2027', ['BSG'], am2026(7)); // 4.1.E: the struck measure keeps 4.1.D
    await post(`/plans/${plan}/adopt`, {
      body: 'ÅM',
      date: '2026-03-14',
      edition: '2026',
      effectiveAt: '2026-03-14',
    }).expect(200);

    // After the second adoption.
    await post(`/plans/${plan}/measures/${ids.e}/timing`, {
      timing: 'Hvert halvår',
      ...board('FS-sak 20/26', '2026-04-10'),
    }).expect(200);
  });

  afterAll(async () => {
    await api.close();
  });

  describe('GET /plans/:id/diff', () => {
    it('lists exactly the changes between revision 1 and 2, with the word diff of the rewording', async () => {
      const diff = (await get(`/plans/${plan}/diff?from=1&to=2`).expect(200)).body;
      expect(diff).toMatchObject({
        kind: 'revisions',
        from: { planId: plan, adoptedRevision: 1, edition: '2025' },
        to: { planId: plan, adoptedRevision: 2, edition: '2026' },
        lineage: null,
        title: null,
      });
      expect(diff.measures.added.map((m: any) => [m.id, m.address, m.text])).toEqual([
        [ids.g, '4.1.E', 'Pilot på dørbank i to bydeler'],
      ]);
      expect(diff.measures.removed.map((m: any) => [m.id, m.address])).toEqual([[ids.f, '4.1.D']]);
      expect(diff.measures.reworded).toEqual([
        {
          fromId: ids.a,
          toId: ids.a,
          fromAddress: '4.2.A',
          toAddress: '4.2.A',
          from: 'Nye medlemmer skal ringes minst 4 ganger i året',
          to: 'Nye medlemmer skal ringes to ganger i året',
          parts: [
            { op: 'equal', text: 'Nye medlemmer skal ringes ' },
            { op: 'delete', text: 'minst 4' },
            { op: 'insert', text: 'to' },
            { op: 'equal', text: ' ganger i året' },
          ],
        },
      ]);
      expect(diff.measures.retimed.map((m: any) => [m.toId, m.from, m.to])).toEqual([
        [ids.b, 'Vår 2025', 'Høst 2026'],
      ]);
      expect(diff.measures.reassigned.map((m: any) => [m.toId, m.from, m.to])).toEqual([
        [ids.c, ['LL'], ['BSG', 'LL']],
      ]);
      expect(diff.measures.moved).toEqual([]);
      expect(diff.goals.added.map((g: any) => [g.id, g.address])).toEqual([[ids.goal, '4.2.g1']]);
      expect([diff.goals.removed, diff.goals.reworded, diff.goals.targetChanged]).toEqual([[], [], []]);
      expect(diff.sections).toEqual({
        added: [],
        removed: [],
        retitled: [],
        introRevised: [],
        renumbered: [],
      });
      // d and e: status reports are follow-up, not changes to the plan.
      expect(diff.unchanged).toEqual({ sections: 2, goals: 0, measures: 2 });
    });

    it('compares with the plan now when to is left out, and compares dates', async () => {
      const toNow = (await get(`/plans/${plan}/diff?from=1`).expect(200)).body;
      expect(toNow.to).toMatchObject({ adoptedRevision: 2 });
      expect(toNow.measures.retimed.map((m: any) => [m.toAddress, m.to])).toEqual([
        ['4.1.A', 'Høst 2026'],
        ['4.2.B', 'Hvert halvår'],
      ]);
      const byDate = (await get(`/plans/${plan}/diff?fromAsOf=2025-12-31&toAsOf=2026-01-31`).expect(200))
        .body;
      expect(byDate.measures.removed.map((m: any) => m.address)).toEqual(['4.1.D']);
      expect(byDate.measures.reassigned.map((m: any) => m.toAddress)).toEqual(['4.1.B']);
      expect(byDate.measures.reworded).toEqual([]);
      expect(byDate.goals.added.map((g: any) => g.text)).toEqual(['Oslo SV skal ha 4000 medlemmer']);
    });

    it('renders Markdown for the board with Norwegian labels', async () => {
      const response = await get(`/plans/${plan}/diff?from=1&to=2&format=md`).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/markdown/);
      expect(response.text).toContain('Lagt til: 4.1.E Pilot på dørbank i to bydeler');
      expect(response.text).toContain('Strøket: 4.1.D Egen avis til alle husstander');
      expect(response.text).toContain(
        'Omformulert: 4.2.A Nye medlemmer skal ringes ~~minst 4~~**to** ganger i året',
      );
      expect(response.text).toContain('Ny tid: 4.1.A «Vår 2025» → «Høst 2026»');
      expect(response.text).toContain('Nytt ansvar: 4.1.B LL → BSG, LL');
    });

    it('answers 400 for bad combinations and values, 404 for unknown plans and revisions', async () => {
      const problem = async (query: string, status: number) =>
        (await get(`/plans/${plan}/diff${query}`).expect(status)).body.message;
      expect(await problem('', 400)).toMatch(/Give from .*fromAsOf .*fromPlan/);
      expect(await problem('?from=1&fromAsOf=2025-01-01', 400)).toMatch(/either from or fromAsOf/);
      expect(await problem('?from=1&to=2&toAsOf=2026-01-01', 400)).toMatch(/either to or toAsOf/);
      expect(await problem('?from=1&fromPlan=oslo-sv-2020-2023', 400)).toMatch(/without from or fromAsOf/);
      expect(await problem(`?fromPlan=${plan}`, 400)).toMatch(/another plan/);
      expect(JSON.stringify(await problem('?from=zero', 400))).toMatch(/from must be a whole number/);
      expect(JSON.stringify(await problem('?from=1&format=pdf', 400))).toMatch(
        /format must be one of json, md/,
      );
      expect(JSON.stringify(await problem('?fromAsOf=2025-02-30', 400))).toMatch(
        /fromAsOf must be a real date/,
      );
      expect(await problem('?from=9', 404)).toMatch(/no adopted revision 9/);
      expect(await problem('?from=1&to=7', 404)).toMatch(/no adopted revision 7/);
      expect(await problem('?fromAsOf=2024-01-01', 404)).toMatch(/did not exist yet on 2024-01-01/);
      expect(await problem('?fromPlan=no-such-plan', 404)).toMatch(/Plan "no-such-plan" not found/);
      expect((await get('/plans/no-such-plan/diff?from=1').expect(404)).body.message).toMatch(/not found/);
    });
  });

  describe('GET /plans/:id/follow-up', () => {
    it('counts statuses per plan, section and body, with overdue measures as of a date', async () => {
      const summary = (await get(`/plans/${plan}/follow-up?asOf=2026-06-30`).expect(200)).body;
      expect(summary).toMatchObject({
        planId: plan,
        asOf: '2026-06-30',
        adoptedRevision: 2,
        measures: 6,
        overdue: 2,
      });
      expect(summary.byStatus).toEqual({ not_started: 3, in_progress: 2, done: 1, postponed: 0, dropped: 0 });
      expect(
        summary.sections.map((s: any) => [s.number, s.measures, s.byStatus.in_progress, s.overdue]),
      ).toEqual([
        ['4.1', 4, 1, 2],
        ['4.2', 2, 1, 0],
      ]);
      expect(summary.bodies.map((b: any) => [b.code, b.measures, b.lead, b.overdue])).toEqual([
        ['FS', 2, 2, 0],
        ['LL', 3, 1, 1],
        ['BSG', 2, 2, 1],
      ]);
      expect(summary.overdueMeasures.map((m: any) => [m.address, m.due, m.status])).toEqual([
        ['4.1.B', '2025-12-31', 'in_progress'],
        ['4.1.C', '2025-12-31', 'not_started'],
      ]);
      expect(summary.withoutResponsible.map((m: any) => [m.id, m.address])).toEqual([[ids.d, '4.1.C']]);
    });

    it('judges an earlier date on the plan as it stood then', async () => {
      const summary = (await get(`/plans/${plan}/follow-up?asOf=2025-08-01`).expect(200)).body;
      expect(summary).toMatchObject({ adoptedRevision: 1, measures: 6 });
      expect(summary.byStatus).toMatchObject({ not_started: 5, in_progress: 1, done: 0 });
      expect(summary.overdueMeasures.map((m: any) => [m.address, m.due])).toEqual([['4.1.A', '2025-06-30']]);
    });

    it('answers 400 for a bad date and 404 for an unknown plan or a date before it', async () => {
      await get(`/plans/${plan}/follow-up?asOf=2026-13-01`).expect(400);
      await get(`/plans/${plan}/follow-up?asOf=2020-01-01`).expect(404);
      await get('/plans/no-such-plan/follow-up').expect(404);
    });
  });

  describe('GET /plans/:id/report', () => {
    const period = 'from=2025-09-01&to=2026-03-14';

    it('serves the report as Markdown: status, work, indicators and the changes with their causes', async () => {
      const response = await get(`/plans/${plan}/report?${period}&format=md`).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/markdown; charset=utf-8/);
      const md = response.text;
      expect(md).toMatch(/^# Oppfølgingsrapport: Arbeids- og organisasjonsplan 2024-2027/);
      expect(md).toContain('Rapportperiode: 01.09.2025–14.03.2026');
      expect(md).toContain('## Status per 14.03.2026');
      expect(md).toContain(
        '| 4.1.B | Stand på torget & i bydelene | 2025 (frist 31.12.2025) | BSG, LL | Pågår – forsinket |',
      );
      expect(md).toContain('| 4.2.B | Velkomstmøte for nye medlemmer | Årlig | LL | Gjennomført |');
      expect(md).toContain(
        '| 4.1.C | Skolering av nye tillitsvalgte | Høst 2025 (frist 31.12.2025) | Ingen ansvarlig | Ikke startet – forsinket |',
      );
      expect(md).toContain('- **4.1.B** 01.10.2025 – Status: Pågår: Tre bydeler i gang');
      expect(md).toContain('- **4.2.A** 01.12.2025 – Fremdrift: Ringekveld hver måned');
      expect(md).not.toContain('Startet opp'); // reported before the period
      expect(md).not.toContain('Hvert halvår'); // changed after it
      expect(md).toContain('3 394 (31.12.2025) | Ikke nådd (85 % av målet)');
      expect(md).toContain(
        '| 20.01.2026 | Tiltak 4.1.B | Nytt ansvar: LL → BSG, LL. Begrunnelse: Bystyregruppa tar ansvaret | Styrevedtak FS-sak 12/26 |',
      );
      expect(md).toContain(
        '| 20.01.2026 | Tiltak 4.1.D | Strøket: «Egen avis til alle husstander». Begrunnelse: Utgår etter budsjettkutt | Styrevedtak FS-sak 12/26 |',
      );
      expect(md).toContain(
        'Omformulert: Nye medlemmer skal ringes ~~minst 4~~**to** ganger i året | Møte oslo-sv-am-2026, endringsforslag 4 |',
      );
      expect(md).toContain('Ny tid: «Vår 2025» → «Høst 2026» | Møte oslo-sv-am-2026, endringsforslag 5 |');
      expect(md).toContain(
        '| 14.03.2026 | Tiltak 4.1.E | Lagt til: «Pilot på dørbank i to bydeler» (2027; BSG) | Møte oslo-sv-am-2026, endringsforslag 7 |',
      );
      expect(md).toContain('Vedtatt: Revisjon 2 (utgave 2026), ÅM 14.03.2026');
    });

    it('serves it as an HTML page by default, escaped and self-contained', async () => {
      const response = await get(`/plans/${plan}/report?${period}`).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      const html = response.text;
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('<h1>Oppfølgingsrapport: Arbeids- og organisasjonsplan 2024-2027</h1>');
      expect(html).toContain('Stand på torget &amp; i bydelene');
      expect(html).toContain('<td>Styrevedtak FS-sak 12/26</td>');
      expect(html).toContain('<td>Møte oslo-sv-am-2026, endringsforslag 4</td>');
      expect(html).toContain('<del>minst 4</del><ins>to</ins>');
      expect(html).toContain('<h2>Mål og indikatorer</h2>');
      expect(html).not.toMatch(/<script|<link|src=|url\(/);
    });

    it('answers 400 for a missing, bad or reversed period and a bad format, 404 for an unknown plan', async () => {
      const problem = async (query: string, status = 400) =>
        JSON.stringify((await get(`/plans/${plan}/report?${query}`).expect(status)).body.message);
      expect(await problem('from=2025-09-01')).toMatch(/to must be a real date as YYYY-MM-DD/);
      expect(await problem('from=2025-09-01&to=2026-02-30')).toMatch(
        /to must be a real date as YYYY-MM-DD, from 1900-01-01 to 2200-12-31/,
      );
      expect(await problem('from=2026-03-14&to=2025-09-01')).toMatch(/from \(2026-03-14\) is after to/);
      expect(await problem(`${period}&format=pdf`)).toMatch(/format must be one of html, md/);
      expect(await problem('from=2020-01-01&to=2020-12-31', 404)).toMatch(/did not exist yet/);
      await get(`/plans/no-such-plan/report?${period}`).expect(404);
    });
  });

  it('describes the three routes and their query parameters in the OpenAPI document', async () => {
    const doc = (await get('/docs/openapi.json').expect(200)).body;
    const params = (path: string) =>
      doc.paths[path].get.parameters.filter((p: any) => p.in === 'query').map((p: any) => p.name);
    expect(params('/plans/{id}/diff')).toEqual(['from', 'to', 'fromAsOf', 'toAsOf', 'fromPlan', 'format']);
    expect(params('/plans/{id}/follow-up')).toEqual(['asOf']);
    expect(params('/plans/{id}/report')).toEqual(['from', 'to', 'format']);
    expect(Object.keys(doc.paths['/plans/{id}/report'].get.responses['200'].content)).toEqual([
      'text/html',
      'text/markdown',
    ]);
  });

  describe('a successor plan against its predecessor', () => {
    const measuresOf = async (planId: string, texts: string[]) => {
      const section = (
        await post(`/plans/${planId}/sections`, { number: '3', title: 'Organisasjon' }).expect(201)
      ).body.sectionId;
      for (const text of texts)
        await post(`/plans/${planId}/measures`, { sectionId: section, text, responsible: ['FS'] }).expect(
          201,
        );
    };

    beforeAll(async () => {
      const bodies = [{ code: 'FS', name: 'Fylkesstyret' }];
      const base = { organisationId: 'bergen-sv', title: 'Arbeidsplan', bodies };
      await post('/plans', { ...base, id: 'bergen-sv-2020-2023', period: { from: 2020, to: 2023 } }).expect(
        201,
      );
      await measuresOf('bergen-sv-2020-2023', [
        'Alle nye medlemmer skal få en velkomstsamtale innen en måned',
        'Fylkeslaget skal arrangere sommerfest for medlemmene hvert år',
        'Fylkesstyret skal utgi en trykt avis til alle husstander',
      ]);
      await post('/plans', {
        ...base,
        id: 'bergen-sv-2024-2027',
        period: { from: 2024, to: 2027 },
        predecessorPlanId: 'bergen-sv-2020-2023',
      }).expect(201);
      await measuresOf('bergen-sv-2024-2027', [
        'Alle nye medlemmer skal få en velkomstsamtale innen en måned',
        'Fylkeslaget skal arrangere sommerfest og julebord for medlemmene hvert år',
        'Bystyregruppa skal holde åpne møter om budsjettet hver høst',
      ]);
    });

    it('matches the measures by text: unchanged, reworded with its score and word diff, new and dropped', async () => {
      const diff = (await get('/plans/bergen-sv-2024-2027/diff?fromPlan=bergen-sv-2020-2023').expect(200))
        .body;
      expect(diff).toMatchObject({
        kind: 'successor',
        from: { planId: 'bergen-sv-2020-2023' },
        to: { planId: 'bergen-sv-2024-2027' },
      });
      expect(
        diff.lineage.measures.map((l: any) => [
          l.kind,
          l.from.map((m: any) => m.address),
          l.to.map((m: any) => m.address),
        ]),
      ).toEqual([
        ['unchanged', ['3.A'], ['3.A']],
        ['reworded', ['3.B'], ['3.B']],
        ['dropped', ['3.C'], []],
        ['new', [], ['3.C']],
      ]);
      const reworded = diff.lineage.measures[1];
      expect(reworded.score).toBeGreaterThan(0.35);
      expect(reworded.score).toBeLessThan(1);
      expect(reworded.parts.filter((p: any) => p.op === 'insert').map((p: any) => p.text.trim())).toEqual([
        'og julebord',
      ]);
      expect(diff.measures.added.map((m: any) => m.text)).toEqual([
        'Bystyregruppa skal holde åpne møter om budsjettet hver høst',
      ]);
      expect(diff.measures.removed.map((m: any) => m.text)).toEqual([
        'Fylkesstyret skal utgi en trykt avis til alle husstander',
      ]);
      expect(diff.unchanged.measures).toBe(1);
    });
  });
});
