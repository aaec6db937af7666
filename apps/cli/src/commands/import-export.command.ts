import { type Command, Option } from 'commander';
import { isIsoDate, notAnIsoDate } from '@app/domain';
import { UnreadableFileError } from '@app/document-readers';
import { PlanDocumentError, toYaml } from '@app/plan-document';
import {
  reviewElementsByLine,
  UnreadableDocumentError,
  type ImportCorrection,
  type ImportReport,
} from '@app/text-import';
import type { PlanDocument } from '@app/plan-document';
import { DirectoryImports, type ImportFormat } from '@app/runtime';
import cliProgress from 'cli-progress';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { cliActor } from '../backend/local-backend.js';
import type { ImportAnswer, PlanverkBackend } from '../backend/planverk-backend.js';
import { withBackend } from '../backend/with-backend.js';
import { ApiError } from '../remote/api-client.js';
import { IMPORT_EXTENSIONS, importFiles, isFolder, isZip, type ImportFile } from './import-files.js';
import { withRuntime } from '../cli-context.js';
import { requireDatabase } from '../target.js';
import { writeOutput } from '../write-output.js';

export function registerImportExportCommands(program: Command): void {
  program
    .command('import [path]')
    .description(
      'Import a plan: a plan document (YAML/JSON), or a plan as Word (.docx), ODF (.odt), PDF, Markdown or text; a folder or a .zip imports every document in it, with a summary per document; --all imports the seed plans and links them',
    )
    .option(
      '--all <dir>',
      'import every plan file in a folder, register their organisations and link the plans',
    )
    .option('--id <planId>', "the plan's id (default: from the document, or organisation and period)")
    .option('--org <organisation>', 'the organisation, where the text does not name it')
    .option(
      '--effective-at <date>',
      'when the plan took effect, where the document does not say (default: today)',
    )
    .addOption(
      new Option('--format <format>', 'what the file is')
        .choices(['auto', 'document', 'text'])
        .default('auto'),
    )
    .option('--dry-run', 'show the plan document and what was found, write nothing')
    .option('--review', 'with a file: every line of the source beside what it became (a dry run)')
    .option(
      '--corrections <file>',
      'a JSON array of corrections of what is read from the file (see README, Corrections); kept with the import',
    )
    .option('--json', 'print the result as JSON')
    .action(async (file: string | undefined, options: ImportCliOptions) => {
      if (options.all) {
        requireDatabase('import --all');
        return importAll(options.all, options.json === true);
      }
      if (!file)
        throw new Error('Name a file, a folder or a .zip to import, or the seed folder with --all <dir>');
      if (options.effectiveAt !== undefined && !isIsoDate(options.effectiveAt)) {
        throw new Error(notAnIsoDate('--effective-at', options.effectiveAt));
      }
      if (isFolder(file) || isZip(file)) return importMany(file, options);
      await importOne(file, options);
    });

  program
    .command('export <planId>')
    .description('Export a plan as a plan document (yaml, json) or a readable Markdown document (md)')
    .option('--revision <n>', 'an adopted revision (1 for the first adoption)', parsePositiveInt)
    .option('--as-of <date>', 'the plan as it stood on this date (YYYY-MM-DD)')
    .addOption(
      new Option('--format <format>', 'output format (html and docx with --redline)')
        .choices(['yaml', 'json', 'md', 'html', 'docx'])
        .default('yaml'),
    )
    .option('--line-numbers', 'md only: number every line, as meeting papers do')
    .option(
      '--redline',
      'the revision against the one before (or --from): struck and inserted text, each change annotated',
    )
    .option('--from <n>', 'with --redline: the adopted revision to compare with', parsePositiveInt)
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (planId: string, options: ExportCliOptions) => {
      if (options.redline) return exportRedline(planId, options);
      if (options.format === 'html' || options.format === 'docx') {
        throw new Error(`--format ${options.format} is for --redline; a plan exports as yaml, json or md`);
      }
      if (options.revision !== undefined && options.asOf !== undefined)
        throw new Error('Give either --revision or --as-of, not both');
      if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
        throw new Error(notAnIsoDate('--as-of', options.asOf));
      }
      const moment = {
        ...(options.revision ? { revision: options.revision } : {}),
        ...(options.asOf ? { asOf: options.asOf } : {}),
      };
      const format = options.format;
      await withBackend(async (backend) => {
        const body = await backend.planDocument(planId, moment, format, options.lineNumbers === true);
        writeOutput(body, options.out);
      });
    });
}

