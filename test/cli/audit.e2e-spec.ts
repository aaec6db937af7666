import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { createSharedTestDatabase, type SharedTestDatabase } from '@app/testing';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api.js';
import { runCli } from '../support/processes.js';
import { adminHttp } from '../support/test-api.js';

const PLAN = 'oslo-sv-2024-2027';
const MEASURE_TEXT = 'Nye medlemmer skal få tilbud om skolering';

describe('planverk audit-export and audit-verify', () => {
  let shared: SharedTestDatabase;
  let dir: string;
  let eventCount: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'planverk-audit-'));
    shared = await createSharedTestDatabase();
    const database = await shared.open();
    const app = await createApi({
      config: loadConfig({ PLANVERK_DEMO: '0' }),
      runProjections: true,
      database,
      logger: false,
    });
    const http = await adminHttp(app);
    await request(http)
      .post('/plans')
      .send({
        id: PLAN,
        organisationId: 'oslo-sv',
        title: 'Oslo SVs arbeids- og organisasjonsplan 2024-2027',
        period: { from: 2024, to: 2027 },
        edition: '2026',
        bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
      })
      .expect(201);
    const section = await request(http)
      .post(`/plans/${PLAN}/sections`)
      .send({ number: '5.1', title: 'Skolering' })
      .expect(201);
    const measure = await request(http)
      .post(`/plans/${PLAN}/measures`)
      .send({ sectionId: section.body.sectionId, text: MEASURE_TEXT, timing: 'Årlig', responsible: ['FS'] })
      .expect(201);
    await request(http)
      .post(`/plans/${PLAN}/measures/${measure.body.measureId}/status`)
      .send({ status: 'in_progress', note: 'Første kurs holdt' })
      .expect(200);
    eventCount = (await request(http).get(`/plans/${PLAN}/events`).expect(200)).body.length;
    expect(eventCount).toBe(4);
    await app.close();
    await database.close();
  }, 60_000);

  afterAll(async () => {
    await shared.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const exportTo = async (file: string) => {
    const result = await runCli(['audit-export', PLAN, '--out', file], shared.env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Exported ${eventCount} events of plan "${PLAN}" to ${file}\n`);
  };

  it('exports a plan to a file that audit-verify finds intact', async () => {
    const file = join(dir, 'intact.ndjson');
    await exportTo(file);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(eventCount + 1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ planId: PLAN, events: eventCount });

    const verified = await runCli(['audit-verify', file]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(
      new RegExp(`^OK: ${eventCount} events, chain intact\nFinal hash: [0-9a-f]{64}\n$`),
    );
  });

  it('writes the export to standard output without --out', async () => {
    const result = await runCli(['audit-export', PLAN], shared.env);
    expect(result.code).toBe(0);
    const file = join(dir, 'stdout.ndjson');
    writeFileSync(file, result.stdout);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(eventCount + 1);
    expect((await runCli(['audit-verify', file])).code).toBe(0);
  });

  it('names the line of an event whose text was edited in the file', async () => {
    const file = join(dir, 'edited.ndjson');
    await exportTo(file);
    const lines = readFileSync(file, 'utf8').split('\n');
    const lineNo = lines.findIndex((l) => l.includes(MEASURE_TEXT)) + 1;
    expect(lineNo).toBeGreaterThan(1);
    writeFileSync(file, lines.join('\n').replace(MEASURE_TEXT, 'Nye medlemmer får ingenting'));

    const result = await runCli(['audit-verify', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `line ${lineNo}: edited: The event (seq ${lineNo - 1}, plan-${PLAN} revision ${lineNo - 2}) was edited`,
    );
    expect(result.stdout).toMatch(/FAILED: 1 problem in \d+ events\n$/);
    expect(result.stdout).not.toMatch(/^OK/);
  });

  it('finds a deleted line', async () => {
    const file = join(dir, 'deleted.ndjson');
    await exportTo(file);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(2, 1);
    writeFileSync(file, lines.join('\n'));

    const result = await runCli(['audit-verify', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^line 3: removed or reordered: .*an event before it was removed/m);
    expect(result.stdout).toMatch(
      new RegExp(
        `^line ${eventCount + 1}: removed or reordered: The file ends after ${eventCount - 1} events`,
        'm',
      ),
    );
    expect(result.stdout).toMatch(/FAILED: 2 problems/);
  });

  it('exits 2 for an unknown plan, and writes no file', async () => {
    const file = join(dir, 'unknown.ndjson');
    const result = await runCli(['audit-export', 'no-such-plan', '--out', file], shared.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Plan "no-such-plan" not found/);
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });

  it('exits 2 when the file to verify cannot be read', async () => {
    const result = await runCli(['audit-verify', join(dir, 'missing.ndjson')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot read .*missing\.ndjson/);
  });
});
