import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSharedTestDatabase, type SharedTestDatabase } from '@app/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../support/processes.js';

const SEED = fileURLToPath(new URL('../../../shared/seeds/001_23325c842a46d39f.txt', import.meta.url));
const PROTOCOL = fileURLToPath(new URL('../fixtures/oslo-sv-am-2026.protocol.yaml', import.meta.url));

describe('planverk replay', () => {
  let shared: SharedTestDatabase;
  let dir: string;
  beforeAll(async () => {
    shared = await createSharedTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'planverk-meetings-'));
    const imported = await runCli(['import', SEED], shared.env);
    expect(imported.code).toBe(0);
  });
  afterAll(async () => {
    await shared.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the resulting plan and each outcome in a dry run, writing nothing', async () => {
    const dry = await runCli(['replay', PROTOCOL, '--dry-run'], shared.env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^# Oslo SVs arbeids- og organisasjonsplan 2024-2027/);
    expect(dry.stdout).toContain('J. Vi skal arrangere “Ny i SV”-møter fire ganger i året.');
    expect(dry.stdout).toMatch(/Vedtatt av ÅM 2026-03-14 \(revisjon 1\)/);
    expect(dry.stderr).toMatch(
      /^ {2}2\t4\.2\.J\treplace_text\tlapsed: «to ganger i året» står ikke lenger i tiltak 4\.2\.J \(endret ved forslag 1\)$/m,
    );
    expect(dry.stderr).toMatch(/^ {2}12\t4\.2\.I\treplace_text\tadopted as modified by the committee$/m);
    const list = await runCli(['meetings', 'list', '--json'], shared.env);
    expect(JSON.parse(list.stdout)).toEqual([]);
    const plan = JSON.parse(
      (await runCli(['plans', 'show', 'oslo-sv-2024-2027', '--json'], shared.env)).stdout,
    );
    expect(plan.adoptedRevision).toBe(0);
  });

  it('replays the protocol for real, and a second time changes nothing', async () => {
    const real = await runCli(['replay', PROTOCOL], shared.env);
    expect(real.stderr).toBe('');
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/^The plan as a whole: adopted \(adopted revision 1\)$/m);
    expect(real.stdout).toMatch(/^Appended \d+ events$/m);
    const plan = JSON.parse(
      (await runCli(['plans', 'show', 'oslo-sv-2024-2027', '--json'], shared.env)).stdout,
    );
    expect(plan).toMatchObject({ status: 'adopted', adoptedRevision: 1 });
    const again = await runCli(['replay', PROTOCOL], shared.env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Nothing changed: this protocol was replayed before$/m);
    const shown = await runCli(['meetings', 'show', 'oslo-sv-am-2026'], shared.env);
    expect(shown.stdout).toMatch(
      /^ {4}17\tchange_timing\tlapsed: Tiltak 4\.3\.I er strøket ved forslag 18$/m,
    );
    const protocol = parseYaml(
      (await runCli(['meetings', 'protocol', 'oslo-sv-am-2026'], shared.env)).stdout,
    );
    expect(protocol.amendments).toHaveLength(24);
  });

  it('refuses a protocol with problems, naming the line of each, writing nothing', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'meeting: { id: oslo-sv-rs-2026, org: oslo-sv, body: RS, date: 2026-09-01, plan: oslo-sv-2024-2027 }',
        'amendments:',
        '  - { no: 1, target: { measure: "9.9.A" }, op: strike_measure }',
        '  - { no: 2, target: { measure: "4.2.J" }, op: replace_text, from: to ganger i året, to: tre ganger i året }',
        'votes: []',
        '',
      ].join('\n'),
    );
    const result = await runCli(['replay', file], shared.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Protokollen har 2 feil/);
    expect(result.stderr).toMatch(
      /linje 3: forslag 1: amendments\[0\]\.target: Tiltak 9\.9\.A finnes ikke i planen/,
    );
    expect(result.stderr).toMatch(
      /linje 4: forslag 2: amendments\[1\]\.from: «to ganger i året» står ikke i tiltak 4\.2\.J/,
    );
    const list = JSON.parse((await runCli(['meetings', 'list', '--json'], shared.env)).stdout);
    expect(list.map((m: any) => m.id)).toEqual(['oslo-sv-am-2026']);
  });
  it('files an amendment list in the text shape parties circulate, naming the entries it cannot file', async () => {
    const schedule = join(dir, 'rs-2026.yaml');
    writeFileSync(
      schedule,
      [
        'meeting: { id: oslo-sv-rs-2026-09, org: oslo-sv, body: RS, date: 2026-09-01, plan: oslo-sv-2024-2027 }',
        'amendments: []',
        'votes: []',
        '',
      ].join('\n'),
    );
    expect((await runCli(['replay', schedule], shared.env)).code).toBe(0);
    // The plan this meeting treats was amended in March (a measure added without lines of its
    // own), so its papers are numbered anew: the list cites the lines of these papers.
    const papers = await runCli(['meetings', 'papers', 'oslo-sv-rs-2026-09'], shared.env);
    expect(papers.code).toBe(0);
    const line = Number(
      /^\s*(\d+) /m.exec(papers.stdout.split('\n').find((l) => l.includes('hvorav én'))!)![1],
    );
    const list = join(dir, 'endringsforslag.txt');
    writeFileSync(
      list,
      [
        'Forslag 1',
        'Forslagsstiller: Frogner SV',
        `Plass: Linje ${line}`,
        'Type forslag: Endring',
        'Forslag: Stryke: «hvorav én sosial» Erstatte med: «hvorav minst én sosial»',
        '',
        'Forslag 2',
        'Forslagsstiller: Bjerke SV',
        'Type forslag: Tillegg',
        'Forslag: Nytt punkt: «Noe nytt»',
        '',
      ].join('\n'),
    );
    const result = await runCli(
      ['amendments', 'import', list, '--meeting', 'oslo-sv-rs-2026-09'],
      shared.env,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Filed 1 amendments: 1$/m);
    expect(result.stdout).toMatch(/not filed: no\. 2 \(line 7\): no "Plass:"/);
    const shown = JSON.parse(
      (await runCli(['meetings', 'show', 'oslo-sv-rs-2026-09', '--json'], shared.env)).stdout,
    );
    expect(JSON.stringify(shown)).toMatch(/hvorav minst én sosial/);
    const again = await runCli(
      ['amendments', 'import', list, '--meeting', 'oslo-sv-rs-2026-09', '--json'],
      shared.env,
    );
    expect(JSON.parse(again.stdout).filed).toEqual([1]);
    expect(
      (await runCli(['amendments', 'import', list, '--meeting', 'no-such-meeting'], shared.env)).code,
    ).toBe(2);
  });
});
