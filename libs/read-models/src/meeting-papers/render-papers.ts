import type { MeetingPapers, PaperLine } from '@app/domain';

/**
 * The papers as numbered text (`document?format=md&lineNumbers=true`, `export --line-numbers`):
 * each line with its number in the margin, as the papers print it, and the marks Markdown reads
 * (headings, list items, a measure's letter) on the first line of each.
 */
export function renderPapersText(papers: MeetingPapers): string {
  const width = String(papers.last).length;
  const labels = new Map(papers.elements.flatMap((e) => (e.label ? [[e.id, e.label] as const] : [])));
  const marked = (line: PaperLine): string => {
    const indent = '  '.repeat(
      line.kind === 'goal' ? line.depth - (line.section ? sectionDepth(line) : 0) : 0,
    );
    if (!line.start)
      return `${indent}${line.kind === 'goal' || line.bullet ? '  ' : line.kind === 'measure' ? '   ' : ''}${line.text}`;
    switch (line.kind) {
      case 'title':
        return `# ${line.text}`;
      case 'abbreviations':
        return `## ${line.text}`;
      case 'heading':
        return `${'#'.repeat(Math.min(line.depth + 2, 6))} ${line.text}`;
      case 'goals':
      case 'measures':
        return `**${line.text}**`;
      case 'goal':
        return `${indent}- ${line.text}`;
      case 'abbreviation':
        return `- ${line.text}`;
      case 'measure':
        return `${labels.get(line.element?.id ?? '') ?? ''}. ${line.text}`;
      case 'timing':
      case 'responsible':
        return `   *${line.text}*`;
      default:
        return line.bullet ? `- ${line.text}` : line.text;
    }
  };
  const depths = new Map(
    papers.lines.filter((l) => l.kind === 'heading').map((l) => [l.element?.id, l.depth]),
  );
  const sectionDepth = (line: PaperLine): number => depths.get(line.section?.id) ?? 0;
  return `${papers.lines
    .map((line) => `${(line.no === null ? '' : String(line.no)).padStart(width)}  ${marked(line)}`.trimEnd())
    .join('\n')}\n`;
}
