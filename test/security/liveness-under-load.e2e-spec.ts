import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { largePlanDocument } from '../support/hostile-documents.js';
import { LivenessProbe, percentile, summary } from '../support/liveness-probe.js';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

/** Measures in the import held open: thousands, as the (18,100 held the loop 31 s). */
const MEASURES = 10_000;
/** The bound of issue 13, point 3: other users' requests and the liveness probe answer within it throughout. */
const BOUND_MS = 100;

/**
 * A long-running request (the import of a plan document of 10,000 measures: parsing, reading,
 * deciding and appending 10,000 commands) does not hold the event loop: meanwhile the liveness
 * probe and another user's request (the sign-in page) answer within 100 ms. The machine the
 * tests run on is shared, so a single probe can be slow for reasons of its own (the process not
 * scheduled): the bound holds for 90 % of the liveness probes and for the median of the page,
 * measured over every probe sent while the import ran.
 */
describe('the event loop while a large import runs', () => {
  let api: TestApi;
  let admin: Server;
  let anonymous: Server;
  let adminUrl: string;
  let anonymousUrl: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = createServer(api.http);
    anonymous = createServer((req, res) => api.anonymous.emit('request', req, res));
    await Promise.all([admin, anonymous].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
    adminUrl = `http://127.0.0.1:${(admin.address() as AddressInfo).port}`;
    anonymousUrl = `http://127.0.0.1:${(anonymous.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all([admin, anonymous].map((s) => new Promise((r) => s.close(r))));
    await api.close();
  });

  it(`answers /health/live and other requests within ${BOUND_MS} ms while ${MEASURES} measures are imported`, async () => {
    const document = largePlanDocument('stor-plan-2026-2027', 'stor-org', MEASURES);
    const before = await countEvents(api.database);
    const probe = new LivenessProbe(anonymousUrl, ['/health/live', '/logg-inn']);
    const started = performance.now();
    const imported = await request(adminUrl)
      .post('/imports')
      .set('Content-Type', 'application/yaml')
      .send(document)
      .timeout(240_000);
    const took = performance.now() - started;
    const latencies = await probe.stop();

    expect({ status: imported.status, appended: imported.body.appended }).toEqual({
      status: 201,
      appended: true,
    });
    expect((await countEvents(api.database)) - before).toBeGreaterThan(MEASURES);
    const seen = Object.fromEntries([...latencies].map(([path, times]) => [path, summary(times)]));
    console.log(
      `import of ${MEASURES} measures took ${Math.round(took)} ms; probes meanwhile: ${JSON.stringify(seen)}`,
    );
    for (const [path, times] of latencies) {
      // Enough probes to speak of a median: the import ran for seconds.
      expect({ path, probes: times.length >= 10 }).toEqual({ path, probes: true });
      // The liveness probe at the 90th percentile; a page, which does more, at the median.
      const share = path === '/health/live' ? 0.9 : 0.5;
      expect({ path, ...seen[path], withinBound: percentile(times, share) < BOUND_MS }).toEqual({
        path,
        ...seen[path],
        withinBound: true,
      });
    }
  }, 300_000);

  it('reads the large plan whole afterwards (folded from its history, too large to be kept as a lookup)', async () => {
    const plan = await request(adminUrl).get('/plans/stor-plan-2026-2027').timeout(120_000).expect(200);
    const measures = (plan.body.sections as Array<{ measures: unknown[] }>).reduce(
      (sum, section) => sum + section.measures.length,
      0,
    );
    expect(measures).toBe(MEASURES);
  }, 180_000);
});
