import type { GoalView, PlanView, SectionView } from '../plan-view/plan-view.js';

export interface MarkdownOptions {
  /**
   * Number every line, as meeting papers (sakspapir) do, so amendments can cite "Linje 50 tom 53".
   * The numbers are those of this rendering.
   */
  readonly lineNumbers?: boolean;
}

const STATUS: Record<string, string> = {
  not_started: 'Ikke startet',
  in_progress: 'Pågår',
  done: 'Gjennomført',
  postponed: 'Utsatt',
  dropped: 'Utgår',
};

/** An element of the plan and the lines it is on in the numbered Markdown (1-based, inclusive). */
export interface MarkdownElementLines {
  readonly kind: 'section' | 'goal' | 'measure';
  readonly id: string;
  readonly address: string;
  readonly from: number;
  readonly to: number;
}

/** The plan as a readable Markdown document in Norwegian, for print, meeting papers and review. */
export function renderPlanMarkdown(view: PlanView, options: MarkdownOptions = {}): string {
  const { lines } = layoutPlanMarkdown(view);
  if (!options.lineNumbers) return `${lines.join('\n')}\n`;
  const width = String(lines.length).length;
  return `${lines.map((line, i) => `${String(i + 1).padStart(width)}  ${line}`.trimEnd()).join('\n')}\n`;
}

/**
 * Which element is on which line of `renderPlanMarkdown(view, { lineNumbers: true })`: how an
 * amendment citing "Linje 50 tom 53" of the meeting papers finds what it changes. A section
 * spans its heading to its last line, subsections included.
 */
export function planMarkdownLineIndex(view: PlanView): MarkdownElementLines[] {
  return layoutPlanMarkdown(view).elements;
}

function layoutPlanMarkdown(view: PlanView): { lines: string[]; elements: MarkdownElementLines[] } {
  const lines: string[] = [];
  const elements: MarkdownElementLines[] = [];
  const push = (...more: string[]): void => {
    lines.push(...more);
  };
  /** Marks the lines pushed by `write` as the element's. */
  const element = (
    kind: MarkdownElementLines['kind'],
    id: string,
    address: string,
    write: () => void,
  ): void => {
    const at = elements.length;
    const from = lines.length + 1;
    elements.push({ kind, id, address, from, to: from });
    write();
    let to = lines.length;
    while (to > from && lines[to - 1] === '') to--;
    elements[at] = { kind, id, address, from, to };
  };
  push(`# ${view.title}`, '');
  const facts = [`Periode: ${view.period.from}–${view.period.to}`];
  if (view.edition) facts.push(`Årsutgave ${view.edition}`);
  const adoption = view.adoptions[view.adoptions.length - 1];
  if (adoption && view.adoptedRevision > 0)
    facts.push(`Vedtatt av ${adoption.body} ${adoption.date} (revisjon ${view.adoptedRevision})`);
  else facts.push('Utkast');
  push(facts.join(' · '), '');
  if (view.bodies.length > 0) {
    push('## Forkortelser', '');
    for (const b of view.bodies) push(`- ${b.code}: ${b.name}`);
    push('');
  }
  const goal = (g: GoalView, depth: number): void => {
    const target = g.target
      ? ` (mål: ${g.target.value} ${g.target.metric}${g.target.by ? ` innen ${g.target.by}` : ''})`
      : '';
    element('goal', g.id, g.address, () => push(`${'  '.repeat(depth)}- ${g.text}${target}`));
    for (const sub of g.goals) goal(sub, depth + 1);
  };
  const section = (s: SectionView, depth: number): void =>
    element('section', s.id, s.number, () => sectionBody(s, depth));
  const sectionBody = (s: SectionView, depth: number): void => {
    push(`${'#'.repeat(Math.min(depth + 2, 6))} ${s.number} ${s.title}`, '');
    if (s.intro) push(s.intro, '');
    if (s.goals.length > 0) {
      push('**Mål:**', '');
      for (const g of s.goals) goal(g, 0);
      push('');
    }
    if (s.measures.length > 0) {
      push('**Tiltak:**', '');
      for (const m of s.measures) {
        const details = [
          m.timing || 'uten tid',
          m.responsible.join(', ') || 'uten ansvarlig',
          STATUS[m.status] ?? m.status,
        ];
        element('measure', m.id, m.address, () => push(`${m.label}. ${m.text} — *${details.join('; ')}*`));
      }
      push('');
    }
    for (const child of s.sections) section(child, depth + 1);
  };
  for (const s of view.sections) section(s, 0);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { lines, elements };
}
