import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';

/**
 * A Word plan as a secretary writes one in Word: a title, chapters in the Heading 1 style (not
 * numbered in their text), measures as a numbered list (Word's own numbering, with Ansvar and
 * timing in parentheses), goals as a bulleted list under "Mål", and a chapter whose measures are
 * a table of Tiltak, Frist and Ansvar. `chapters` repeats the body to make a long plan.
 */
export async function wordPlan(options: { title?: string; chapters?: number } = {}): Promise<Buffer> {
  const chapters = options.chapters ?? 1;
  const p = (text: string) => new Paragraph({ text });
  const numbered = (text: string) => new Paragraph({ text, numbering: { reference: 'tiltak', level: 0 } });
  const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });
  const cell = (text: string) => new TableCell({ children: [p(text)] });
  const row = (...cells: string[]) => new TableRow({ children: cells.map(cell) });
  const body = (n: number): (Paragraph | Table)[] => {
    const suffix = chapters > 1 ? ` ${n}` : '';
    return [
      new Paragraph({ text: `Medlemmer og skolering${suffix}`, heading: HeadingLevel.HEADING_1 }),
      p('Laget skal vokse, og alle nye medlemmer skal få tilbud om skolering.'),
      p('Mål:'),
      bullet(`Minst 80 betalende medlemmer innen utgangen av 2027${suffix}.`),
      p('Tiltak:'),
      numbered(
        `Ringe alle nye medlemmer innen en uke etter innmelding${suffix} (Ansvar: organisatorisk nestleder)`,
      ),
      numbered(`Arrangere sommerleir for medlemmene i juli 2027${suffix} (Ansvar: styret)`),
      numbered(
        `Holde tre skoleringskvelder om partiets historie høsten 2027${suffix} (Ansvar: skoleringsansvarlig)`,
      ),
      new Paragraph({ text: `Valgkamp${suffix}`, heading: HeadingLevel.HEADING_1 }),
      new Table({
        rows: [
          row('Tiltak', 'Frist', 'Ansvar'),
          row(`Stå på stand utenfor Sagene skole hver lørdag${suffix}`, 'Våren 2027', 'Styret'),
          row(`Dele ut løpesedler i alle borettslag${suffix}`, 'Innen 1. september 2027', 'Valgkampleder'),
          row(`Lage en egen ungdomsavis til skolevalget${suffix}`, 'August 2027', 'Informasjonsansvarlig'),
        ],
      }),
    ];
  };
  const document = new Document({
    numbering: {
      config: [
        {
          reference: 'tiltak',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            children: [new TextRun(options.title ?? 'Handlingsplan for Sagene AUF 2027')],
          }),
          p('Vedtatt av årsmøtet 20. januar 2027.'),
          ...Array.from({ length: chapters }, (_, i) => body(i + 1)).flat(),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
