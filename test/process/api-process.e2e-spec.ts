import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSharedTestDatabase, type SharedTestDatabase } from '@app/testing';
import { freePort } from '../support/own-postgres.js';
import { startApiProcess } from '../support/processes.js';

/** The api as `npm start` runs it: built, configured only by its environment. */
describe('the api process', () => {
  let shared: SharedTestDatabase;
  beforeAll(async () => {
    shared = await createSharedTestDatabase();
  });
  afterAll(async () => {
    await shared.dispose();
  });

  it('listens on PORT, loads the demo data, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const api = await startApiProcess({ ...shared.env, PORT: String(port), PLANVERK_DEMO: '1' });
    try {
      expect(api.port).toBe(port);
      const plans = (await (await fetch(`http://127.0.0.1:${port}/plans`)).json()) as Array<{ id: string }>;

      // The demo data is the five seed plans, imported and linked.
      expect(plans.map((p: { id: string }) => p.id).sort()).toEqual([
        'buskerud-sv-2024-2027',
        'oslo-ap-2018-2019',
        'oslo-sv-2020-2023',
        'oslo-sv-2024-2027',
        'sv-2022-2025',
      ]);
      const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json();
      expect(health).toMatchObject({ status: 'ok' });
      // The demo's administrator is printed once, with a one-time password that signs in.
      // (printed just after "Planverk is running", so wait for it a moment)
      const adminLine = /Demo administrator \(shown only now\): (\S+) \/ (\S+)/;
      for (let i = 0; i < 100 && !adminLine.test(api.output()); i++)
        await new Promise((r) => setTimeout(r, 100));
      const printed = adminLine.exec(api.output());
      expect(printed).not.toBeNull();
      const [, username, password] = printed!;
      expect(password!.length).toBeGreaterThanOrEqual(12);
      const issued = await fetch(`http://127.0.0.1:${port}/auth/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      expect(issued.status).toBe(201);
      const { token } = (await issued.json()) as { token: string };
      const me = await fetch(`http://127.0.0.1:${port}/auth/me`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(await me.json()).toMatchObject({ roles: [{ organisationId: '*', role: 'admin' }] });
      // Only its hash is kept: the password is not in the request log.
      expect(api.output().split(password!).length).toBe(2);
    } finally {
      // Nest runs the shutdown hooks, then exits 0 (graceful-shutdown.e2e-spec.ts has the details).
      expect(await api.stop()).toBe(0);
      expect(api.output()).toMatch(/Event store and database closed/);
    }
  });

  it('keeps its data across restarts', async () => {
    const api = await startApiProcess({ ...shared.env, PORT: '0', PLANVERK_DEMO: '0' });
    const port = api.port;
    try {
      const plans = (await (await fetch(`http://127.0.0.1:${port}/plans`)).json()) as unknown[];
      expect(plans).toHaveLength(5);
    } finally {
      await api.stop();
    }
  });

  it('starts on an empty store without demo data when PLANVERK_DEMO=0', async () => {
    const empty = await createSharedTestDatabase();
    const api = await startApiProcess({ ...empty.env, PORT: '0', PLANVERK_DEMO: '0' });
    const port = api.port;
    try {
      expect(await (await fetch(`http://127.0.0.1:${port}/plans`)).json()).toEqual([]);
    } finally {
      await api.stop();
      await empty.dispose();
    }
  });

  it('refuses to start on a bad PORT, naming it', async () => {
    await expect(startApiProcess({ ...shared.env, PORT: 'eighty' })).rejects.toThrow(
      /PORT must be a whole number from 0 to 65535, got "eighty"/,
    );
  });
});
