import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

/**
 * Every date a client sends is a real calendar day from 1900-01-01 to 2200-12-31, one rule
 * everywhere: a date outside it (or no date at all) is the same 400 naming the field and the
 * rule, and nothing is appended. The reproductions: `effectiveAt: "0000-01-01"` was
 * accepted, `?asOf=2026-13-45` answered 200 while `2026-02-30` answered 404.
 */
describe('dates are real calendar dates from 1900 to 2200, everywhere', () => {
  let api: TestApi;
  let section: string;
  let measure: string;
  let goal: string;
  const plan = 'datoer-2024-2027';
  const BAD = ['0000-01-01', '2026-13-45', '2026-02-30', '1899-12-31', '2201-01-01', '20260314'];
  const RULE = /must be a real date as YYYY-MM-DD, from 1900-01-01 to 2200-12-31/;

  beforeAll(async () => {
    api = await startTestApi();
    const http = request(api.http);
    await http.post('/organisations').send({ id: 'datoer', name: 'Datoer', level: 'county' }).expect(201);
    await http
      .post('/plans')
      .send({
        id: plan,
        organisationId: 'datoer',
        title: 'Arbeidsplan',
        period: { from: 2024, to: 2027 },
        bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
      })
      .expect(201);
    section = (await http.post(`/plans/${plan}/sections`).send({ number: '1', title: 'Org' }).expect(201))
      .body.sectionId;
    measure = (
      await http
        .post(`/plans/${plan}/measures`)
        .send({ sectionId: section, text: 'Verve', responsible: ['FS'] })
        .expect(201)
    ).body.measureId;
    goal = (await http.post(`/plans/${plan}/goals`).send({ sectionId: section, text: 'Mål' }).expect(201))
      .body.goalId;
  });
  afterAll(async () => {
    await api.close();
  });

  /** A write with a bad date: 400 naming the field and the rule, nothing appended. */
  async function refusedWrite(path: string, body: object, field: string): Promise<void> {
    const before = await countEvents(api.database);
    const response = await request(api.http).post(path).send(body);
    expect({ status: response.status, message: JSON.stringify(response.body.message) }).toEqual({
      status: 400,
      message: expect.stringMatching(new RegExp(`${field} must be a real date`)),
    });
    expect(await countEvents(api.database)).toBe(before);
  }

  async function refusedRead(path: string): Promise<void> {
    const response = await request(api.http).get(path);
    expect({ path, status: response.status }).toEqual({ path, status: 400 });
    expect(JSON.stringify(response.body.message)).toMatch(RULE);
  }

  it.each(BAD)('effectiveAt %s on a command: 400, nothing appended', async (bad) => {
    await refusedWrite(
      `/plans/${plan}/measures/${measure}/status`,
      { status: 'in_progress', effectiveAt: bad },
      'effectiveAt',
    );
  });

  it.each(BAD)('the dates in command bodies (%s): adoption, target, measurement, meeting', async (bad) => {
    await refusedWrite(`/plans/${plan}/adopt`, { body: 'ÅM', date: bad }, 'date');
    await refusedWrite(
      `/plans/${plan}/goals`,
      { sectionId: section, text: 'Mål', target: { metric: 'medlemmer', value: 10, by: bad } },
      'by',
    );
    await refusedWrite(
      `/plans/${plan}/goals/${goal}/target`,
      { target: { metric: 'medlemmer', value: 10, by: bad } },
      'by',
    );
    await refusedWrite(`/plans/${plan}/measurements`, { metric: 'medlemmer', value: 10, at: bad }, 'at');
    await refusedWrite(
      '/meetings',
      { id: 'datoer-am', organisationId: 'datoer', body: 'ÅM', date: bad, planId: plan },
      'date',
    );
  });

  it.each(BAD)('asOf, fromAsOf, toAsOf, report periods and access days (%s): 400', async (bad) => {
    await refusedRead(`/plans/${plan}?asOf=${bad}`);
    await refusedRead(`/plans/${plan}/document?asOf=${bad}`);
    await refusedRead(`/plans/${plan}/follow-up?asOf=${bad}`);
    await refusedRead(`/plans/${plan}/diff?fromAsOf=${bad}`);
    await refusedRead(`/plans/${plan}/diff?fromAsOf=2025-01-01&toAsOf=${bad}`);
    await refusedRead(`/plans/${plan}/report?from=2025-01-01&to=${bad}`);
    await refusedRead(`/plans/${plan}/report?from=${bad}&to=2026-01-01`);
    await refusedRead(`/plans/${plan}/access?at=${bad}`);
    await refusedRead(`/organisations/datoer/roles?at=${bad}`);
  });

  it('the page of a plan refuses a date it cannot show with 400, in Norwegian', async () => {
    const page = await request(api.http).get(`/plan/${plan}?asOf=2026-13-45`).expect(400);
    expect(page.text).toContain('er ikke en gyldig dato (ÅÅÅÅ-MM-DD, fra 1900-01-01 til 2200-12-31)');
  });

  it('a plan document or a protocol with such a date is refused whole, nothing appended', async () => {
    const before = await countEvents(api.database);
    const document = await request(api.http)
      .post('/imports')
      .send({
        content: [
          'plan: { id: datoer-gammel, org: datoer, title: Gammel, period: { from: 2020, to: 2023 },',
          '        adopted: { body: ÅM, date: "0000-01-01" } }',
          'sections: []',
        ].join('\n'),
      });
    expect(document.status).toBe(400);
    expect(JSON.stringify(document.body)).toMatch(/must be a real date as YYYY-MM-DD, from 1900-01-01/);
    const protocol = await request(api.http)
      .post('/meetings/replay')
      .type('application/yaml')
      .send(
        `meeting: { id: datoer-am-2201, org: datoer, body: ÅM, date: "2201-03-14", plan: ${plan} }\namendments: []\nvotes: []\n`,
      );
    expect(protocol.status).toBe(400);
    expect(JSON.stringify(protocol.body)).toMatch(
      /meeting.date: må være en ekte dato skrevet ÅÅÅÅ-MM-DD, fra 1900-01-01 til 2200-12-31/,
    );
    expect(await countEvents(api.database)).toBe(before);
  });

  it('the first and last days of the range are dates like any other', async () => {
    await request(api.http).get(`/plans/${plan}/follow-up?asOf=2200-12-31`).expect(200);
    const early = await request(api.http).get(`/plans/${plan}?asOf=1900-01-01`);
    // The plan did not exist then: not found on that date, not a bad date.
    expect(early.status).toBe(404);
    await request(api.http)
      .post(`/plans/${plan}/measures/${measure}/status`)
      .send({ status: 'in_progress', effectiveAt: '1900-01-01' })
      .expect(200);
  });
});