async function exportRedline(planId: string, options: ExportCliOptions): Promise<void> {
  if (options.asOf !== undefined)
    throw new Error('--redline compares adopted revisions: use --revision and --from');
  if (options.format === 'docx' && !options.out) throw new Error('--format docx needs --out <file>');
  const format = options.format === 'docx' || options.format === 'html' ? options.format : 'md';
  await withBackend(async (backend) => {
    const range = {
      ...(options.from ? { from: options.from } : {}),
      ...(options.revision ? { to: options.revision } : {}),
    };
    writeOutput(await backend.redline(planId, range, format), options.out);
  });
}

interface ImportCliOptions {
  all?: string;
  effectiveAt?: string;

  id?: string;
  org?: string;
  format: ImportFormat;
  dryRun?: boolean;
  review?: boolean;
  corrections?: string;
  json?: boolean;
}

interface ExportCliOptions {
  revision?: number;
  asOf?: string;
  format: 'yaml' | 'json' | 'md' | 'html' | 'docx';
  redline?: boolean;
  from?: number;
  lineNumbers?: boolean;
  out?: string;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`Expected a whole number from 1, got "${value}"`);
  return n;
}

/** The request that imports one file as it is: the server (or the local runtime) reads it. */
function importRequest(file: ImportFile, options: ImportCliOptions) {
  return {
    bytes: file.bytes,
    format: options.format,
    sourceName: basename(file.name),
    dryRun: options.dryRun === true || options.review === true,
    ...(options.corrections ? { corrections: readCorrections(options.corrections) } : {}),
    ...(options.id ? { id: options.id } : {}),
    ...(options.org ? { org: options.org } : {}),
    ...(options.effectiveAt ? { effectiveAt: options.effectiveAt } : {}),
  };
}

function readCorrections(file: string): ImportCorrection[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`${file} must hold a JSON array of corrections`);
  return parsed as ImportCorrection[];
}

/**
 * Why a document was refused, as --json prints it: the refusal in parts (what was looked for,
 * what to do next, in English and Norwegian), a damaged file's message, a plan document's
 * problems, or the api's own answer; undefined for errors that are not about the document.
 */
function refusalJson(error: unknown): Record<string, unknown> | undefined {
  if (error instanceof UnreadableDocumentError)
    return {
      error: 'UNREADABLE_DOCUMENT',
      message: error.message,
      ...(error.refusal ? { refusal: error.refusal } : {}),
    };
  if (error instanceof UnreadableFileError)
    return { error: 'UNREADABLE_FILE', message: error.message, norwegian: error.norwegian };
  if (error instanceof PlanDocumentError)
    return { error: error.code, message: error.message, issues: error.issues };
  if (
    error instanceof ApiError &&
    error.status === 400 &&
    typeof error.body === 'object' &&
    error.body !== null
  )
    return error.body as Record<string, unknown>;
  return undefined;
}

/**
 * Imports one file as it is (Word, ODF, PDF, Markdown, text, or a plan document): the local
 * runtime or the server reads it with the document readers, and applies the corrections kept
 * from an earlier import of the same file on the import page.
 */
async function importOne(file: string, options: ImportCliOptions): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file));
  await withBackend(async (backend) => {
    let result: ImportAnswer;
    try {
      result = await backend.importPlan(importRequest({ name: file, bytes }, options));
    } catch (error) {
      const refusal = options.json ? refusalJson(error) : undefined;
      if (!refusal) throw error;
      console.log(JSON.stringify(refusal, null, 2));
      process.exitCode = 1;
      return;
    }
    if (options.json) return console.log(JSON.stringify(result, null, 2));
    if (result.dryRun && options.review) {
      if (!result.report || !result.sourceLines)
        throw new Error('--review shows what was read from a plan text or file; this is a plan document');
      process.stdout.write(reviewText(result.document, result.report, result.sourceLines));
      printReport(result.report, process.stderr);
      return;
    }
    if (result.dryRun) {
      process.stdout.write(toYaml(result.document));
      if (result.report) printReport(result.report, process.stderr);
      return;
    }
    if (result.report) printReport(result.report, process.stdout);
    console.log(
      result.appended
        ? `Imported ${result.planId}: ${result.events} events`
        : `${result.planId} was already imported from this document; nothing changed`,
    );
  });
}

