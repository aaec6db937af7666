import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { runCli } from '../support/processes.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const INTERNAL = 'oslo-sv-2024-2027';
const REBUILDS = 3;

/**
 * `planverk projections rebuild` (the built CLI, another process) builds the read models again
 * beside the live ones and swaps them in under a running api (docs/adr/0020). Meanwhile an
 * internal plan is never shown to anyone who may not read it, and a valid token is never
 * refused: what decides visibility and who a request comes from is not a read model at all.
 */
describe('visibility and tokens while the read models are rebuilt under the running api', () => {
  let api: TestApi;
  let token: string;
  let viewerToken: string;

  beforeAll(async () => {
    api = await startTestApi({ demo: true });
    if (!api.database.url) return;
    await request(api.http)
      .post(`/plans/${INTERNAL}/visibility`)
      .send({ visibility: 'internal' })
      .expect(200);
    const password = 'et-langt-passord-for-lesaren';
    for (const [username, role] of [
      ['skript', undefined],
      ['lesar', 'viewer'],
    ] as const) {
      const created = await request(api.http).post('/users').send({ username, password }).expect(201);
      if (role) {
        await request(api.http)
          .post('/organisations/oslo-sv/roles')
          .send({ userId: created.body.userId, role })
          .expect(200);
      }
      const issued = await request(api.anonymous)
        .post('/auth/tokens')
        .send({ username, password })
        .expect(201);
      if (role) viewerToken = issued.body.token;
      else token = issued.body.token;
    }
  }, 180_000);
  afterAll(async () => {
    await api.close();
  });

  it('never shows the internal plan to anonymous readers, and never refuses a valid token', async () => {
    const url = api.database.url;
    if (!url) {
      // PGlite: one process at a time; the CLI cannot rebuild beside the running api.
      console.warn('skipped: needs a real PostgreSQL (DATABASE_URL)');
      return;
    }
    // Before: as it should be.
    await request(api.anonymous).get(`/plans/${INTERNAL}`).expect(404); // not there for them, as a missing plan
    expect(
      (await request(api.anonymous).get('/plans').expect(200)).body.map((p: { id: string }) => p.id),
    ).not.toContain(INTERNAL);

    const leaks: string[] = [];
    const refusals: string[] = [];
    let reads = 0;
    let running = true;
    const readLoop = (async () => {
      while (running) {
        const [one, list, me, viewer] = await Promise.all([
          request(api.anonymous).get(`/plans/${INTERNAL}`),
          request(api.anonymous).get('/plans'),
          request(api.anonymous).get('/auth/me').set('Authorization', `Bearer ${token}`),
          request(api.anonymous).get(`/plans/${INTERNAL}`).set('Authorization', `Bearer ${viewerToken}`),
        ]);
        reads++;
        if (one.status === 200) leaks.push(`GET /plans/${INTERNAL} answered 200`);
        if (list.status === 200 && (list.body as Array<{ id: string }>).some((p) => p.id === INTERNAL)) {
          leaks.push('GET /plans listed it');
        }
        if (me.status !== 200) refusals.push(`GET /auth/me with a valid token answered ${me.status}`);
        if (viewer.status === 401 || viewer.status === 403) {
          refusals.push(`a viewer's GET /plans/${INTERNAL} answered ${viewer.status}`);
        }
      }
    })();

    try {
      for (let i = 0; i < REBUILDS; i++) {
        const rebuilt = await runCli(['projections', 'rebuild'], { DATABASE_URL: url });
        if (rebuilt.code !== 0)
          throw new Error(`projections rebuild failed (${rebuilt.code}): ${rebuilt.stderr}`);
      }
    } finally {
      running = false;
      await readLoop;
    }
    expect(reads).toBeGreaterThan(REBUILDS * 5);
    expect(leaks).toEqual([]);
    expect(refusals).toEqual([]);
    // And afterwards, with the read models back, the viewer reads the plan.
    await request(api.anonymous)
      .get(`/plans/${INTERNAL}`)
      .set('Authorization', `Bearer ${viewerToken}`)
      .expect(200);
  }, 300_000);
});
