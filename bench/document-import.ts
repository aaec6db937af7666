/**
 * A long Word plan imported through the api, as a plan editor's upload: how long reading it
 * (parse and the review data: the plan document, the account of every line, the source's lines)
 * and importing it (one append) take, and whether the api answers its other requests meanwhile.
 *
 *   npm run bench:import                       # about 100 pages (112 chapters, 101 pages as LibreOffice lays it out)
 *   npm run bench:import -- --chapters 224     # twice as long
 *
 * Needs DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/test) to create a
 * database of its own, dropped at the end. With LibreOffice installed, the Word file is also
 * converted to PDF to count its pages. Prints a table and writes bench/results/document-import-<stamp>.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
} from 'docx';
import { createBenchAdmin } from './admin.js';
import { startApi } from './api.js';
import { createBenchDatabase, round, summarise, type LatencySummary } from './support.js';

const ACTIONS = [
  'Arrangere',
  'Holde',
  'Lage',
  'Gjennomføre',
  'Starte',
  'Følge opp',
  'Skrive',
  'Invitere til',
];
const THINGS = [
  'et åpent møte om boligpolitikk i bydelen',
  'en skoleringsrekke for nye tillitsvalgte',
  'en kampanje for gratis kollektivtransport',
  'stands på torget hver lørdag i valgkampen',
  'et debattmøte med de andre partiene',
  'en undersøkelse blant medlemmene om hva de vil arbeide med',
  'leserinnlegg i lokalavisa om skolemat',
  'et samarbeid med fagforeningene om arbeidstid',
];
const WHO = ['styret', 'leder', 'sekretær', 'kasserer', 'organisatorisk nestleder', 'valgkampleder'];
const WHEN = ['Våren 2027', 'Høsten 2027', 'Innen 1. juni 2027', 'Løpende', 'Desember 2027', 'Hvert kvartal'];

/** A long Word plan in the shape parties write: styled chapters, goals, numbered measures and a Tiltak/Frist/Ansvar table each. */
async function longWordPlan(chapters: number): Promise<Buffer> {
  const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;
  const p = (text: string) => new Paragraph({ text });
  const cell = (text: string) => new TableCell({ children: [p(text)] });
  const row = (...cells: string[]) => new TableRow({ children: cells.map(cell) });
  const chapter = (c: number): (Paragraph | Table)[] => [
    new Paragraph({ text: `Kapittel ${c + 1}: Arbeid med område ${c + 1}`, heading: HeadingLevel.HEADING_1 }),
    ...Array.from({ length: 4 }, (_, i) =>
      p(
        `Dette kapitlet handler om hvordan laget arbeider med område ${c + 1} i perioden. ` +
          'Vi vil at flere medlemmer skal være aktive, at politikken vår skal bli kjent, og at vi skal ' +
          `samarbeide godt med andre lag og organisasjoner (avsnitt ${i + 1}).`,
      ),
    ),
    p('Mål:'),
    new Paragraph({
      text: `Minst ${50 + c} aktive medlemmer i område ${c + 1} innen utgangen av 2027.`,
      bullet: { level: 0 },
    }),
    new Paragraph({
      text: `Alle lokallag skal ha en kontaktperson for område ${c + 1}.`,
      bullet: { level: 0 },
    }),
    p('Tiltak:'),
    ...Array.from(
      { length: 12 },
      (_, i) =>
        new Paragraph({
          text: `${pick(ACTIONS, c + i)} ${pick(THINGS, c * 3 + i)} i område ${c + 1} (Ansvar: ${pick(WHO, c + i)}, frist: ${pick(WHEN, i)})`,
          numbering: { reference: 'tiltak', level: 0, instance: c },
        }),
    ),
    new Table({
      rows: [
        row('Tiltak', 'Frist', 'Ansvar'),
        ...Array.from({ length: 8 }, (_, i) =>
          row(
            `${pick(ACTIONS, i + 3)} ${pick(THINGS, c + i)} (tabell ${c + 1}.${i + 1})`,
            pick(WHEN, c + i),
            pick(WHO, i),
          ),
        ),
      ],
    }),
  ];
  return Packer.toBuffer(
    new Document({
      numbering: {
        config: [
          {
            reference: 'tiltak',
            levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: 'Handlingsplan for Benkeby SV 2026–2027', heading: HeadingLevel.TITLE }),
            p('Vedtatt av årsmøtet 14. februar 2026.'),
            ...Array.from({ length: chapters }, (_, c) => chapter(c)).flat(),
          ],
        },
      ],
    }),
  );
}

