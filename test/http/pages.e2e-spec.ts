/**
 * The board's pages over HTTP: what they are made of (no inline script or style, so a strict
 * Content-Security-Policy holds; every value escaped), how they answer bad addresses, and the
 * follow-up actions with and without htmx. The browser tests cover what a person sees.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const PLAN = 'sider-2026-2027';
const HOSTILE = 'Stands <script>alert("x")</script> & «dørbank» i <b>alle</b> bydeler';

describe('board pages over HTTP', () => {
  let api: TestApi;
  let measureId: string;

  beforeAll(async () => {
    api = await startTestApi();
    const admin = request(api.http);
    await admin.post('/organisations').send({ id: 'oslo-sv', name: 'Oslo SV', level: 'county' }).expect(201);
    await admin
      .post('/plans')
      .send({
        id: PLAN,
        organisationId: 'oslo-sv',
        title: 'Arbeidsplan <i>2026</i>',
        period: { from: 2026, to: 2027 },
        bodies: [
          { code: 'FS', name: 'Fylkesstyret' },
          { code: 'LL', name: 'Lokallag' },
        ],
      })
      .expect(201);
    const section = await admin
      .post(`/plans/${PLAN}/sections`)
      .send({ number: '4.1', title: 'Direkte velgerkontakt' })
      .expect(201);
    const measure = await admin
      .post(`/plans/${PLAN}/measures`)
      .send({
        sectionId: section.body.sectionId,
        text: HOSTILE,
        timing: 'Vår 2026',
        responsible: ['FS', 'LL'],
      })
      .expect(201);
    measureId = measure.body.measureId;
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  const pages = () => [
    '/org/oslo-sv',
    '/org/oslo-sv/ansvar?body=FS&section=4.1&status=not_started&due=2026',
    `/plan/${PLAN}`,
    `/plan/${PLAN}/tiltak/${measureId}`,
    `/plan/${PLAN}/endringer`,
    `/plan/${PLAN}/revisjon`,
    `/plan/${PLAN}/mal`,
  ];

  it('serves every page as Norwegian HTML with no inline script, style or event handler', async () => {
    for (const path of pages()) {
      const res = await request(api.http).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['server-timing']).toMatch(/^app;dur=\d+(\.\d+)?$/);
      expect(res.text).toMatch(/^<!doctype html>\s*<html lang="nb">/);
      // Every <script> loads a file from this server; no style attributes, no on...= handlers.
      const scripts = [...res.text.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attributes of scripts) expect(attributes).toMatch(/src="\/assets\/[a-z.]+\.js"/);
      expect(res.text).not.toMatch(/<style\b|\sstyle="|\son[a-z]+="/i);
      expect(res.text).not.toMatch(/https?:\/\//);
    }
  });

  it("escapes a plan's own text wherever it is shown", async () => {
    for (const path of [`/plan/${PLAN}`, `/plan/${PLAN}/tiltak/${measureId}`, '/org/oslo-sv/ansvar']) {
      const res = await request(api.http).get(path).expect(200);
      expect(res.text).not.toContain('<script>alert');
      expect(res.text).not.toContain('<b>alle</b>');
      expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «dørbank»');
    }
    const plan = await request(api.http).get(`/plan/${PLAN}`).expect(200);
    expect(plan.text).toContain('<h1>Arbeidsplan &lt;i&gt;2026&lt;/i&gt;</h1>');
  });

  it('serves htmx, Chart.js and its own files from this server', async () => {
    for (const [path, type] of [
      ['/assets/htmx.min.js', 'text/javascript'],
      ['/assets/chart.umd.min.js', 'text/javascript'],
      ['/assets/pages.js', 'text/javascript'],
      ['/assets/pages.css', 'text/css'],
      ['/assets/favicon.svg', 'image/svg+xml'],
    ] as const) {
      const res = await request(api.http).get(path).expect(200);
      expect(res.headers['content-type']).toContain(type);
    }
    const htmx = await request(api.http).get('/assets/htmx.min.js').expect(200);
    expect(htmx.text).toContain('htmx');
    await request(api.http).get('/assets/..%2Fpackage.json').expect(404);
    await request(api.http).get('/assets/other.js').expect(404);
  });

  it('answers a missing plan, organisation or measure with a Norwegian 404 page', async () => {
    for (const path of [
      '/plan/finnes-ikke',
      '/org/finnes-ikke',
      `/plan/${PLAN}/tiltak/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
    ]) {
      const res = await request(api.http).get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<h1>Fant ikke siden</h1>');
    }
    const revision = await request(api.http).get(`/plan/${PLAN}?revision=9`).expect(404);
    expect(revision.text).toContain('Planen fantes ikke i den revisjonen eller på den datoen.');
  });

  it('refuses a bad revision, date, status or due window with a 400 page that says why', async () => {
    const cases: Array<[string, string]> = [
      [`/plan/${PLAN}?revision=abc`, 'Revisjonen må være et helt tall fra 1'],
      [`/plan/${PLAN}?asOf=2026-02-30`, '«2026-02-30» er ikke en gyldig dato'],
      [`/plan/${PLAN}?revision=1&asOf=2026-03-01`, 'Velg enten en revisjon eller en dato, ikke begge.'],
      ['/org/oslo-sv/ansvar?status=ferdig', 'Ukjent status «ferdig».'],
      ['/org/oslo-sv/ansvar?due=snart', 'Ukjent frist «snart»'],
    ];
    for (const [path, message] of cases) {
      const res = await request(api.http).get(path).expect(400);
      expect(res.text).toContain(message);
    }
  });

  it('filters by body, section, status and due window from the query string', async () => {
    const fs = await request(api.http).get(`/org/oslo-sv/ansvar?plan=${PLAN}&body=FS`).expect(200);
    expect(fs.text).toMatch(/<span data-result-count>\s*1\s*<\/span>/);
    const none = await request(api.http)
      .get(`/org/oslo-sv/ansvar?plan=${PLAN}&body=FS&status=done`)
      .expect(200);
    expect(none.text).toMatch(/<span data-result-count>\s*0\s*<\/span>/);
    expect(none.text).toContain('Ingen tiltak passer filteret.');
  });

  describe('follow-up actions', () => {
    const action = (path: string) =>
      request(api.http).post(`/plan/${PLAN}/tiltak/${measureId}/${path}`).type('form');

    it('changes the status and answers htmx with the updated card and the new counts', async () => {
      const res = await action('status')
        .set('HX-Request', 'true')
        .send({ status: 'in_progress', note: 'Startet i Sagene', view: 'plan' })
        .expect(200);
      expect(res.text).toContain(`<article class="measure" id="tiltak-${measureId}"`);
      expect(res.text).toContain('Status endret til Pågår.');
      expect(res.text).toMatch(/id="status-summary"[^>]*hx-swap-oob="true"/);
      expect(res.text).toMatch(/data-status-count="in_progress">\s*1\s*</);
      const plan = await request(api.http).get(`/plans/${PLAN}`).expect(200);
      expect(plan.body.sections[0].measures[0]).toMatchObject({
        status: 'in_progress',
        statusNote: 'Startet i Sagene',
      });
    });

    it('sends a plain form (no JavaScript) back to the page with a 303', async () => {
      const res = await action('status').send({ status: 'done' }).expect(303);
      expect(res.headers.location).toBe(`/plan/${PLAN}#tiltak-${measureId}`);
    });

    it('reassigns responsibility, and on the measure page answers with the history too', async () => {
      const res = await action('ansvar')
        .set('HX-Request', 'true')
        .send('lead=LL&med=FS&reason=Lokallagene+leder+arbeidet&view=measure')
        .expect(200);
      expect(res.text).toContain('Ansvar endret til LL, FS.');
      expect(res.text).toMatch(/<ol\s+class="history"\s+id="tiltak-historikk"\s+hx-swap-oob="true"\s*>/);
      expect(res.text).toContain('Begrunnelse: Lokallagene leder arbeidet');
    });

    it('refuses a bad status or an unknown body with a 422 fragment, and appends nothing', async () => {
      const before = await countEvents(api.database);
      const status = await action('status').set('HX-Request', 'true').send({ status: 'ferdig' }).expect(422);
      expect(status.text).toContain('Velg en gyldig status.');
      expect(status.text).toMatch(/<details\s+class="follow-up[^"]*"[^>]*\sopen\s*>/);
      const body = await action('ansvar')
        .set('HX-Request', 'true')
        .send({ lead: 'FS', andre: 'XYZ' })
        .expect(422);
      expect(body.text).toContain('Ukjent organ: XYZ.');
      // The form keeps what was picked and typed, so it can be corrected.
      expect(body.text).toMatch(/<option value="FS"\s+selected\s*>FS – Fylkesstyret<\/option>/);
      expect(body.text).toContain('name="andre" value="XYZ"');
      expect(await countEvents(api.database)).toBe(before);
    });

    it("offers the plan's bodies to pick, others to type, and a date the change took effect", async () => {
      const forms = await request(api.http).get(`/plan/${PLAN}/tiltak/${measureId}/oppfolging`).expect(200);
      expect(forms.text).toMatch(/<select id="lead-[^"]+" name="lead">/);
      for (const code of ['FS', 'LL'])
        expect(forms.text).toMatch(new RegExp(`<input\\s+type="checkbox"\\s+name="med"\\s+value="${code}"`));
      // Two forms, two command ids: sending one never makes the other a repeat.
      const ids = [...forms.text.matchAll(/name="commandId" value="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(2);
      expect(forms.text).toMatch(/<input id="andre-[^"]+" name="andre"/);
      expect(forms.text.match(/<input\s+type="date"[^>]*name="effectiveAt"/g)).toHaveLength(2);
    });

    it('records when a follow-up took effect, and refuses a date ahead', async () => {
      await action('ansvar')
        .set('HX-Request', 'true')
        .send('lead=LL&effectiveAt=2025-11-03&reason=Vedtatt+i+styret')
        .expect(200);
      const events = await request(api.http).get(`/plans/${PLAN}/events`).expect(200);
      const last = events.body[events.body.length - 1];
      expect(last.type).toBe('MeasureReassigned');
      expect(last.data.to).toEqual(['LL']);
      expect(last.metadata.effectiveAt).toBe('2025-11-03');
      const before = await countEvents(api.database);
      const ahead = await action('status')
        .set('HX-Request', 'true')
        .send({ status: 'done', effectiveAt: '2199-01-01' })
        .expect(422);
      expect(ahead.text).toContain('Datoen endringen gjaldt fra kan ikke være fram i tid.');
      expect(ahead.text).toContain('value="2199-01-01"');
      await action('status')
        .set('HX-Request', 'true')
        .send({ status: 'done', effectiveAt: '3. mars' })
        .expect(422);
      expect(await countEvents(api.database)).toBe(before);
    });

    it('appends once when the same form is sent twice', async () => {
      const form = { status: 'postponed', note: 'Venter på budsjett', commandId: randomUUID() };
      const first = await action('status').set('HX-Request', 'true').send(form).expect(200);
      expect(first.text).toContain('Status endret til Utsatt.');
      const before = await countEvents(api.database);
      const again = await action('status').set('HX-Request', 'true').send(form).expect(200);
      expect(again.text).toContain('Ingen endring');
      expect(await countEvents(api.database)).toBe(before);
    });
  });
});
