import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { verifyLines } from '@app/audit-export';
import { withBackend } from '../backend/with-backend.js';

export function registerAuditCommands(program: Command): void {
  program
    .command('audit-export <planId>')
    .description('Export every event of a plan as JSON lines, each hash-chained to the one before')
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (planId: string, options: { out?: string }) => {
      await withBackend(async (backend) => {
        const text = await backend.auditExport(planId);
        if (!options.out) return void process.stdout.write(text);
        await writeFile(options.out, text, 'utf8');
        const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as { events: number };
        console.log(`Exported ${header.events} events of plan "${planId}" to ${options.out}`);
      });
    });

  program
    .command('audit-verify <file>')
    .description('Check an audit export: reports every edited, removed, reordered or malformed line')
    .action(async (file: string) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        process.exitCode = 2;
        return console.error(`Cannot read ${file}: ${(error as Error).message}`);
      }
      const result = verifyLines(text);
      if (result.ok) {
        console.log(`OK: ${result.events} events, chain intact`);
        console.log(`Final hash: ${result.finalHash}`);
        return;
      }
      process.exitCode = 1;
      for (const problem of result.problems) {
        console.log(`line ${problem.line}: ${problem.kind.replaceAll('_', ' ')}: ${problem.message}`);
      }
      const count = result.problems.length;
      console.log(`FAILED: ${count} problem${count === 1 ? '' : 's'} in ${result.events} events`);
    });
}
