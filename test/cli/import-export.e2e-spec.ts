import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSharedTestDatabase, type SharedTestDatabase } from '@app/testing';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../support/processes.js';

const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

describe('planverk import and export', () => {
  let shared: SharedTestDatabase;
  let dir: string;
  beforeAll(async () => {
    shared = await createSharedTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'planverk-cli-'));
  });
  afterAll(async () => {
    await shared.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports all five seed plans, registers their organisations and links them', async () => {
    const result = await runCli(['import', '--all', SEEDS, '--json'], shared.env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.plans.map((p: any) => p.planId).sort()).toEqual([
      'buskerud-sv-2024-2027',
      'oslo-ap-2018-2019',
      'oslo-sv-2020-2023',
      'oslo-sv-2024-2027',
      'sv-2022-2025',
    ]);
    expect(summary.links).toEqual(
      expect.arrayContaining([
        { planId: 'oslo-sv-2024-2027', predecessorPlanId: 'oslo-sv-2020-2023', parentPlanId: 'sv-2022-2025' },
        { planId: 'buskerud-sv-2024-2027', parentPlanId: 'sv-2022-2025' },
      ]),
    );
    const list = await runCli(['plans', 'list', '--json'], shared.env);
    const plans = JSON.parse(list.stdout);
    expect(plans.find((p: any) => p.id === 'oslo-sv-2020-2023')).toMatchObject({ status: 'superseded' });
    expect(plans.find((p: any) => p.id === 'oslo-sv-2024-2027')).toMatchObject({
      predecessorPlanId: 'oslo-sv-2020-2023',
      parentPlanId: 'sv-2022-2025',
    });
  });

  it('changes nothing when the folder is imported again', async () => {
    const result = await runCli(['import', '--all', SEEDS], shared.env);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/^Imported/m);
    expect(result.stdout.match(/^Unchanged/gm)).toHaveLength(5);
  });

  it('exports a plan as YAML that imports back under another id', async () => {
    const file = join(dir, 'plan.yaml');
    const exported = await runCli(
      ['export', 'oslo-sv-2024-2027', '--format', 'yaml', '--out', file],
      shared.env,
    );
    expect(exported.code).toBe(0);
    const doc = parseYaml(readFileSync(file, 'utf8'));
    expect(doc.plan).toMatchObject({ id: 'oslo-sv-2024-2027', predecessor: 'oslo-sv-2020-2023' });
    const imported = await runCli(['import', file, '--id', 'oslo-sv-kopi-2024-2027'], shared.env);
    expect(imported.stdout).toMatch(/Imported oslo-sv-kopi-2024-2027: \d+ events/);
    const copy = await runCli(['export', 'oslo-sv-kopi-2024-2027', '--format', 'json'], shared.env);
    expect(JSON.parse(copy.stdout).sections).toEqual(doc.sections);
  });

  it('exports the meeting papers with the line numbers the document printed', async () => {
    const md = await runCli(['export', 'oslo-sv-2024-2027', '--format', 'md', '--line-numbers'], shared.env);
    expect(md.code).toBe(0);
    // The document's own numbers: the title page had none, chapter 1 starts on line 27, and the
    // rows of its tables were printed without numbers.
    expect(md.stdout).toMatch(/^ {5}# Oslo SVs arbeids- og organisasjonsplan 2024-2027/);
    expect(md.stdout).toMatch(/^ 27 {2}## 1 Innledning$/m);
    expect(md.stdout).toMatch(
      /^ {5}A\. Hele Oslo SV \(alle lokallag\) skal jevnlig banke på dører i 2026-2027\.$/m,
    );
    expect(md.stdout).toMatch(/^ {8}\*Ansvar: FS, LL, BSG\*$/m);
  });

  it('shows a dry run as a plan document and what it found, writing nothing', async () => {
    const dry = await runCli(
      ['import', join(SEEDS, '004_3e48e6934c8e8695.txt'), '--dry-run', '--id', 'buskerud-prove'],
      shared.env,
    );
    expect(dry.code).toBe(0);
    expect(parseYaml(dry.stdout).plan.id).toBe('buskerud-prove');
    expect(dry.stderr).toMatch(/Found \(\S+\): 7 sections, 17 goals, 26 measures/);
    const list = await runCli(['plans', 'list', '--json'], shared.env);
    expect(JSON.parse(list.stdout).map((p: any) => p.id)).not.toContain('buskerud-prove');
  });

  it('imports a plan as in force from a given date, so it can be read as of dates after it', async () => {
    const file = join(SEEDS, '004_3e48e6934c8e8695.txt');
    const imported = await runCli(
      ['import', file, '--id', 'buskerud-fra-2024', '--effective-at', '2024-01-01'],
      shared.env,
    );
    expect(imported.code).toBe(0);
    expect(
      (await runCli(['export', 'buskerud-fra-2024', '--as-of', '2024-06-01', '--format', 'json'], shared.env))
        .code,
    ).toBe(0);
    const before = await runCli(['export', 'buskerud-fra-2024', '--as-of', '2023-12-31'], shared.env);
    // Not there on that date: exit 2, as for any plan, revision or date that is not found.
    expect(before.code).toBe(2);
    expect(before.stderr).toMatch(/did not exist yet on 2023-12-31/);
  });

  it('refuses a bad document with every problem and its line, writing nothing', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'plan:\n  id: Bad Id\n  org: x\n  title: T\n  period: { from: 2027, to: 2024 }\nsections: []\n',
    );
    const result = await runCli(['import', file], shared.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 2: plan\.id: must be a lower-case slug/);
    expect(result.stderr).toMatch(/line 5: plan\.period: must run forwards/);
  });

  it('prints the lineage from the 2020 plan to the 2026 plan as JSON, with texts and addresses on both sides', async () => {
    const result = await runCli(['lineage', 'oslo-sv-2020-2023', 'oslo-sv-2024-2027', '--json'], shared.env);
    expect(result.code).toBe(0);
    const lineage = JSON.parse(result.stdout);
    const ny = lineage.measures.find((l: any) =>
      l.from.some((f: any) => /Ny i SV-møter minst 4 ganger/.test(f.text)),
    );
    expect(ny).toMatchObject({
      kind: 'reworded',
      score: expect.any(Number),
      to: [expect.objectContaining({ address: '4.2.J' })],
    });
    expect(lineage.measures.some((l: any) => l.kind === 'dropped')).toBe(true);
    expect(lineage.measures.some((l: any) => l.kind === 'new')).toBe(true);
  });

  it('confirms a link from the command line, and the lineage then shows it confirmed', async () => {
    const lineage = JSON.parse(
      (await runCli(['lineage', 'oslo-sv-2020-2023', 'oslo-sv-2024-2027', '--json'], shared.env)).stdout,
    );
    const link = lineage.measures.find(
      (l: any) => l.kind === 'reworded' && l.from.length === 1 && l.to.length === 1,
    );
    const confirm = await runCli(
      [
        'lineage',
        'confirm',
        'oslo-sv-2020-2023',
        'oslo-sv-2024-2027',
        '--from',
        link.from[0].id,
        '--to',
        link.to[0].id,
        '--kind',
        'reworded',
      ],
      shared.env,
    );
    expect(confirm.stderr).toBe('');
    expect(confirm.code).toBe(0);
    const after = JSON.parse(
      (await runCli(['lineage', 'oslo-sv-2020-2023', 'oslo-sv-2024-2027', '--json'], shared.env)).stdout,
    );
    expect(after.measures.find((l: any) => l.to[0]?.id === link.to[0].id)).toMatchObject({ confirmed: true });
  });

  it('writes the audit report 2020 -> 2026 as an HTML page', async () => {
    const file = join(dir, 'revisjon.html');
    const result = await runCli(
      ['audit', 'oslo-sv-2020-2023', 'oslo-sv-2024-2027', '--format', 'html', '--out', file],
      shared.env,
    );
    expect(result.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/<h1>Revisjon: fra Oslo SVs Arbeidsplan 2020-2023 til/);
    expect(html).toMatch(/Ikke videreført fra Oslo SVs Arbeidsplan 2020-2023/);
  });

  it('says so for an unknown plan, and for --revision with --as-of', async () => {
    expect((await runCli(['export', 'no-such-plan'], shared.env)).code).toBe(2);
    const both = await runCli(
      ['export', 'oslo-sv-2024-2027', '--revision', '1', '--as-of', '2025-01-01'],
      shared.env,
    );
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/either --revision or --as-of/);
  });
  it('imports a Word file, and reports what it found in it', async () => {
    const docx = fileURLToPath(
      new URL(
        '../../libs/text-import/src/__fixtures__/documents/grunerlokka-sv-arsplan-2026.docx',
        import.meta.url,
      ),
    );
    const dry = await runCli(['import', docx, '--dry-run', '--json'], shared.env);
    expect(dry.code).toBe(0);
    const preview = JSON.parse(dry.stdout);
    expect(preview.report).toMatchObject({ format: 'docx', shape: 'general', measures: 22 });
    expect(preview.document.plan.id).toBe('grunerlokka-sv-2026');

    const result = await runCli(['import', docx], shared.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Found (general, docx): 6 sections, 3 goals, 22 measures');
    expect(result.stdout).toContain('Imported grunerlokka-sv-2026');
    const exported = await runCli(['export', 'grunerlokka-sv-2026', '--format', 'json'], shared.env);
    const plan = JSON.parse(exported.stdout);
    expect(plan.sections[1].measures[0]).toMatchObject({
      label: 'A',
      text: 'Ringe alle nye medlemmer innen to uker etter innmelding',
      timing: 'innen to uker',
      responsibleParties: ['Medlemsansvarlig'],
    });
    const again = await runCli(['import', docx], shared.env);
    expect(again.stdout).toContain('was already imported from this document; nothing changed');
  });

  describe('a folder or a zip of documents', () => {
    const FIXTURES = fileURLToPath(
      new URL('../../libs/text-import/src/__fixtures__/documents/', import.meta.url),
    );
    const DOCUMENTS = [
      'bergen-mdg-arbeidsplan-2026.odt',
      'malmo-v-verksamhetsplan-2026.md',
      'nordre-aker-sv-arbeidsplan-2026.txt',
      'tromso-rodt-handlingsplan-2025-2027.pdf',
      'voss-sp-handlingsplan-2026-2027.txt',
    ];
    const LETTER = 'Hei alle sammen!\n\nVelkommen til julebord fredag.\nHilsen styret\n';

    it('imports every document in a folder, with a summary per document, and goes on past one it refuses', async () => {
      const folder = join(dir, 'planer');
      mkdirSync(join(folder, 'gamle'), { recursive: true });
      for (const name of DOCUMENTS.slice(0, 3)) copyFileSync(join(FIXTURES, name), join(folder, name));
      for (const name of DOCUMENTS.slice(3)) copyFileSync(join(FIXTURES, name), join(folder, 'gamle', name));
      writeFileSync(join(folder, 'julebord.txt'), LETTER);
      writeFileSync(join(folder, '.DS_Store'), 'x');
      writeFileSync(join(folder, 'logo.png'), 'x');

      const result = await runCli(['import', folder], shared.env);
      expect(result.code).toBe(1);
      const lines = result.stdout.trim().split('\n');
      expect(lines).toHaveLength(7);
      expect(lines[0]).toMatch(
        /^bergen-mdg-arbeidsplan-2026\.odt\s+imported bergen-mdg-2026 \(odt, \d+ sections, \d+ goals, \d+ measures, \d+ issues\)$/,
      );
      expect(lines.find((l) => l.startsWith('gamle/tromso-rodt'))).toMatch(
        /imported tromso-rodt-2025-2027 \(pdf, /,
      );
      expect(lines.find((l) => l.startsWith('julebord.txt'))).toMatch(
        /refused: found no (goals or measures|title|period)/,
      );
      expect(lines[6]).toBe('6 documents: 5 imported, 1 refused');
      // Not on a terminal: one progress line per document on standard error.
      expect(result.stderr).toMatch(/^\[1\/6\] bergen-mdg-arbeidsplan-2026\.odt$/m);
      expect(result.stderr).toMatch(/^\[\d\/6\] julebord\.txt$/m);

      const again = await runCli(['import', folder, '--json'], shared.env);
      const summary = JSON.parse(again.stdout);
      expect(summary.totals).toEqual({ imported: 0, unchanged: 5, read: 0, refused: 1 });
      expect(summary.documents.find((d: any) => d.file === 'julebord.txt').refusal.refusal).toMatchObject({
        lookedFor: expect.any(Array),
        nextNorwegian: expect.any(Array),
      });
    });

    it('reads a zip the same way (a dry run here), passing over what is not a document', async () => {
      const zip = join(dir, 'planer.zip');
      const entries: Record<string, Uint8Array> = {
        'planer/julebord.txt': strToU8(LETTER),
        '__MACOSX/planer/._voss.txt': strToU8('x'),
      };
      for (const name of DOCUMENTS)
        entries[`planer/${name}`] = new Uint8Array(readFileSync(join(FIXTURES, name)));
      writeFileSync(zip, zipSync(entries));
      const result = await runCli(['import', zip, '--dry-run', '--json'], shared.env);
      expect(result.code).toBe(1);
      const summary = JSON.parse(result.stdout);
      expect(summary.totals).toEqual({ imported: 0, unchanged: 0, read: 5, refused: 1 });
      expect(summary.documents.map((d: any) => [d.file, d.outcome])).toEqual([
        ['planer/bergen-mdg-arbeidsplan-2026.odt', 'read'],
        ['planer/julebord.txt', 'refused'],
        ['planer/malmo-v-verksamhetsplan-2026.md', 'read'],
        ['planer/nordre-aker-sv-arbeidsplan-2026.txt', 'read'],
        ['planer/tromso-rodt-handlingsplan-2025-2027.pdf', 'read'],
        ['planer/voss-sp-handlingsplan-2026-2027.txt', 'read'],
      ]);
      expect(summary.documents[5]).toMatchObject({ planId: 'voss-sp-2026-2027', found: { format: 'text' } });
    });

    it('prints a refusal as JSON with --json: what was looked for and what to do next', async () => {
      const letter = join(dir, 'julebord.txt');
      writeFileSync(letter, LETTER);
      const result = await runCli(['import', letter, '--json'], shared.env);
      expect(result.code).toBe(1);
      const refusal = JSON.parse(result.stdout);
      expect(refusal).toMatchObject({
        error: 'UNREADABLE_DOCUMENT',
        refusal: {
          code: expect.any(String),
          lookedFor: expect.arrayContaining([expect.stringMatching(/headings/)]),
          next: expect.arrayContaining([expect.stringMatching(/docs\/plan-document\.md/)]),
        },
      });
    });
  });

  it('shows every line of a file beside what it became (--review), and takes corrections from a file', async () => {
    const voss = fileURLToPath(
      new URL(
        '../../libs/text-import/src/__fixtures__/documents/voss-sp-handlingsplan-2026-2027.txt',
        import.meta.url,
      ),
    );
    const review = await runCli(['import', voss, '--review'], shared.env);
    expect(review.code).toBe(0);
    expect(review.stdout).toMatch(
      /^16 {2}measure 1\.A {8}- Skipe medlemsmøte kvar månad med eit aktuelt politisk tema\.$/m,
    );
    expect(review.stdout).toContain(
      '-> Skipe medlemsmøte kvar månad med eit aktuelt politisk tema. | timing: kvar månad | Ansvar: Styret',
    );
    expect(review.stdout).toMatch(/^17 {2}responsible 1\.A +Ansvar: styret$/m);

    const corrections = join(dir, 'rettelser.json');
    writeFileSync(
      corrections,
      JSON.stringify([
        { line: 25, kind: 'goal' },
        { line: 16, timing: 'Første måndag' },
      ]),
    );
    const dry = await runCli(
      ['import', voss, '--corrections', corrections, '--dry-run', '--json'],
      shared.env,
    );
    expect(dry.code).toBe(0);
    const { document, report, corrections: applied } = JSON.parse(dry.stdout);
    expect(applied).toHaveLength(2);
    expect(report.corrections).toBe(2);
    expect(document.sections[1].goals.map((g: any) => g.text)).toContain(
      'Skipe sommarfest for medlemer og sympatisørar i juni 2026.',
    );
    expect(document.sections[1].measures[0]).toMatchObject({ timing: 'Første måndag' });
  });
});
