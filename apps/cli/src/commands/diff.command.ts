import type { Command } from 'commander';
import type { DiffPart } from '@app/domain';
import {
  planDiffRequestProblem,
  renderPlanDiffMarkdown,
  type DiffSide,
  type PlanDiff,
  type PlanDiffRequest,
} from '@app/read-models';
import { withBackend } from '../backend/with-backend.js';

interface DiffOptions {
  from?: string;
  to?: string;
  fromAsOf?: string;
  toAsOf?: string;
  fromPlan?: string;
  json?: boolean;
  markdown?: boolean;
}

export function registerDiffCommand(program: Command): void {
  program
    .command('diff <planId>')
    .description(
      'What changed between two adopted revisions or dates of a plan, or from its predecessor plan\n' +
        '(planverk diff <plan> --from 1 --to 3; planverk diff <plan> --from-plan <predecessor>)',
    )
    .option('--from <revision>', 'the adopted revision to compare from')
    .option('--to <revision>', 'the adopted revision to compare to (default: the plan now)')
    .option('--from-as-of <date>', 'compare from the plan as it stood on this date (YYYY-MM-DD)')
    .option('--to-as-of <date>', 'compare to the plan as it stood on this date (YYYY-MM-DD)')
    .option('--from-plan <planId>', 'compare another plan (the predecessor), as it is now, with this one')
    .option('--json', 'print JSON')
    .option('--markdown', 'print Markdown for board members (Norwegian)')
    .action(async (planId: string, options: DiffOptions) => {
      const request = toRequest(options);
      const problem = typeof request === 'string' ? request : planDiffRequestProblem(planId, request);
      if (problem || typeof request === 'string') {
        process.exitCode = 1;
        return console.error(`planverk: ${problem}`);
      }
      await withBackend(async (backend) => {
        const diff = await backend.diff(planId, request);
        if (options.json) return console.log(JSON.stringify(diff, null, 2));
        if (options.markdown) return console.log(renderPlanDiffMarkdown(diff));
        console.log(renderDiffText(diff));
      });
    });
}

function toRequest(options: DiffOptions): PlanDiffRequest | string {
  const revision = (name: string, value: string | undefined): number | string | undefined => {
    if (value === undefined) return undefined;
    return /^[1-9]\d{0,4}$/.test(value) ? Number(value) : `--${name} must be an adopted revision (1, 2, ...)`;
  };
  const from = revision('from', options.from);
  const to = revision('to', options.to);
  if (typeof from === 'string') return from;
  if (typeof to === 'string') return to;
  return {
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(options.fromAsOf !== undefined ? { fromAsOf: options.fromAsOf } : {}),
    ...(options.toAsOf !== undefined ? { toAsOf: options.toAsOf } : {}),
    ...(options.fromPlan !== undefined ? { fromPlan: options.fromPlan } : {}),
  };
}

/** A word diff inline, the way `git diff --word-diff` prints it. */
function inline(parts: readonly DiffPart[]): string {
  return parts
    .map((p) => (p.op === 'delete' ? `[-${p.text}-]` : p.op === 'insert' ? `{+${p.text}+}` : p.text))
    .join('');
}

function side(s: DiffSide): string {
  const revision = s.adoptedRevision > 0 ? `revision ${s.adoptedRevision}` : 'draft';
  return `${s.planId} ${revision}${s.edition ? ` (edition ${s.edition})` : ''}`;
}

/** The diff in plain English for a terminal. */
export function renderDiffText(diff: PlanDiff): string {
  const out = [`Diff: ${side(diff.from)} -> ${side(diff.to)}`];
  if (diff.title) out.push(`Title reworded: ${inline(diff.title.parts)}`);
  const group = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push(title, ...lines.map((l) => `  ${l}`));
  };
  const { sections: s, goals: g, measures: m } = diff;
  group('Sections', [
    ...s.added.map((x) => `added      ${x.number} ${x.title}`),
    ...s.removed.map((x) => `removed    ${x.number} ${x.title}`),
    ...s.retitled.map((x) => `retitled   ${x.toNumber} "${x.from}" -> "${x.to}"`),
    ...s.renumbered.map((x) => `renumbered ${x.fromNumber} -> ${x.toNumber} ${x.title}`),
  ]);
  group('Goals', [
    ...g.added.map((x) => `added      ${x.address} ${x.text}`),
    ...g.removed.map((x) => `removed    ${x.address} ${x.text}`),
    ...g.reworded.map((x) => `reworded   ${x.toAddress}: ${inline(x.parts)}`),
    ...g.targetChanged.map(
      (x) => `target     ${x.toAddress}: ${JSON.stringify(x.from)} -> ${JSON.stringify(x.to)}`,
    ),
  ]);
  group('Measures', [
    ...m.added.map((x) => `added      ${x.address} ${x.text}`),
    ...m.removed.map((x) => `removed    ${x.address} ${x.text}`),
    ...m.reworded.map((x) => `reworded   ${x.toAddress}: ${inline(x.parts)}`),
    ...m.retimed.map((x) => `retimed    ${x.toAddress}: "${x.from}" -> "${x.to}"`),
    ...m.reassigned.map(
      (x) => `reassigned ${x.toAddress}: ${x.from.join(', ') || '-'} -> ${x.to.join(', ') || '-'}`,
    ),
    ...m.moved.map((x) => `moved      ${x.fromAddress} -> ${x.toAddress}`),
  ]);
  if (diff.lineage) {
    group(
      'Lineage of measures (suggested from their texts)',
      diff.lineage.measures.map((l) => {
        const from = l.from.map((x) => x.address).join(' + ') || '-';
        const to = l.to.map((x) => x.address).join(' + ') || '-';
        return `${l.kind.padEnd(10)} ${l.score.toFixed(2)} ${from} -> ${to}`;
      }),
    );
  }
  const u = diff.unchanged;
  out.push(`Unchanged: ${u.sections} sections, ${u.goals} goals, ${u.measures} measures`);
  return out.join('\n');
}