/** Pages of the Word file as LibreOffice lays it out, where LibreOffice is installed. */
function pagesOf(word: Buffer): number | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'planverk-bench-'));
  try {
    writeFileSync(join(dir, 'plan.docx'), word);
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'plan.docx')], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    const info = execFileSync('pdfinfo', [join(dir, 'plan.pdf')], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Asks the api for /health/live every `every` ms while `work` runs: how long it waited for its other requests. */
async function probing<T>(
  base: string,
  work: () => Promise<T>,
  every = 25,
): Promise<{ result: T; probes: number[] }> {
  const probes: number[] = [];
  let running = true;
  const prober = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${base}/health/live`).then((r) => r.arrayBuffer());
      probes.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, every));
    }
  })();
  try {
    return { result: await work(), probes };
  } finally {
    running = false;
    await prober;
  }
}

async function upload(
  base: string,
  token: string,
  word: Buffer,
  dryRun: boolean,
): Promise<Record<string, any>> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(word)]), 'benkeby-sv-handlingsplan.docx');
  form.append('dryRun', String(dryRun));
  const response = await fetch(`${base}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await response.json()) as Record<string, any>;
  if (!response.ok)
    throw new Error(`POST /imports answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const chapters = Number(args[args.indexOf('--chapters') + 1] ?? 112) || 112;
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const stamp = new Date()
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14);

  const made = performance.now();
  const word = await longWordPlan(chapters);
  const makeMs = performance.now() - made;
  const pages = pagesOf(word);

  const database = await createBenchDatabase(serverUrl, `import_${stamp}`);
  try {
    const token = await createBenchAdmin(database.url);
    const api = await startApi(database.url);
    try {
      const idle = await probing(api.base, () => new Promise((resolve) => setTimeout(resolve, 1000)));
      let started = performance.now();
      const review = await probing(api.base, () => upload(api.base, token, word, true));
      const reviewMs = performance.now() - started;
      started = performance.now();
      const imported = await probing(api.base, () => upload(api.base, token, word, false));
      const importMs = performance.now() - started;
      const report = review.result.report;
      const result = {
        when: new Date().toISOString(),
        machine: { cpus: cpus().length, memoryGiB: round(totalmem() / 1024 ** 3, 1), node: process.version },
        document: {
          chapters,
          pages: pages ?? null,
          bytes: word.length,
          sourceLines: review.result.sourceLines.length,
          measures: report.measures,
          goals: report.goals,
          madeInMs: round(makeMs, 0),
        },
        reviewMs: round(reviewMs, 0),
        importMs: round(importMs, 0),
        events: imported.result.events,
        otherRequests: {
          idle: summarise(idle.probes),
          duringReview: summarise(review.probes),
          duringImport: summarise(imported.probes),
        },
      };
      const dir = new URL('../../../bench/results/', import.meta.url);
      mkdirSync(dir, { recursive: true });
      writeFileSync(new URL(`document-import-${stamp}.json`, dir), `${JSON.stringify(result, null, 2)}\n`);
      const ms = (s: LatencySummary) =>
        `p50 ${round(s.p50, 1)} ms, p99 ${round(s.p99, 1)} ms, max ${round(s.max, 1)} ms (${s.samples} requests)`;
      console.log(
        [
          `Word plan: ${pages ?? '?'} pages (${chapters} chapters), ${round(word.length / 1024, 0)} KiB, ${result.document.sourceLines} lines, ${report.goals} goals, ${report.measures} measures`,
          `read + review data (POST /imports, dry run):  ${round(reviewMs / 1000, 2)} s`,
          `import (POST /imports: read + one append of ${imported.result.events} events):  ${round(importMs / 1000, 2)} s`,
          `GET /health/live meanwhile: idle ${ms(result.otherRequests.idle)}`,
          `                            during review ${ms(result.otherRequests.duringReview)}`,
          `                            during import ${ms(result.otherRequests.duringImport)}`,
        ].join('\n'),
      );
    } finally {
      await api.stop();
    }
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
