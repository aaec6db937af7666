import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  PlanMomentNotFound,
  renderFollowUpReportHtml,
  renderFollowUpReportMarkdown,
  reportRangeProblem,
  type FollowUpReport,
} from '@app/read-models';
import { PlanQueries } from '@app/runtime';
import { withRuntime } from '../cli-context.js';

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
      await withRuntime(async (context) => {
        let report: FollowUpReport | undefined;
        try {
          report = await context.get(PlanQueries).followUpReport(planId, {
            from: options.from!,
            to: options.to!,
          });
        } catch (error) {
          if (!(error instanceof PlanMomentNotFound)) throw error;
          process.exitCode = 2;
          return console.error(error.message);
        }
        if (!report) {
          process.exitCode = 2;
          return console.error(`Plan "${planId}" not found`);
        }
        const text =
          options.format === 'html' ? renderFollowUpReportHtml(report) : renderFollowUpReportMarkdown(report);
        if (!options.out) return process.stdout.write(text);
        writeFileSync(options.out, text, 'utf8');
        console.log(`Wrote the report to ${options.out}`);
      });
    });
}
