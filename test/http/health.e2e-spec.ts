import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { EventStore } from '@app/event-store';
import { ALL_PROJECTIONS, ProjectionRunner } from '@app/read-models';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** /health, /health/ready and /health/live on @nestjs/terminus, with our indicators. */
describe('health', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it("answers terminus's result for the database, the event store and each projection's lag, uncached", async () => {
    const health = await request(api.anonymous).get('/health').expect(200);
    expect(health.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
    expect(health.body).toMatchObject({
      status: 'ok',
      error: {},
      details: { database: { status: 'up' }, eventStore: { status: 'up' } },
      eventStore: 'postgres',
    });
    for (const projection of ALL_PROJECTIONS) {
      expect(health.body.details[`projection:${projection.name}`]).toEqual({
        status: 'up',
        lag: expect.any(Number),
      });
    }
    // Nothing holds reads back for long here (test/http/held-back-reads.e2e-spec.ts holds a
    // transaction open): up. Another suite's transaction on the same server may hold an event back
    // for a moment as this reads, and then the indicator names it (events, pids) while still up.
    expect(health.body.details.heldBack).toMatchObject({ status: 'up', ageMs: expect.any(Number) });
    expect(health.body).toHaveProperty('heldBack');
    expect(health.body.info).toEqual(health.body.details);

    const ready = await request(api.anonymous).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, eventStore: { status: 'up' } },
    });
    await request(api.anonymous).get('/health/live').expect(200, { status: 'ok' });
  });

  it('is degraded, still 200, when a projection lags far behind', async () => {
    const runner = api.app.get(ProjectionRunner);
    const statuses = await runner.status();
    jest
      .spyOn(runner, 'status')
      .mockResolvedValueOnce(statuses.map((s, i) => (i === 0 ? { ...s, lag: 5_000 } : s)));
    const health = await request(api.anonymous).get('/health').expect(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.details[`projection:${statuses[0]!.name}`]).toEqual({
      status: 'degraded',
      lag: 5_000,
    });
    expect(health.body.projections[0]).toMatchObject({ name: statuses[0]!.name, lag: 5_000 });
  });

  it('answers 503 with Retry-After when the event store does not answer, without the driver error', async () => {
    jest
      .spyOn(api.app.get(EventStore), 'headPosition')
      .mockRejectedValue(new Error('connect ECONNREFUSED 10.1.2.3:5432'));
    const ready = await request(api.anonymous).get('/health/ready').expect(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.body).toMatchObject({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { eventStore: { status: 'down', message: 'not reachable' } },
    });
    const health = await request(api.anonymous).get('/health').expect(503);
    expect(health.headers['retry-after']).toBe('5');
    expect(health.body.status).toBe('error');
    expect(health.body.error.eventStore.status).toBe('down');
    // The lag is read from the head position too: not readable now.
    expect(health.body.error[`projection:${ALL_PROJECTIONS[0]!.name}`]).toMatchObject({ status: 'down' });
    expect(health.body.projections).toBeUndefined();
    expect(JSON.stringify([ready.body, health.body])).not.toContain('10.1.2.3');
  });
});