/** What became of one document of a folder or zip. */
interface DocumentSummary {
  readonly file: string;
  readonly outcome: 'imported' | 'unchanged' | 'read' | 'refused';
  readonly planId?: string;
  readonly found?: { sections: number; goals: number; measures: number; issues: number; format?: string };
  readonly reason?: string;
  readonly refusal?: Record<string, unknown>;
}

async function importDocument(
  backend: PlanverkBackend,
  file: ImportFile,
  options: ImportCliOptions,
): Promise<DocumentSummary> {
  try {
    const answer = await backend.importPlan(importRequest(file, options));
    const r = answer.report;
    return {
      file: file.name,
      outcome: answer.dryRun ? 'read' : answer.appended ? 'imported' : 'unchanged',
      planId: answer.planId,
      ...(r
        ? {
            found: {
              sections: r.sections,
              goals: r.goals,
              measures: r.measures,
              issues: r.issues.length,
              ...(r.format ? { format: r.format } : {}),
            },
          }
        : {}),
    };
  } catch (error) {
    const refusal = refusalJson(error);
    // Another kind of failure (the server gone, the database down) stops the run.
    if (!refusal && !(error instanceof ApiError && error.status < 500)) throw error;
    const message = (error as Error).message;
    return {
      file: file.name,
      outcome: 'refused',
      reason: (message.split('. Looked for:')[0] ?? message).replace(/^no recognisable plan shape: /, ''),
      ...(refusal ? { refusal } : {}),
    };
  }
}

/**
 * Imports every document in a folder (and its subfolders) or a zip, one at a time, with a
 * progress bar on a terminal (a line per document otherwise), then a summary per document: the
 * plan it became and what was found, or why it was refused. A refused document does not stop
 * the others; the exit code is 1 when any was refused.
 */
