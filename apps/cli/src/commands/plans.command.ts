import type { Command } from 'commander';
import { PlanQueries } from '@app/runtime';
import type { SectionView } from '@app/read-models';
import { withRuntime } from '../cli-context.js';

export function registerPlanCommands(program: Command): void {
  const plans = program.command('plans').description('Plans in the read model');

  plans
    .command('list')
    .description('List plans')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withRuntime(async (context) => {
        const list = await context.get(PlanQueries).listPlans();
        if (options.json) return console.log(JSON.stringify(list, null, 2));
        if (list.length === 0) return console.log('No plans yet.');
        for (const p of list)
          console.log(`${p.id}\t${p.period.from}-${p.period.to}\t${p.status}\t${p.title}`);
      });
    });

  plans
    .command('show <planId>')
    .description('Show the current plan')
    .option('--json', 'print JSON')
    .action(async (planId: string, options: { json?: boolean }) => {
      await withRuntime(async (context) => {
        const plan = await context.get(PlanQueries).findPlan(planId);
        if (!plan) {
          process.exitCode = 2;
          return console.error(`Plan "${planId}" not found`);
        }
        if (options.json) return console.log(JSON.stringify(plan, null, 2));
        console.log(`${plan.title} (${plan.period.from}-${plan.period.to}), revision ${plan.revision}`);
        const print = (sections: SectionView[], depth: number): void => {
          for (const s of sections) {
            console.log(`${'  '.repeat(depth)}${s.number} ${s.title}`);
            for (const m of s.measures) {
              const who = m.responsible.join(', ') || 'uten ansvarlig';
              console.log(
                `${'  '.repeat(depth + 1)}${m.label}. ${m.text} [${m.timing || '-'}; ${who}; ${m.status}]`,
              );
            }
            print(s.sections, depth + 1);
          }
        };
        print(plan.sections, 0);
      });
    });
}
