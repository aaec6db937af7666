import { type Command, Option } from 'commander';
import type { LineageLink, MeasureRef } from '@app/read-models';
import { withBackend } from '../backend/with-backend.js';
import { writeOutput } from '../write-output.js';

const ids = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function registerLineageCommands(program: Command): void {
  const lineage = program
    .command('lineage')
    .description('How the measures of a plan continue those of its predecessor')
    .argument('<fromPlan>', 'the earlier plan')
    .argument('<toPlan>', 'the later plan')
    .option('--json', 'print every link as JSON')
    .action(async (fromPlan: string, toPlan: string, options: { json?: boolean }) => {
      await withBackend(async (backend) => {
        const result = await backend.lineage(toPlan, fromPlan);
        if (options.json) return console.log(JSON.stringify(result, null, 2));
        for (const link of result.measures) console.log(describe(link));
      });
    });

  for (const [name, decision] of [
    ['confirm', 'ConfirmLineage'],
    ['reject', 'RejectLineage'],
  ] as const) {
    const sub = lineage
      .command(name)
      .description(
        name === 'confirm'
          ? 'Confirm or correct a link (an event on the later plan)'
          : 'Reject a suggested link',
      )
      .argument('<fromPlan>')
      .argument('<toPlan>')
      .requiredOption('--from <ids>', 'comma-separated measure or goal ids of the earlier plan')
      .requiredOption('--to <ids>', 'comma-separated measure or goal ids of the later plan')
      .option('--note <text>', 'why');
    if (name === 'confirm') {
      sub.addOption(
        new Option('--kind <kind>', 'what kind of link')
          .choices(['unchanged', 'reworded', 'merged', 'split'])
          .default('reworded'),
      );
    }
    sub.action(
      async (
        fromPlan: string,
        toPlan: string,
        options: {
          from: string;
          to: string;
          note?: string;
          kind?: 'unchanged' | 'reworded' | 'merged' | 'split';
        },
      ) => {
        await withBackend(async (backend) => {
          const change = {
            fromPlanId: fromPlan,
            from: ids(options.from),
            to: ids(options.to),
            ...(options.note ? { note: options.note } : {}),
          };
          await backend.decideLineage(toPlan, {
            type: decision,
            ...change,
            ...(decision === 'ConfirmLineage' ? { kind: options.kind ?? 'reworded' } : {}),
          });
          console.log(
            `${name === 'confirm' ? 'Confirmed' : 'Rejected'} ${change.from.join(',')} -> ${change.to.join(',')}`,
          );
        });
      },
    );
  }

  program
    .command('audit <fromPlan> <toPlan>')
    .description('Audit report: how a plan changed into its successor, area by area (Norwegian)')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'html']).default('md'))
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (fromPlan: string, toPlan: string, options: { format: 'md' | 'html'; out?: string }) => {
      await withBackend(async (backend) => {
        const body = await backend.auditReport(toPlan, fromPlan, options.format);
        writeOutput(body, options.out);
      });
    });
}

function describe(link: LineageLink<MeasureRef>): string {
  const side = (refs: MeasureRef[]) => refs.map((r) => r.address).join('+') || '-';
  const mark = link.confirmed ? ' (confirmed)' : '';
  return `${link.kind.padEnd(9)} ${side(link.from).padEnd(12)} -> ${side(link.to).padEnd(12)} ${link.score.toFixed(2)}${mark}`;
}
