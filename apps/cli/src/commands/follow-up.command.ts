import type { Command } from 'commander';
import { isIsoDate, MEASURE_STATUSES, notAnIsoDate } from '@app/domain';
import type { FollowUpSummary, StatusCounts } from '@app/read-models';
import { withBackend } from '../backend/with-backend.js';

export function registerFollowUpCommand(program: Command): void {
  program
    .command('follow-up <planId>')
    .description(
      'Follow-up summary: measures by status per plan, section and responsible body; overdue; unassigned',
    )
    .option('--as-of <date>', 'the plan as it stood on this date, overdue judged on it (YYYY-MM-DD)')
    .option('--json', 'print JSON')
    .action(async (planId: string, options: { asOf?: string; json?: boolean }) => {
      if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
        process.exitCode = 1;
        return console.error(`planverk: ${notAnIsoDate('--as-of', options.asOf)}`);
      }
      await withBackend(async (backend) => {
        const summary = await backend.followUp(planId, options.asOf);
        if (options.json) return console.log(JSON.stringify(summary, null, 2));
        console.log(renderFollowUpText(summary));
      });
    });
}

const counts = (c: StatusCounts) => MEASURE_STATUSES.map((s) => `${s.replace('_', ' ')} ${c[s]}`).join(', ');

export function renderFollowUpText(s: FollowUpSummary): string {
  const out = [
    `Follow-up of ${s.title} (${s.planId}) as of ${s.asOf}`,
    `Measures: ${s.measures} (${counts(s.byStatus)}); overdue ${s.overdue}`,
    'By section:',
    ...s.sections.map(
      (x) => `  ${x.number} ${x.title}: ${x.measures} (${counts(x.byStatus)}); overdue ${x.overdue}`,
    ),
    'By responsible body (named / lead):',
    ...s.bodies.map(
      (b) =>
        `  ${b.code}${b.name ? ` ${b.name}` : ''}: ${b.measures} / ${b.lead} (${counts(b.byStatus)}); overdue ${b.overdue}`,
    ),
  ];
  out.push(`Overdue (${s.overdueMeasures.length}):`);
  for (const m of s.overdueMeasures)
    out.push(`  ${m.address} due ${m.due}, ${m.status.replace('_', ' ')}: ${m.text}`);
  out.push(`Without a responsible body (${s.withoutResponsible.length}):`);
  for (const m of s.withoutResponsible) out.push(`  ${m.address}: ${m.text}`);
  return out.join('\n');
}
