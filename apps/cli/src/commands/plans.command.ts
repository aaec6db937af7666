import type { Command } from 'commander';
import { formatPeriodNb, responsibleNames, type SectionView } from '@app/read-models';
import { withBackend } from '../backend/with-backend.js';

export function registerPlanCommands(program: Command): void {
  program
    .command('organisations')
    .description('Organisations in the read model')
    .command('list')
    .description('List organisations: id, level, parent, name')
    .option('--json', 'print JSON, with their bodies and children')
    .action(async (options: { json?: boolean }) => {
      await withBackend(async (backend) => {
        const list = await backend.listOrganisations();
        if (options.json) return console.log(JSON.stringify(list, null, 2));
        if (list.length === 0) return console.log('No organisations yet.');
        for (const o of list) console.log(`${o.id}\t${o.level}\t${o.parentId ?? '-'}\t${o.name}`);
      });
    });

  const plans = program.command('plans').description('Plans in the read model');

  plans
    .command('list')
    .description('List plans')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withBackend(async (backend) => {
        const list = await backend.listPlans();
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
      await withBackend(async (backend) => {
        const plan = await backend.plan(planId);
        if (options.json) return console.log(JSON.stringify(plan, null, 2));
        console.log(`${plan.title} (${formatPeriodNb(plan.period)}), revision ${plan.revision}`);
        const print = (sections: SectionView[], depth: number): void => {
          for (const s of sections) {
            console.log(`${'  '.repeat(depth)}${s.number} ${s.title}`);
            for (const m of s.measures) {
              const who = responsibleNames(m).join(', ') || 'uten ansvarlig';
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
