import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyLines, type AuditEventLine } from '@app/audit-export';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/test-api.js';

const PLAN = 'oslo-sv-2024-2027';

describe('GET /plans/:id/audit-export', () => {
  let api: TestApi;
  let download: request.Response;

  /** The body as text, whatever supertest makes of the ndjson content type. */
  const fetchExport = (id: string) =>
    request(api.http)
      .get(`/plans/${id}/audit-export`)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });

  beforeAll(async () => {
    api = await startTestApi();
    await request(api.http)
      .post('/plans')
      .send({
        id: PLAN,
        organisationId: 'oslo-sv',
        title: 'Oslo SVs arbeids- og organisasjonsplan 2024-2027',
        period: { from: 2024, to: 2027 },
        edition: '2026',
        bodies: [
          { code: 'FS', name: 'Fylkesstyret' },
          { code: 'LL', name: 'Lokallag' },
        ],
      })
      .expect(201);
    const section = await request(api.http)
      .post(`/plans/${PLAN}/sections`)
      .send({ number: '4.1', title: 'Direkte velgerkontakt' })
      .expect(201);
    const measure = await request(api.http)
      .post(`/plans/${PLAN}/measures`)
      .send({
        sectionId: section.body.sectionId,
        text: 'Hele Oslo SV skal jevnlig banke på dører i 2026-2027.',
        timing: '2026-2027',
        responsible: ['FS', 'LL'],
      })
      .expect(201);
    await request(api.http)
      .post(`/plans/${PLAN}/measures/${measure.body.measureId}/status`)
      .send({ status: 'in_progress', note: 'Dørbanking i gang' })
      .expect(200);
    download = await fetchExport(PLAN).expect(200);
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  it('downloads the export as an ndjson attachment named after the plan', () => {
    expect(download.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(download.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="${PLAN}-audit-\\d{4}-\\d{2}-\\d{2}\\.ndjson"$`),
    );
  });

  it('holds a header and every event of the plan, in order, and verifies', async () => {
    const text = download.body as string;
    const [header, ...lines] = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(header).toMatchObject({
      format: 'planverk-audit-export',
      version: 1,
      planId: PLAN,
      streams: [`plan-${PLAN}`],
      events: 4,
      hashAlgorithm: 'sha256',
    });
    const events = (await request(api.http).get(`/plans/${PLAN}/events`).expect(200)).body as Array<{
      id: string;
      type: string;
    }>;
    expect((lines as AuditEventLine[]).map((l) => [l.seq, l.revision, l.id, l.type])).toEqual(
      events.map((e, index) => [index + 1, String(index), e.id, e.type]),
    );
    expect(lines[3]).toMatchObject({
      type: 'MeasureStatusChanged',
      data: { from: 'not_started', to: 'in_progress', note: 'Dørbanking i gang' },
    });
    expect(verifyLines(text)).toMatchObject({ ok: true, events: 4, problems: [] });
  });

  it('fails verification once an event in the download is edited', () => {
    const text = download.body as string;
    const tampered = text.replace('"note":"Dørbanking i gang"', '"note":"Ferdig"');
    expect(tampered).not.toBe(text);
    expect(verifyLines(tampered)).toMatchObject({
      ok: false,
      problems: [{ line: 5, kind: 'edited' }],
    });
  });

  it('fails verification once an event is left out of the download', () => {
    const lines = (download.body as string).trimEnd().split('\n');
    lines.splice(2, 1);
    const result = verifyLines(lines.join('\n'));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.line, p.kind])).toEqual([
      [3, 'removed_or_reordered'],
      [5, 'removed_or_reordered'],
    ]);
  });

  it('is a 404 for an unknown plan', async () => {
    const response = await request(api.http).get('/plans/no-such-plan/audit-export').expect(404);
    expect(response.body.message).toBe('Plan "no-such-plan" not found');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await request(api.http).get('/docs/openapi.json').expect(200)).body;
    const operation = doc.paths['/plans/{id}/audit-export'].get;
    expect(operation.tags).toEqual(['audit']);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '404']));
  });
});
