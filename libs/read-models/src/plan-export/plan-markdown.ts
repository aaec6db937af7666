import type { GoalView, PlanView, SectionView } from '../plan-view/plan-view.js';
import { responsibleNames } from '../plan-view/plan-view.js';
import {
  STATUS_LABEL_NB,
  formatDateNb,
  formatPeriodNb,
  formatTargetNb,
} from '../report-format/report-format.js';

/** The plan as a readable Markdown document in Norwegian, for print and review (its follow-up included). */
export function renderPlanMarkdown(view: PlanView): string {
  return `${layoutPlanMarkdown(view).join('\n')}\n`;
}

function layoutPlanMarkdown(view: PlanView): string[] {
  const lines: string[] = [];
  const push = (...more: string[]): void => {
    lines.push(...more);
  };
  push(`# ${view.title}`, '');
  const facts = [`Periode: ${formatPeriodNb(view.period)}`];
  if (view.edition) facts.push(`Årsutgave ${view.edition}`);
  const adoption = view.adoptions[view.adoptions.length - 1];
  if (adoption && view.adoptedRevision > 0)
    facts.push(
      `Vedtatt av ${adoption.body} ${formatDateNb(adoption.date)} (revisjon ${view.adoptedRevision})`,
    );
  else facts.push('Utkast');
  push(facts.join(' · '), '');
  if (view.bodies.length > 0) {
    push('## Forkortelser', '');
    for (const b of view.bodies) push(`- ${b.code}: ${b.name}`);
    push('');
  }
  const goal = (g: GoalView, depth: number): void => {
    const target = g.target ? ` (måltall: ${formatTargetNb(g.target)})` : '';
    push(`${'  '.repeat(depth)}- ${g.text}${target}`);
    for (const sub of g.goals) goal(sub, depth + 1);
  };
  const section = (s: SectionView, depth: number): void => {
    push(`${'#'.repeat(Math.min(depth + 2, 6))} ${s.number} ${s.title}`, '');
    if (s.intro) push(s.intro, '');
    if (s.goals.length > 0) {
      push('**Mål:**', '');
      for (const g of s.goals) goal(g, 0);
      push('');
    }
    if (s.measures.length > 0) {
      push('**Tiltak:**', '');
      // A paragraph each: lines that follow one another are one paragraph in Markdown.
      for (const m of s.measures) {
        const details = [
          m.timing || 'uten tid',
          responsibleNames(m).join(', ') || 'uten ansvarlig',
          STATUS_LABEL_NB[m.status],
        ];
        push(`${m.label}. ${m.text} — *${details.join('; ')}*`, '');
      }
    }
    for (const child of s.sections) section(child, depth + 1);
  };
  for (const s of view.sections) section(s, 0);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
