import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { reportRangeProblem } from '@app/read-models';
import { withBackend } from '../backend/with-backend.js';

interface ReportOptions {
  from?: string;
  to?: string;
  format: string;
  out?: string;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report <planId>')
    .description(
      'The follow-up report for the annual meeting (oppfølgingsrapport) over a period, in Norwegian',
    )
    .requiredOption('--from <date>', 'first day of the report period (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day of the report period; statuses as of this day (YYYY-MM-DD)')
    .option('--format <format>', 'md (Markdown) or html (a printable page)', 'md')
    .option('--out <file>', 'write the report to this file instead of printing it')
    .action(async (planId: string, options: ReportOptions) => {
      const problem =
        reportRangeProblem(options) ??
        (['md', 'html'].includes(options.format) ? undefined : '--format must be md or html');
      if (problem) {
        process.exitCode = 1;
        return console.error(`planverk: ${problem}`);
      }
      await withBackend(async (backend) => {
        const range = { from: options.from!, to: options.to! };
        const text = await backend.followUpReport(planId, range, options.format as 'md' | 'html');
        if (!options.out) return process.stdout.write(text);
        writeFileSync(options.out, text, 'utf8');
        console.log(`Wrote the report to ${options.out}`);
      });
    });
}
