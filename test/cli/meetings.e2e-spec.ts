import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSharedTestDatabase, type SharedTestDatabase } from '@app/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    expect(dry.stdout).toMatch(/Vedtatt av ÅM 14\.03\.2026 \(revisjon 1\)/);
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
    expect(result.stdout).toMatch(/not filed: no\. 2 \(line 7\): mangler «Plass:»/);
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

/**
 * Items 9-11 of the meeting issue on the command line: a protocol in Norwegian words, every
 * problem of a protocol at once, and an amendment list copied from a web page (labels run into
 * their values) filed against the draft's own line numbers.
 */
describe('planverk amendments import and replay: Norwegian words, every problem, lists as published', () => {
  const WEB_LIST = fileURLToPath(
    new URL('../fixtures/oslo-sv-2026.endringsforslag-nettside.txt', import.meta.url),
  );
  let shared: SharedTestDatabase;
  let dir: string;
  beforeAll(async () => {
    shared = await createSharedTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'planverk-lists-'));
    expect((await runCli(['import', SEED], shared.env)).code).toBe(0);
    const schedule = join(dir, 'rs-2026.yaml');
    writeFileSync(
      schedule,
      [
        'meeting: { id: oslo-sv-rs-2026, org: oslo-sv, body: RS, date: 2026-03-20, plan: oslo-sv-2024-2027 }',
        'amendments: []',
        'votes: []',
        '',
      ].join('\n'),
    );
    expect((await runCli(['replay', schedule], shared.env)).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await shared.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('files a list copied from a web page with the committee’s recommendations, naming what it cannot file', async () => {
    const result = await runCli(
      ['amendments', 'import', WEB_LIST, '--meeting', 'oslo-sv-rs-2026'],
      shared.env,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^Filed 4 amendments: 1, 2, 3, 4 \(with the committee's recommendation: 1, 2, 3, 4\)$/m,
    );
    expect(result.stdout).toMatch(
      /not filed: no\. 5: Linje 400 er utenfor sakspapirene, som har linje 27–207/,
    );
    expect(result.stdout).toMatch(/not filed: no\. 6: «denne teksten står ikke der» står ikke/);
    const shown = await runCli(['meetings', 'show', 'oslo-sv-rs-2026', '--json'], shared.env);
    const amendments = JSON.parse(shown.stdout).targets.flatMap((t: any) => t.amendments);
    expect(amendments.find((a: any) => a.no === 2)).toMatchObject({
      proposer: 'Ola Hansen, Gamle Oslo SV',
      recommendation: { recommendation: 'adopt_modified' },
    });
  });

  it('fails a list from which nothing could be filed, and one meant for another organisation', async () => {
    const nothing = join(dir, 'ingenting.txt');
    writeFileSync(nothing, 'Forslag til årsmøtet: stryk alt om dørbanking.\n');
    const none = await runCli(['amendments', 'import', nothing, '--meeting', 'oslo-sv-rs-2026'], shared.env);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/^Nothing in this list could be filed$/m);
    expect(none.stdout).not.toMatch(/Filed 0/);
    const other = join(dir, 'bergen.txt');
    writeFileSync(
      other,
      readFileSync(WEB_LIST, 'utf8').replace('Organisasjon: Oslo SV', 'Organisasjon: Bergen SV'),
    );
    const refused = await runCli(['amendments', 'import', other, '--meeting', 'oslo-sv-rs-2026'], shared.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /et annet møte; ingenting ble ført opp: linje 2: listen er for «Bergen SV»/,
    );
  });

  it('replays a protocol written in Norwegian words, and lists every problem of a bad one at once', async () => {
    const norwegian = join(dir, 'protokoll.yaml');
    writeFileSync(
      norwegian,
      [
        'meeting: { id: oslo-sv-rs-2026, org: oslo-sv, body: RS, date: 2026-03-20, plan: oslo-sv-2024-2027, majority: to tredjedels flertall }',
        'amendments:',
        '  - { no: 7, target: { measure: "4.2.J" }, op: Endring, from: to ganger i året, to: fire ganger i året, recommendation: vedta }',
        '  - { no: 8, target: { measure: "4.2.J" }, op: Endring, from: to ganger i året, to: tre ganger i året, recommendation: avvise }',
        'votes:',
        '  - { amendment: 7, result: vedtatt, for: 80, against: 10, abstain: 2 }',
        '  - { amendment: 8, result: bortfalt }',
        '',
      ].join('\n'),
    );
    const dry = await runCli(['replay', norwegian, '--dry-run'], shared.env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('J. Vi skal arrangere “Ny i SV”-møter fire ganger i året.');
    expect(dry.stderr).toMatch(/^ {2}7\t4\.2\.J\treplace_text\tadopted$/m);
    expect(dry.stderr).toMatch(/^ {2}8\t4\.2\.J\treplace_text\tlapsed/m);

    const bad = join(dir, 'feil.yaml');
    writeFileSync(
      bad,
      [
        'meeting: { id: oslo-sv-rs-2026, org: oslo-sv, body: RS, date: 2026-03-20, plan: oslo-sv-2024-2027 }',
        'amendments:',
        '  - { no: 7, target: { measure: "4.2.J" }, op: Endring, from: finnes ikke, to: x, recommendation: kanskje }',
        '  - { no: 7, target: { measure: "9.9.A" }, op: Stryking }',
        '  - { no: 9, target: { measure: "4.2.A" }, op: reassign, responsible: [Styret] }',
        'votes:',
        '  - { amendment: 12, result: vedtatt }',
        '',
      ].join('\n'),
    );
    const refused = await runCli(['replay', bad], shared.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Protokollen har \d+ feil/);
    for (const problem of [
      /linje 3: forslag 7: .*kanskje/,
      /linje 4: forslag 7: .*forslagsnummer 7 er brukt to ganger/,
      /linje 7: forslag 12: .*det er ikke noe forslag 12/,
    ])
      expect(refused.stderr).toMatch(problem);
  });
});
