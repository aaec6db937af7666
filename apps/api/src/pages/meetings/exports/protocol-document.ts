import type { ProtocolEntry, ProtocolModel } from '../protocol-model.js';
import { diffRuns, heading, paragraph, text, type PrintBlock, type PrintDocument } from './print-document.js';

function entryBlocks(e: ProtocolEntry): PrintBlock[] {
  const blocks: PrintBlock[] = [heading(3, `${e.order !== null ? `${e.order}. ` : ''}${e.heading}`)];
  if (e.proposer) blocks.push(paragraph([text('Forslagsstiller: ', { bold: true }), text(e.proposer)]));
  for (const line of e.change)
    blocks.push(paragraph([text(`${line.field}: `, { bold: true }), ...diffRuns(line.parts)]));
  if (e.justification) blocks.push(paragraph([text(e.justification, { italic: true })], { note: true }));
  blocks.push(paragraph([text('Innstilling: ', { bold: true }), text(e.recommendation ?? 'ingen')]));
  for (const line of e.modified ?? [])
    blocks.push(
      paragraph([
        text(`Komiteens tekst, ${line.field.toLocaleLowerCase('nb')}: `, { bold: true }),
        ...diffRuns(line.parts),
      ]),
    );
  if (e.result) blocks.push(paragraph([text('Resultat: ', { bold: true }), text(e.result, { bold: true })]));
  return blocks;
}

/** The protocol for print: the same model as the page, as headings and paragraphs. */
export function protocolDocument(p: ProtocolModel): PrintDocument {
  const blocks: PrintBlock[] = [
    heading(1, p.title),
    paragraph([text(p.intro)]),
    paragraph([text(p.papers)], { note: true }),
  ];
  blocks.push(heading(2, 'Endringsforslag i voteringsrekkefølge'));
  if (p.entries.length === 0) blocks.push(paragraph([text('Møtet har ikke avgjort noen forslag ennå.')]));
  for (const e of p.entries) blocks.push(...entryBlocks(e));
  if (p.pending.length > 0) {
    blocks.push(heading(2, `Ikke behandlet ennå (${p.pending.length})`));
    for (const e of p.pending) blocks.push(...entryBlocks(e));
  }
  blocks.push(heading(2, 'Planen som helhet'), paragraph([text(p.planVote, { bold: true })]));
  if (p.redline.length > 0) {
    blocks.push(
      heading(2, 'Vedtatt plan mot sakspapiret'),
      paragraph([text(p.redlineCounts)], { note: true }),
    );
    for (const item of p.redline) {
      if (item.heading) {
        blocks.push(
          heading(
            item.depth === 0 ? 3 : 4,
            `${item.label} ${item.parts.map((x) => (x.op === 'delete' ? '' : x.text)).join('')}`,
          ),
        );
        if (item.causes || item.parts.some((x) => x.op !== 'equal'))
          blocks.push(
            paragraph(
              [
                text('Tittel: '),
                ...diffRuns(item.parts),
                ...(item.causes ? [text(` [${item.causes}]`, { italic: true })] : []),
              ],
              { note: true },
            ),
          );
        continue;
      }
      blocks.push(
        paragraph(
          [
            text(`${item.label} `, { bold: true }),
            ...diffRuns(item.parts),
            ...(item.details.length > 0 ? [text(' – '), ...diffRuns(item.details)] : []),
            ...(item.causes ? [text(` [${item.change}: ${item.causes}]`, { italic: true })] : []),
          ],
          { indent: 1 },
        ),
      );
    }
  }
  return { title: p.title, blocks };
}
