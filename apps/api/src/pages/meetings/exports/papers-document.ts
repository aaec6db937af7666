import type { MeetingPapers } from '@app/domain';
import {
  amendmentOpLabel,
  amendmentStatusLabel,
  flattenMeasures,
  STATUS_LABEL_NB,
  type AmendmentView,
  type PlanView,
} from '@app/read-models';
import { paragraph, text, type PrintBlock, type PrintDocument } from './print-document.js';

/**
 * The papers for print: every line with its number in the margin, exactly as the page and the
 * resolver number them; under each measure its follow-up status, under each element the
 * amendments filed against it.
 */
export function papersDocument(
  papers: MeetingPapers,
  plan: PlanView,
  amendments: readonly AmendmentView[],
  heading: string,
): PrintDocument {
  const labels = new Map(papers.elements.flatMap((e) => (e.label ? [[e.id, e.label] as const] : [])));
  const status = new Map(
    flattenMeasures(plan.sections).map((m) => [
      m.id,
      STATUS_LABEL_NB[m.status as keyof typeof STATUS_LABEL_NB] ?? m.status,
    ]),
  );
  const byTarget = new Map<string, AmendmentView[]>();
  for (const a of amendments) byTarget.set(a.target.id, [...(byTarget.get(a.target.id) ?? []), a]);
  const blocks: PrintBlock[] = [paragraph([text(heading, { italic: true })], { note: true })];
  papers.lines.forEach((line, i) => {
    const strong =
      line.kind === 'title' ||
      line.kind === 'heading' ||
      line.kind === 'goals' ||
      line.kind === 'measures' ||
      line.kind === 'abbreviations';
    const label = line.kind === 'measure' && line.start ? labels.get(line.element?.id ?? '') : undefined;
    blocks.push(
      paragraph(
        [
          ...(label ? [text(`${label}. `, { bold: true })] : []),
          text(line.text, { bold: strong, italic: line.kind === 'timing' || line.kind === 'responsible' }),
        ],
        {
          margin: line.no === null ? '' : String(line.no),
          indent: line.kind === 'goal' || line.bullet ? 1 : 0,
        },
      ),
    );
    const element = line.element;
    const next = papers.lines[i + 1];
    if (!element || next?.element?.id === element.id) return;
    const notes: string[] = [];
    const followUp = element.kind === 'measure' ? status.get(element.id) : undefined;
    if (followUp) notes.push(`Oppfølging: ${followUp}.`);
    const filed = byTarget.get(element.id) ?? [];
    if (filed.length > 0)
      notes.push(
        `Endringsforslag: ${filed.map((a) => `${a.no} (${amendmentOpLabel(a.op).toLocaleLowerCase('nb')}, ${amendmentStatusLabel(a.status).toLocaleLowerCase('nb')})`).join(', ')}.`,
      );
    if (notes.length > 0)
      blocks.push(
        paragraph([text(notes.join(' '), { italic: true })], { margin: '', note: true, indent: 1 }),
      );
  });
  return { title: `Sakspapir: ${papers.title}`, blocks };
}
