import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALL_PROJECTIONS } from '@app/read-models';
import request from 'supertest';
import { sample } from '../support/metrics.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** GET /metrics: what an operator's Prometheus scrapes from an api (role all, here). */
describe('metrics', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('counts and times commands by route pattern and status, and reads lag, leases and held-back reads when scraped', async () => {
    await request(api.http)
      .post('/organisations')
      .send({ id: 'metrikk', name: 'Metrikk', level: 'county' })
      .expect(201);
    await request(api.http).post('/organisations').send({ id: 'metrikk', name: 'Metrikk', level: 'county' });
    await request(api.http).post('/organisations').send({ id: 'ugyldig id!', level: 'county' }).expect(400);
    const scraped = await request(api.anonymous).get('/metrics').expect(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = scraped.text;

    expect(sample(text, 'planverk_commands_total{route="/organisations",status="201"}')).toBe(1);
    expect(sample(text, 'planverk_commands_total{route="/organisations",status="400"}')).toBe(1);
    expect(sample(text, 'planverk_command_duration_seconds_count{route="/organisations",status="201"}')).toBe(
      1,
    );
    expect(
      sample(text, 'planverk_command_duration_seconds_bucket{le="10",route="/organisations",status="201"}'),
    ).toBe(1);
    // Reads are not commands.
    expect(text).not.toMatch(/planverk_commands_total\{route="\/metrics"/);
    for (const { name, awaitedByWrites } of ALL_PROJECTIONS) {
      const lag = `planverk_projection_lag_events{projection="${name}"}`;
      if (awaitedByWrites === false) {
        // Not waited for by reads (plan-now, docs/adr/0026): it may still be a moment behind
        // the scrape, and catches up.
        let scraped = text;
        for (let i = 0; i < 50 && sample(scraped, lag) !== 0; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          scraped = (await request(api.anonymous).get('/metrics').expect(200)).text;
        }
        expect(sample(scraped, lag)).toBe(0);
      } else {
        // Read once the read models had it: nothing left to apply.
        expect(sample(text, lag)).toBe(0);
      }
      // One process on its own runs every projection.
      expect(sample(text, `planverk_projection_running{projection="${name}"}`)).toBe(1);
    }
    expect(sample(text, 'planverk_reads_held_back_seconds')).toBe(0);
    expect(sample(text, 'planverk_reads_held_back_events')).toBe(0);
    expect(sample(text, 'planverk_process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});
