import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { createSharedTestDatabase, type SharedTestDatabase } from '@app/testing';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api.js';
import { runCli } from '../support/processes.js';
import { adminHttp } from '../support/test-api.js';

const PLAN = 'trondheim-sv-2024-2027';
const PREDECESSOR = 'trondheim-sv-2020-2023';

/** `planverk diff`, `follow-up` and `report`, run from dist as a user runs them (npm run build first). */
describe('planverk diff, follow-up and report', () => {
  let shared: SharedTestDatabase;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'planverk-audit-queries-'));
    shared = await createSharedTestDatabase();
    const database = await shared.open();
    const app = await createApi({
      config: loadConfig({ PLANVERK_DEMO: '0' }),
      runProjections: true,
      database,
      logger: false,
    });
    const http = await adminHttp(app);
    const post = (path: string, body: object) => request(http).post(path).send(body);
    const bodies = [
      { code: 'FS', name: 'Fylkesstyret' },
      { code: 'LL', name: 'Lokallag' },
    ];
    const drafted = { effectiveAt: '2025-01-10' };

    await post('/plans', {
      id: PREDECESSOR,
      organisationId: 'trondheim-sv',
      title: 'Arbeidsplan 2020-2023',
      period: { from: 2020, to: 2023 },
      bodies,
      effectiveAt: '2020-01-10',
    }).expect(201);
    const old = (
      await post(`/plans/${PREDECESSOR}/sections`, {
        number: '3',
        title: 'Velgerkontakt',
        effectiveAt: '2020-01-10',
      })
    ).body.sectionId;
    for (const text of ['Lage en plan for systematisk dørbank', 'Fylkesstyret skal utgi en trykt avis'])
      await post(`/plans/${PREDECESSOR}/measures`, {
        sectionId: old,
        text,
        effectiveAt: '2020-01-10',
      }).expect(201);

    await post('/plans', {
      id: PLAN,
      organisationId: 'trondheim-sv',
      title: 'Arbeidsplan 2024-2027',
      period: { from: 2024, to: 2027 },
      predecessorPlanId: PREDECESSOR,
      bodies,
      ...drafted,
    }).expect(201);
    const section = (
      await post(`/plans/${PLAN}/sections`, { number: '4.1', title: 'Velgerkontakt', ...drafted })
    ).body.sectionId;
    const measure = async (text: string, timing: string, responsible: string[]) =>
      (
        await post(`/plans/${PLAN}/measures`, {
          sectionId: section,
          text,
          timing,
          responsible,
          ...drafted,
        }).expect(201)
      ).body.measureId as string;
    const a = await measure('Lage en plan for systematisk dørbank', 'Vår 2025', ['FS']);
    const b = await measure('Stand i alle bydeler', '2026', ['LL']);
    await measure('Åpne møter om byens budsjett', 'Høst 2026', []);
    await post(`/plans/${PLAN}/adopt`, { body: 'ÅM', date: '2025-03-08', effectiveAt: '2025-03-08' }).expect(
      200,
    );

    const board = { effectiveAt: '2026-01-20', cause: { kind: 'board_decision', reference: 'FS-sak 12/26' } };
    await post(`/plans/${PLAN}/measures/${a}/text`, {
      text: 'Lage en plan for jevnlig dørbank',
      ...board,
    }).expect(200);
    await post(`/plans/${PLAN}/measures/${b}/responsible`, {
      responsible: ['LL', 'FS'],
      reason: 'Fylkesstyret støtter',
      ...board,
    }).expect(200);
    await post(`/plans/${PLAN}/measures/${b}/status`, {
      status: 'in_progress',
      note: 'Stand i fire bydeler',
      effectiveAt: '2025-09-15',
    }).expect(200);
    await post(`/plans/${PLAN}/adopt`, {
      body: 'ÅM',
      date: '2026-03-14',
      edition: '2026',
      effectiveAt: '2026-03-14',
    }).expect(200);
    await app.close();
    await database.close();
  });

  afterAll(async () => {
    await shared.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the diff between two revisions in plain English, with the word diff', async () => {
    const result = await runCli(['diff', PLAN, '--from', '1', '--to', '2'], shared.env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Diff: ${PLAN} revision 1 -> ${PLAN} revision 2 (edition 2026)`);
    expect(result.stdout).toContain('reworded   4.1.A: Lage en plan for [-systematisk-]{+jevnlig+} dørbank');
    expect(result.stdout).toContain('reassigned 4.1.B: LL -> LL, FS');
    expect(result.stdout).toContain('Unchanged: 1 sections, 0 goals, 1 measures');
    expect(result.stdout).not.toMatch(/^\s+(added|removed|retimed|moved) /m);
  });

  it('prints the diff as JSON, and against the predecessor plan with the lineage of each measure', async () => {
    const json = await runCli(['diff', PLAN, '--from', '1', '--json'], shared.env);
    expect(json.code).toBe(0);
    const diff = JSON.parse(json.stdout);
    expect(diff.measures.reworded.map((m: any) => [m.toAddress, m.to])).toEqual([
      ['4.1.A', 'Lage en plan for jevnlig dørbank'],
    ]);
    expect(diff.measures.reassigned.map((m: any) => m.to)).toEqual([['LL', 'FS']]);

    const successor = await runCli(['diff', PLAN, '--from-plan', PREDECESSOR, '--json'], shared.env);
    expect(successor.code).toBe(0);
    const lineage = JSON.parse(successor.stdout).lineage.measures;
    expect(
      lineage.map((l: any) => [l.kind, l.from.map((m: any) => m.address), l.to.map((m: any) => m.address)]),
    ).toEqual([
      ['reworded', ['3.A'], ['4.1.A']],
      ['dropped', ['3.B'], []],
      ['new', [], ['4.1.B']],
      ['new', [], ['4.1.C']],
    ]);
  });

  it('refuses a diff without a base, and says which revision does not exist', async () => {
    const none = await runCli(['diff', PLAN], shared.env);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/Give from \(an adopted revision\), fromAsOf \(a date\) or fromPlan/);
    const missing = await runCli(['diff', PLAN, '--from', '9'], shared.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no adopted revision 9/);
  });

  it('prints the follow-up summary as of a date', async () => {
    const text = await runCli(['follow-up', PLAN, '--as-of', '2025-08-01'], shared.env);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'Measures: 3 (not started 3, in progress 0, done 0, postponed 0, dropped 0); overdue 1',
    );
    expect(text.stdout).toContain('4.1.A due 2025-06-30, not started: Lage en plan for systematisk dørbank');
    expect(text.stdout).toContain('Without a responsible body (1):\n  4.1.C: Åpne møter om byens budsjett');

    const json = await runCli(['follow-up', PLAN, '--as-of', '2027-01-15', '--json'], shared.env);
    const summary = JSON.parse(json.stdout);
    expect(summary.byStatus).toMatchObject({ not_started: 2, in_progress: 1 });
    expect(summary.overdueMeasures.map((m: any) => m.address)).toEqual(['4.1.A', '4.1.B', '4.1.C']);
    expect(summary.bodies.map((b: any) => [b.code, b.measures, b.lead])).toEqual([
      ['FS', 2, 1],
      ['LL', 1, 1],
    ]);
  });

  it('writes the follow-up report as Markdown and as an HTML file', async () => {
    const md = await runCli(['report', PLAN, '--from', '2025-03-09', '--to', '2026-03-14'], shared.env);
    expect(md.stderr).toBe('');
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Oppfølgingsrapport: Arbeidsplan 2024-2027/);
    expect(md.stdout).toContain('- **4.1.B** 15.09.2025 – Status: Pågår: Stand i fire bydeler');
    expect(md.stdout).toContain(
      '| 20.01.2026 | Tiltak 4.1.A | Omformulert: Lage en plan for ~~systematisk~~**jevnlig** dørbank | Styrevedtak FS-sak 12/26 |',
    );

    const file = join(dir, 'rapport.html');
    const html = await runCli(
      ['report', PLAN, '--from', '2025-03-09', '--to', '2026-03-14', '--format', 'html', '--out', file],
      shared.env,
    );
    expect(html.code).toBe(0);
    expect(html.stdout).toBe(`Wrote the report to ${file}\n`);
    const page = readFileSync(file, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<h2>Endringer i perioden</h2>');
    expect(page).toContain('Nytt ansvar: LL → LL, FS. Begrunnelse: Fylkesstyret støtter');
  });

  it('refuses a report without a period or with an unknown format', async () => {
    const noTo = await runCli(['report', PLAN, '--from', '2025-03-09'], shared.env);
    expect(noTo.code).toBe(1);
    expect(noTo.stderr).toMatch(/required option '--to <date>' not specified/);
    const pdf = await runCli(
      ['report', PLAN, '--from', '2025-03-09', '--to', '2026-03-14', '--format', 'pdf'],
      shared.env,
    );
    expect(pdf.code).toBe(1);
    expect(pdf.stderr).toMatch(/--format must be md or html/);
  });
});
