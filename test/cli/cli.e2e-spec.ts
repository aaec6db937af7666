import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@app/config';
import type { Database } from '@app/database';
import { EventStore } from '@app/event-store';
import { ALL_PROJECTIONS, ProjectionRunner } from '@app/read-models';
import { createSharedTestDatabase, tablesOf, type SharedTestDatabase } from '@app/testing';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api.js';
import { runCli } from '../support/processes.js';
import { adminHttp } from '../support/test-api.js';

/** Every row of every read model, in a stable order, as text. */
async function snapshot(database: Database): Promise<string> {
  const tables: Record<string, unknown[]> = {};
  for (const table of ALL_PROJECTIONS.flatMap((p) => p.tables)) {
    const rows = await tablesOf(database).selectFrom(table).selectAll().execute();
    tables[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  const checkpoint = await tablesOf(database)
    .selectFrom('projection_checkpoints')
    .selectAll()
    .orderBy('name')
    .execute();
  return JSON.stringify({ tables, checkpoint });
}

describe('the planverk command', () => {
  let shared: SharedTestDatabase;
  let before: string;

  beforeAll(async () => {
    shared = await createSharedTestDatabase();
    const database = await shared.open();
    const app = await createApi({
      config: loadConfig({ PLANVERK_DEMO: '1' }),
      runProjections: true,
      database,
      logger: false,
    });
    const http = await adminHttp(app);
    const section = await request(http)
      .post('/plans/oslo-sv-2024-2027/sections')
      .send({ number: '9', title: 'Lagt til i testen' })
      .expect(201);
    await request(http)
      .post('/plans/oslo-sv-2024-2027/measures')
      .send({
        sectionId: section.body.sectionId,
        text: 'Nye medlemmer skal få tilbud om skolering',
        timing: 'Årlig',
      })
      .expect(201);
    // Commands answer once stored (docs/adr/0023): these rows are read from the database itself,
    // not through the api, so wait for every read model to have the writes first.
    await app.get(ProjectionRunner).caughtUpTo(await app.get(EventStore).committedHeadPosition(), 30_000, {
      every: true,
    });
    before = await snapshot(database);
    await app.close();
    await database.close();
  });

  afterAll(async () => {
    await shared.dispose();
  });

  it('prints its help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: planverk/);
    expect(result.stdout).toMatch(/projections/);
  });

  it('rebuilds the read models from position 0 into identical rows', async () => {
    const result = await runCli(['projections', 'rebuild'], shared.env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Rebuilt ${ALL_PROJECTIONS.map((p) => p.name).join(', ')} from position 0:`,
    );
    const database = await shared.open();
    try {
      expect(await snapshot(database)).toBe(before);
    } finally {
      await database.close();
    }
  });

  it('reports each projection caught up', async () => {
    const result = await runCli(['projections', 'status', '--json'], shared.env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(
      ALL_PROJECTIONS.map((p) => expect.objectContaining({ name: p.name, lag: 0 })),
    );
  });

  it('shows a plan from the same database the api used', async () => {
    const result = await runCli(['plans', 'show', 'oslo-sv-2024-2027'], shared.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/4\.1 Direkte velgerkontakt/);
    expect(result.stdout).toMatch(/A\. Hele Oslo SV \(alle lokallag\) skal jevnlig banke på dører/);
    expect(result.stdout).toMatch(/^9 Lagt til i testen$/m);
  });

  it('says clearly when a plan does not exist', async () => {
    const result = await runCli(['plans', 'show', 'no-such-plan'], shared.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Plan "no-such-plan" not found/);
  });

  it('refuses an unknown projection by name', async () => {
    const result = await runCli(['projections', 'rebuild', '--projection', 'nonsense'], shared.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Unknown projection nonsense (known: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')})`,
    );
  });

  it('stops with a clear message on a bad configuration', async () => {
    const result = await runCli(['plans', 'list'], { DATABASE_URL: 'mysql://localhost/test' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Configuration error: DATABASE_URL must be a postgres:\/\//);
  });
});