async function importMany(path: string, options: ImportCliOptions): Promise<void> {
  const files = importFiles(path);
  if (files.length === 0) throw new Error(`No documents (${IMPORT_EXTENSIONS.join(', ')}) in ${path}`);
  const tty = process.stderr.isTTY === true && !options.json;
  const bar = new cliProgress.SingleBar(
    { format: 'Importing [{bar}] {value}/{total} {file}', hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  const summaries: DocumentSummary[] = [];
  await withBackend(async (backend) => {
    if (tty) bar.start(files.length, 0, { file: '' });
    for (const [i, file] of files.entries()) {
      if (tty) bar.update(i, { file: file.name });
      else if (!options.json) process.stderr.write(`[${i + 1}/${files.length}] ${file.name}\n`);
      summaries.push(await importDocument(backend, file, options));
      if (tty) bar.update(i + 1, { file: file.name });
    }
    if (tty) bar.stop();
  });
  const count = (outcome: DocumentSummary['outcome']) =>
    summaries.filter((s) => s.outcome === outcome).length;
  if (summaries.some((s) => s.outcome === 'refused')) process.exitCode = 1;
  if (options.json) {
    const totals = {
      imported: count('imported'),
      unchanged: count('unchanged'),
      read: count('read'),
      refused: count('refused'),
    };
    return console.log(JSON.stringify({ documents: summaries, totals }, null, 2));
  }
  const width = Math.max(...summaries.map((s) => s.file.length));
  for (const s of summaries) {
    const f = s.found;
    const found = f
      ? ` (${[f.format, `${f.sections} sections`, `${f.goals} goals`, `${f.measures} measures`, `${f.issues} issues`].filter(Boolean).join(', ')})`
      : '';
    const what =
      s.outcome === 'refused'
        ? `refused: ${s.reason}`
        : `${s.outcome === 'read' ? 'read as' : s.outcome} ${s.planId}${found}`;
    console.log(`${s.file.padEnd(width)}  ${what}`);
  }
  const parts = [
    options.dryRun ? `${count('read')} read` : `${count('imported')} imported`,
    ...(count('unchanged') ? [`${count('unchanged')} unchanged`] : []),
    `${count('refused')} refused`,
  ];
  console.log(`${summaries.length} documents: ${parts.join(', ')}`);
}

async function importAll(dir: string, json: boolean): Promise<void> {
  await withRuntime(async (context) => {
    const bar = new cliProgress.SingleBar(
      { format: 'Importerer [{bar}] {value}/{total} {file}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    const tty = process.stderr.isTTY && !json;
    let started = false;
    const result = await context.get(DirectoryImports).importDirectory(dir, cliActor(), (p) => {
      if (!tty) return;
      if (!started) {
        bar.start(p.total, 0, { file: '' });
        started = true;
      }
      bar.update(p.done, { file: p.file });
    });
    if (started) bar.stop();
    if (json) return console.log(JSON.stringify(result, null, 2));
    for (const p of result.plans) {
      const r = p.report;
      const counts = r
        ? ` (${r.sections} sections, ${r.goals} goals, ${r.measures} measures, ${r.issues.length} issues)`
        : '';
      console.log(`${p.appended ? 'Imported' : 'Unchanged'} ${p.planId} from ${p.file}${counts}`);
    }
    for (const l of result.links) {
      const parts = [
        l.predecessorPlanId ? `succeeds ${l.predecessorPlanId}` : '',
        l.parentPlanId ? `follows up ${l.parentPlanId}` : '',
      ];
      console.log(`Linked ${l.planId}: ${parts.filter(Boolean).join(', ')}`);
    }
  });
}

function printReport(
  report: {
    shape: string;
    sections: number;
    goals: number;
    measures: number;
    bodies: number;
    measurements: number;
    format?: string;
    issues: Array<{ line: number; message: string }>;
  },
  out: NodeJS.WritableStream,
): void {
  out.write(
    `Found (${report.shape}${report.format && report.format !== 'text' ? `, ${report.format}` : ''}): ${report.sections} sections, ${report.goals} goals, ${report.measures} measures, ${report.bodies} bodies, ${report.measurements} measurements\n`,
  );
  for (const issue of report.issues) out.write(`  line ${issue.line}: ${issue.message}\n`);
}

/**
 * The review as text: every line of the source with what it became (its kind and address, or
 * why it was left out), and under each goal or measure's first line what was found: its text,
 * timing and Ansvar. Corrections name the line numbers printed here.
 */
function reviewText(document: PlanDocument, report: ImportReport, sourceLines: readonly string[]): string {
  const accounts = new Map((report.lines ?? []).map((a) => [a.line, a]));
  const starts = reviewElementsByLine(document, report);
  const width = String(sourceLines.length).length;
  const out: string[] = [];
  sourceLines.forEach((text, i) => {
    const line = i + 1;
    const account = accounts.get(line);
    if (!account || text.trim() === '') return;
    const what = `${account.kind}${account.ref ? ` ${account.ref}` : ''}`.padEnd(18);
    out.push(`${String(line).padStart(width)}  ${what} ${text.trim()}`);
    if (account.kind === 'left-out' && account.reason)
      out.push(`${' '.repeat(width + 2)}${' '.repeat(19)}(${account.reason})`);
    (starts.get(line) ?? []).forEach((element, i) => {
      const parts = [
        element.text,
        ...(element.kind === 'measure'
          ? [`timing: ${element.timing || '-'}`, `Ansvar: ${element.responsible || '-'}`]
          : []),
      ];
      // A second element of the line (a row's measure beside its goal) is named, as the first is above.
      const also = i > 0 ? `${element.kind} ${element.ref} ` : '';
      out.push(`${' '.repeat(width + 2)}${' '.repeat(19)}-> ${also}${parts.join(' | ')}`);
    });
  });
  return `${out.join('\n')}\n`;
}
