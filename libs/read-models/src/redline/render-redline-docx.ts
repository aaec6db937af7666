import type { DiffPart } from '@app/domain';
import {
  DeletedTextRun,
  Document,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { Redline, RedlineCause, RedlineSection } from './redline.js';
import { describeRedlineCause, redlineHeading } from './render-redline.js';

/**
 * The redline as a Word document whose changes are real tracked changes: each insertion and
 * deletion has an author (the amendment or decision that made it) and a date, so a secretary
 * can accept or reject them one by one in Word or LibreOffice.
 */
export async function renderRedlineDocx(r: Redline): Promise<Buffer> {
  let nextId = 1;
  const fallbackDate = `${r.to.date ?? new Date().toISOString().slice(0, 10)}T12:00:00Z`;
  const revision = (causes: RedlineCause[]) => ({
    author: causes.length > 0 ? [...new Set(causes.map(describeRedlineCause))].join('; ') : 'Planverk',
    date: causes[0] ? `${causes[0].effectiveAt}T12:00:00Z` : fallbackDate,
  });
  const runs = (parts: readonly DiffPart[], causes: RedlineCause[], bold = false): ParagraphChild[] =>
    parts.map((part) => {
      if (part.op === 'equal') return new TextRun({ text: part.text, bold });
      const options = { text: part.text, bold, id: nextId++, ...revision(causes) };
      return part.op === 'insert' ? new InsertedTextRun(options) : new DeletedTextRun(options);
    });
  const headingLevel = (depth: number) =>
    [HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4][Math.min(depth, 2)];
  const paragraphs: Paragraph[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: [new TextRun(redlineHeading(r))],
    }),
  ];
  const section = (s: RedlineSection, depth: number): void => {
    paragraphs.push(
      new Paragraph({
        heading: headingLevel(depth),
        children: [new TextRun(`${s.number} `), ...runs(s.title.parts, s.causes)],
      }),
    );
    if (s.introChanged)
      paragraphs.push(
        new Paragraph({ children: [new TextRun('Innledning: '), ...runs(s.intro.parts, s.causes)] }),
      );
    for (const g of s.goals)
      paragraphs.push(new Paragraph({ children: [new TextRun('Mål: '), ...runs(g.text.parts, g.causes)] }));
    for (const m of s.measures) {
      const details: ParagraphChild[] = [];
      if (m.timing.parts.length > 0) details.push(new TextRun(' — '), ...runs(m.timing.parts, m.causes));
      if (m.responsible.parts.length > 0)
        details.push(new TextRun('; '), ...runs(m.responsible.parts, m.causes));
      paragraphs.push(
        new Paragraph({
          children: [
            new TextRun({ text: `${m.label}. `, bold: true }),
            ...runs(m.text.parts, m.causes),
            ...details,
          ],
        }),
      );
    }
    for (const child of s.sections) section(child, depth + 1);
  };
  for (const s of r.sections) section(s, 0);
  const document = new Document({
    creator: 'Planverk',
    title: r.title,
    features: { trackRevisions: true },
    sections: [{ children: paragraphs }],
  });
  return Packer.toBuffer(document);
}
