import { type Command, Option } from 'commander';
import { isIsoDate, notAnIsoDate } from '@app/domain';
import { readDocumentFile } from '@app/document-readers';
import { toYaml } from '@app/plan-document';
import { importPlanFile } from '@app/text-import';
import { DirectoryImports, type ImportFormat } from '@app/runtime';
import cliProgress from 'cli-progress';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { cliActor } from '../backend/local-backend.js';
import { withBackend } from '../backend/with-backend.js';
import { withRuntime } from '../cli-context.js';
import { requireDatabase } from '../target.js';
import { writeOutput } from '../write-output.js';

export function registerImportExportCommands(program: Command): void {
  program
    .command('import [file]')
    .description(
      'Import a plan: a plan document (YAML/JSON), or a plan as Word (.docx), ODF (.odt), PDF, Markdown or text; --all imports a folder',
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
    .option('--json', 'print the result as JSON')
    .action(async (file: string | undefined, options: ImportCliOptions) => {
      if (options.all) {
        requireDatabase('import --all');
        return importAll(options.all, options.json === true);
      }
      if (!file) throw new Error('Name a file to import, or a folder with --all <dir>');
      if (options.effectiveAt !== undefined && !isIsoDate(options.effectiveAt)) {
        throw new Error(notAnIsoDate('--effective-at', options.effectiveAt));
      }
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

/**
 * Imports one file. Text, YAML and JSON go to the importer as they are; Word, ODF, PDF and
 * Markdown are read here (the same readers the api uses) and sent on as the plan document
 * they hold, so the same works against a remote server.
 */
async function importOne(file: string, options: ImportCliOptions): Promise<void> {
  const sourceName = basename(file);
  const read = await readDocumentFile(new Uint8Array(readFileSync(file)), sourceName);
  const fromFile =
    'text' in read || options.format === 'document'
      ? undefined
      : importPlanFile(read, {
          sourceName,
          ...(options.id ? { id: options.id } : {}),
          ...(options.org ? { org: options.org } : {}),
        });
  const content = fromFile
    ? JSON.stringify(fromFile.document)
    : 'text' in read
      ? read.text
      : read.lines.join('\n');
  await withBackend(async (backend) => {
    const answer = await backend.importPlan({
      content,
      format: fromFile ? 'document' : options.format,
      sourceName,
      dryRun: options.dryRun === true,
      ...(options.id ? { id: options.id } : {}),
      ...(options.org ? { org: options.org } : {}),
      ...(options.effectiveAt ? { effectiveAt: options.effectiveAt } : {}),
    });
    const result = fromFile ? { ...answer, report: fromFile.report } : answer;
    if (options.json) return console.log(JSON.stringify(result, null, 2));
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
