import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ALL_PROJECTIONS } from '@app/read-models';
import request from 'supertest';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

describe('plans over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const newPlan = (id: string) => ({
    id,
    organisationId: 'oslo-sv',
    title: 'Oslo SVs arbeids- og organisasjonsplan 2024-2027',
    period: { from: 2024, to: 2027 },
    edition: '2026',
    bodies: [
      { code: 'FS', name: 'Fylkesstyret' },
      { code: 'LL', name: 'Lokallag' },
      { code: 'BSG', name: 'Bystyregruppa' },
    ],
  });

  async function planWithSection(id: string): Promise<string> {
    await request(api.http).post('/plans').send(newPlan(id)).expect(201);
    const section = await request(api.http)
      .post(`/plans/${id}/sections`)
      .send({ number: '4.1', title: 'Direkte velgerkontakt' })
      .expect(201);
    return section.body.sectionId as string;
  }

  it('creates a plan, adds a section and a measure, changes its status, and serves it from the read model', async () => {
    const created = await request(api.http).post('/plans').send(newPlan('oslo-sv-2024-2027')).expect(201);
    expect(created.body).toMatchObject({ planId: 'oslo-sv-2024-2027', revision: 0, appended: true });
    expect(created.headers.location).toBe('/plans/oslo-sv-2024-2027');
    expect(created.headers.etag).toBe('"0"');

    const section = await request(api.http)
      .post('/plans/oslo-sv-2024-2027/sections')
      .send({ number: '4.1', title: 'Direkte velgerkontakt' })
      .expect(201);
    const measure = await request(api.http)
      .post('/plans/oslo-sv-2024-2027/measures')
      .send({
        sectionId: section.body.sectionId,
        text: 'Hele Oslo SV (alle lokallag) skal jevnlig banke på dører i 2026-2027.',
        timing: '2026-2027',
        responsible: ['FS', 'LL', 'BSG'],
      })
      .expect(201);
    await request(api.http)
      .post(`/plans/oslo-sv-2024-2027/measures/${measure.body.measureId}/status`)
      .send({ status: 'in_progress', note: 'Dørbanking i gang' })
      .expect(200);

    const plan = await request(api.http).get('/plans/oslo-sv-2024-2027').expect(200);
    expect(plan.headers.etag).toBe('"3"');
    expect(plan.body).toMatchObject({
      id: 'oslo-sv-2024-2027',
      organisationId: 'oslo-sv',
      period: { from: 2024, to: 2027 },
      edition: '2026',
      revision: 3,
      sections: [
        {
          number: '4.1',
          title: 'Direkte velgerkontakt',
          measures: [
            {
              id: measure.body.measureId,
              label: 'A',
              address: '4.1.A',
              timing: '2026-2027',
              responsible: ['FS', 'LL', 'BSG'],
              status: 'in_progress',
              statusNote: 'Dørbanking i gang',
            },
          ],
        },
      ],
    });

    const events = await request(api.http).get('/plans/oslo-sv-2024-2027/events').expect(200);
    expect(events.body.map((e: { type: string }) => e.type)).toEqual([
      'PlanCreated',
      'SectionAdded',
      'MeasureAdded',
      'MeasureStatusChanged',
    ]);
    expect(events.body[3].metadata).toMatchObject({ actor: api.adminActor, effectiveAt: expect.any(String) });
  });

  it('lists plans', async () => {
    await request(api.http).post('/plans').send(newPlan('listed-2024-2027')).expect(201);
    const list = await request(api.http).get('/plans').expect(200);
    expect(list.body.map((p: { id: string }) => p.id)).toContain('listed-2024-2027');
  });

  describe('idempotency', () => {
    it('appends nothing when the same command id is sent again, in the body or as Idempotency-Key', async () => {
      const sectionId = await planWithSection('idem-2024-2027');
      const commandId = randomUUID();
      const body = { commandId, sectionId, text: 'Stands hver lørdag', responsible: ['LL'] };
      const first = await request(api.http).post('/plans/idem-2024-2027/measures').send(body).expect(201);
      const before = await countEvents(api.database);
      const again = await request(api.http).post('/plans/idem-2024-2027/measures').send(body).expect(201);
      const viaHeader = await request(api.http)
        .post('/plans/idem-2024-2027/measures')
        .set('Idempotency-Key', commandId)
        .send({ sectionId, text: 'Stands hver lørdag', responsible: ['LL'] })
        .expect(201);
      expect(await countEvents(api.database)).toBe(before);
      expect(again.body).toMatchObject({
        measureId: first.body.measureId,
        appended: false,
        revision: first.body.revision,
      });
      expect(viaHeader.body.measureId).toBe(first.body.measureId);
      const plan = await request(api.http).get('/plans/idem-2024-2027').expect(200);
      expect(plan.body.sections[0].measures).toHaveLength(1);
    });

    it('answers a repeated plan creation with the same command id as a retry, not a conflict', async () => {
      const commandId = randomUUID();
      await request(api.http)
        .post('/plans')
        .send({ ...newPlan('retry-2024-2027'), commandId })
        .expect(201);
      const again = await request(api.http)
        .post('/plans')
        .send({ ...newPlan('retry-2024-2027'), commandId })
        .expect(201);
      expect(again.body.appended).toBe(false);
    });
  });

  describe('optimistic concurrency', () => {
    it('accepts If-Match at the current revision and refuses a stale one with 409, appending nothing', async () => {
      const sectionId = await planWithSection('concurrency-2024-2027');
      const current = await request(api.http).get('/plans/concurrency-2024-2027').expect(200);
      expect(current.headers.etag).toBe('"1"');
      await request(api.http)
        .post('/plans/concurrency-2024-2027/measures')
        .set('If-Match', current.headers.etag!)
        .send({ sectionId, text: 'Første tiltak' })
        .expect(201);
      const before = await countEvents(api.database);
      const stale = await request(api.http)
        .post('/plans/concurrency-2024-2027/measures')
        .set('If-Match', current.headers.etag!)
        .send({ sectionId, text: 'Andre tiltak, basert på gammel versjon' })
        .expect(409);
      expect(stale.body).toMatchObject({
        error: 'EXPECTED_REVISION_CONFLICT',
        expectedRevision: 1,
        actualRevision: 2,
      });
      expect(await countEvents(api.database)).toBe(before);
    });

    it('refuses a stale If-Match with 409 also when the command would change nothing (issue 13, point 8)', async () => {
      const sectionId = await planWithSection('unchanged-2024-2027');
      const measureId = (
        await request(api.http)
          .post('/plans/unchanged-2024-2027/measures')
          .send({ sectionId, text: 'Tiltak' })
          .expect(201)
      ).body.measureId;
      const seen = (await request(api.http).get('/plans/unchanged-2024-2027').expect(200)).headers.etag!;
      const status = (ifMatch: string) =>
        request(api.http)
          .post(`/plans/unchanged-2024-2027/measures/${measureId}/status`)
          .set('If-Match', ifMatch)
          .send({ status: 'in_progress' });
      expect((await status(seen)).status).toBe(200);
      const current = (await request(api.http).get('/plans/unchanged-2024-2027').expect(200)).headers.etag!;
      // The same status again: nothing to change; at the current revision that is a 200 ...
      expect((await status(current)).body).toMatchObject({ appended: false });
      // ... but at the one seen before the change, a conflict (it was 200).
      const stale = await status(seen);
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ error: 'EXPECTED_REVISION_CONFLICT' });
    });

    it('rejects an If-Match that is not a revision with 400', async () => {
      await request(api.http).post('/plans').send(newPlan('ifmatch-2024-2027')).expect(201);
      await request(api.http)
        .post('/plans/ifmatch-2024-2027/sections')
        .set('If-Match', 'yesterday')
        .send({ number: '1', title: 'Innledning' })
        .expect(400);
    });
  });

  describe('bad input: a clear 4xx, never a 500, nothing appended', () => {
    let sectionId: string;
    beforeAll(async () => {
      sectionId = await planWithSection('bad-input-2024-2027');
    });

    const cases: Array<[string, string, string, unknown, number, RegExp]> = [
      [
        'a plan without title',
        'post',
        '/plans',
        { id: 'x-1', organisationId: 'o', period: { from: 2024, to: 2027 } },
        400,
        /title/,
      ],
      [
        'a plan id that is not a slug',
        'post',
        '/plans',
        { id: 'Oslo SV!', organisationId: 'o', title: 'T', period: { from: 2024, to: 2027 } },
        400,
        /id must be a lower-case slug/,
      ],
      [
        'a period that runs backwards',
        'post',
        '/plans',
        { id: 'back-1', organisationId: 'o', title: 'T', period: { from: 2027, to: 2024 } },
        400,
        /period/,
      ],
      [
        'a period with a text year',
        'post',
        '/plans',
        { id: 'back-2', organisationId: 'o', title: 'T', period: { from: 'i fjor', to: 2024 } },
        400,
        /period.from/,
      ],
      [
        'an unexpected field',
        'post',
        '/plans',
        { id: 'x-2', organisationId: 'o', title: 'T', period: { from: 2024, to: 2027 }, actor: 'mallory' },
        400,
        /actor should not exist/,
      ],
      [
        'an existing plan id',
        'post',
        '/plans',
        { id: 'bad-input-2024-2027', organisationId: 'o', title: 'T', period: { from: 2024, to: 2027 } },
        409,
        /already exists/,
      ],
      [
        'a section in a plan that does not exist',
        'post',
        '/plans/no-such-plan/sections',
        { number: '1', title: 'T' },
        404,
        /does not exist/,
      ],
      [
        'a section number that is taken',
        'post',
        '/plans/bad-input-2024-2027/sections',
        { number: '4.1', title: 'Igjen' },
        409,
        /already has a section 4.1/,
      ],
      [
        'a measure naming an unknown body',
        'post',
        '/plans/bad-input-2024-2027/measures',
        { sectionId: 'SECTION', text: 'X', responsible: ['FS', 'KLM'] },
        400,
        /KLM/,
      ],
      [
        'a measure in an unknown section',
        'post',
        '/plans/bad-input-2024-2027/measures',
        { sectionId: randomUUID(), text: 'X' },
        404,
        /Section/,
      ],
      [
        'a measure without text',
        'post',
        '/plans/bad-input-2024-2027/measures',
        { sectionId: 'SECTION' },
        400,
        /text/,
      ],
      [
        'a status that does not exist',
        'post',
        `/plans/bad-input-2024-2027/measures/${randomUUID()}/status`,
        { status: 'finished' },
        400,
        /status must be one of/,
      ],
      [
        'a status for an unknown measure',
        'post',
        `/plans/bad-input-2024-2027/measures/${randomUUID()}/status`,
        { status: 'done' },
        404,
        /Measure/,
      ],
      [
        'a measure id that is not a UUID',
        'post',
        '/plans/bad-input-2024-2027/measures/abc/status',
        { status: 'done' },
        400,
        /measureId must be a UUID/,
      ],
    ];

    it.each(cases)('refuses %s', async (_name, _method, path, body, status, message) => {
      const before = await countEvents(api.database);
      const payload = JSON.parse(JSON.stringify(body).replace('"SECTION"', JSON.stringify(sectionId)));
      const response = await request(api.http).post(path).send(payload);
      expect(response.status).toBe(status);
      expect(JSON.stringify(response.body)).toMatch(message);
      expect(await countEvents(api.database)).toBe(before);
    });

    it('refuses a body that is not JSON with 400', async () => {
      const response = await request(api.http)
        .post('/plans')
        .set('Content-Type', 'application/json')
        .send('{"id": "broken",');
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/not valid JSON/);
    });

    it('answers 404 for a plan that does not exist', async () => {
      await request(api.http).get('/plans/no-such-plan').expect(404);
      await request(api.http).get('/plans/no-such-plan/events').expect(404);
    });
  });

  it('reports projection lag on /health', async () => {
    const health = await request(api.http).get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', eventStore: 'postgres' });
    expect(health.body.projections).toEqual(
      ALL_PROJECTIONS.map((p) =>
        expect.objectContaining({ name: p.name, lag: expect.any(Number), checkpoint: expect.any(String) }),
      ),
    );
  });

  it('serves the OpenAPI description with every plan route', async () => {
    const doc = await request(api.http).get('/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/plans',
        '/plans/{id}',
        '/plans/{id}/events',
        '/plans/{id}/sections',
        '/plans/{id}/measures',
        '/plans/{id}/measures/{measureId}/status',
        '/health',
      ]),
    );
  });
});
