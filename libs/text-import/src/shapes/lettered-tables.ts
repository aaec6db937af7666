import { type BodyDoc, type GoalDoc, type Measurement } from '@app/plan-document';
import { bodyCodes, parseAbbreviation, splitResponsibility } from '../bodies.js';
import { bulletItem } from '../bullets.js';
import {
  type SectionDraft,
  finishSection,
  goalRef,
  measureRef,
  newSection,
  range,
  rangeOf,
  touch,
} from '../draft.js';
import { UnreadableDocumentError } from '../errors.js';
import { listLooksLikeMeasures, looksLikeMeasures } from '../general/looks-like-measures.js';
import { namedParties } from '../general/responsible-parties.js';
import { type LineLedger } from '../line-ledger.js';
import { readLetteredTable } from '../lettered-table.js';
import { stripTrailingLineNumbers } from '../line-numbers.js';
import { adoptedIn, editionIn, isTitleLine, periodIn } from '../plan-header.js';
import { type SourceLine, toSourceLines } from '../source-lines.js';
import { isoDate, measurementFrom, targetFor } from '../targets.js';
import { joinWrapped } from '../text-join.js';
import { type ImportIssue } from '../types.js';
import { flatTableHeader } from '../vocabulary.js';
import { BEFORE_FIRST_HEADING, ONLY_LINE_NUMBER, textBeforeFirstHeading } from '../report-messages.js';
import { type Shape, type ShapeOutput } from './shape.js';

/** The flattened rows are read as text, then timing, then Ansvar: a header must name them in that order. */
function isTextTimingAnsvarHeader(line: string): boolean {
  return flatTableHeader(line)?.join(' ') === 'measures timing responsible';
}

/**
 * Oslo SV's "arbeids- og organisasjonsplan ... årsutgave for 2026" (seed 001): a meeting paper
 * with the document's line numbers at the line ends, numbered chapters and sections
 * ("4.1 Direkte velgerkontakt"), an abbreviation list, and per section a flattened table
 * "Tiltak / Gjennomføring / Ansvar" with lettered rows.
 *
 * Lines are the document's own printed numbers (what amendments cite). Table rows carry no
 * printed number (the word processor does not number table lines), so a row's range is the
 * gap it sits in: from the last printed line before the table to the first one after it.
 */
const ABBREVIATIONS = /^Forkortelser benyttet i dokumentet$/i;
const HEADING = /^(\d+)(?:\.(\d+))?\.?\s+(\p{Lu}.*)$/u;

/** Why a line is page furniture (printed on every page, or a bare link), or undefined when it is plan text. */
function furniture(line: SourceLine, title: string | undefined): string | undefined {
  if (line.printed !== undefined) return undefined;
  const t = line.text;
  if (title !== undefined && t === title) return 'sidetopp: tittelen gjentatt på hver side';
  if (/^Sakspapir til\b/i.test(t)) return 'sidetopp: møtet saksdokumentet ble sendt til';
  if (/\S+@\S+\s*\|/.test(t)) return 'sidebunn: kontaktopplysninger og sidetall'; // "oslo@sv.no | oslosv.no 8"
  if (/^https?:\/\/\S+$/.test(t))
    return 'en nettadresse som står alene (en lenke i dokumentet), ikke plantekst';
  return undefined;
}

export const letteredTablesShape: Shape = {
  id: 'lettered-tables',
  description:
    'numbered sections with flattened "Tiltak / Gjennomføring / Ansvar" tables and printed line numbers',
  recognise: (text) => /^\s*Tiltak:?\s+Gjennomføring\s+Ansvar\s*$/m.test(text),
  read: readLetteredTablesPlan,
};

function readLetteredTablesPlan(text: string, ledger: LineLedger): ShapeOutput {
  const lines = toSourceLines(text);
  stripTrailingLineNumbers(lines);
  const issues: ImportIssue[] = [];
  const titleLine = lines.find((l) => l.printed === undefined && isTitleLine(l.text));
  if (!titleLine)
    throw new UnreadableDocumentError('lettered-tables plan: no title line with a period found');
  const title = titleLine.text;
  const period = periodIn(title);
  if (!period) throw new UnreadableDocumentError(`lettered-tables plan: no period in the title "${title}"`);

  ledger.take(titleLine.no, 'title');
  for (const l of lines) {
    const why = furniture(l, title);
    if (why) ledger.leaveOut(l.no, why);
  }
  const live = lines.filter((l) => furniture(l, title) === undefined);
  const bodies = readAbbreviations(live, ledger);
  const codes = bodyCodes(bodies);

  // Split the text at headings that continue the numbering (1, 2, 3 / 3.1, 3.2 / 4.1 ...).
  const chapters: SectionDraft[] = [];
  const blocks: { section: SectionDraft; parent?: SectionDraft; lines: SourceLine[] }[] = [];
  let chapter: SectionDraft | undefined;
  let sub = 0;
  for (const line of live) {
    const m = line.printed !== undefined ? HEADING.exec(line.text) : null;
    if (m) {
      const n = Number(m[1]);
      const k = m[2] === undefined ? undefined : Number(m[2]);
      const current = chapter ? Number(chapter.number) : 0;
      if (k === undefined && n === current + 1) {
        chapter = newSection(String(n), (m[3] ?? '').trim(), line.printed ?? line.no);
        chapters.push(chapter);
        blocks.push({ section: chapter, lines: [] });
        sub = 0;
        ledger.take(line.no, 'heading', chapter.number);
        continue;
      }
      if (chapter && k === sub + 1 && n === current) {
        const section = newSection(`${n}.${k}`, (m[3] ?? '').trim(), line.printed ?? line.no);
        chapter.sections.push(section);
        touch(line.printed, chapter);
        blocks.push({ section, parent: chapter, lines: [] });
        sub = k;
        ledger.take(line.no, 'heading', section.number);
        continue;
      }
    }
    const block = blocks[blocks.length - 1];
    if (block) block.lines.push(line);
    else if (line.text !== '') {
      issues.push({ line: line.no, message: textBeforeFirstHeading(line.text) });
      ledger.leaveOut(line.no, BEFORE_FIRST_HEADING);
    }
  }
  if (chapters.length === 0)
    throw new UnreadableDocumentError('lettered-tables plan: no numbered chapters found');

  const measurements: Measurement[] = [];
  for (const block of blocks) {
    readBlock(block.section, block.parent, block.lines, {
      codes,
      issues,
      ledger,
      measurements,
      period,
      goalSection: /mål/i.test(block.section.title) || /mål/i.test(block.parent?.title ?? ''),
      statusSection: /\bstatus\b/i.test(block.section.title),
    });
  }

  const edition = editionIn(title);
  const adopted = adoptedIn(text);
  return {
    title,
    period,
    ...(edition ? { edition } : {}),
    ...(adopted ? { adopted } : {}),
    bodies,
    measurements,
    sections: chapters.map((c) => finishSection(c, (p) => p.join('\n\n'))),
    issues,
  };
}

/** "● FS: Fylkesstyret" items under "Forkortelser benyttet i dokumentet". */
function readAbbreviations(lines: readonly SourceLine[], ledger: LineLedger): BodyDoc[] {
  const start = lines.findIndex((l) => ABBREVIATIONS.test(l.text));
  if (start < 0) return [];
  ledger.take(lines[start]?.no, 'bodies');
  const bodies: BodyDoc[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.text === '') continue;
    const item = bulletItem(line.text);
    const body = item === undefined ? undefined : parseAbbreviation(item);
    if (!body) break;
    bodies.push(body);
    ledger.take(line.no, 'bodies');
  }
  return bodies;
}

interface BlockContext {
  readonly codes: ReturnType<typeof bodyCodes>;
  readonly issues: ImportIssue[];
  readonly ledger: LineLedger;
  readonly measurements: Measurement[];
  readonly period: { from: number; to: number };
  /** Bullets are goals ("3.1 Overordnede mål", "3.2 Strategiske grep for å nå målene"). */
  readonly goalSection: boolean;
  /** Bullets are status figures ("2. Organisatorisk status for Oslo SV"). */
  readonly statusSection: boolean;
}

interface Item {
  parts: string[];
  printed: (number | undefined)[];
  /** The lines of the text file it came from. */
  nos: number[];
}

function readBlock(
  section: SectionDraft,
  parent: SectionDraft | undefined,
  lines: readonly SourceLine[],
  ctx: BlockContext,
): void {
  const bullets: Item[] = [];
  /** Prose paragraphs and list items in document order. */
  const order: ({ paragraph: Item } | { bullet: Item })[] = [];
  let current: Item | undefined;
  let currentIsBullet = false;
  let lastPrinted: number | undefined = section.from;
  let inAbbreviations = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as SourceLine;
    touch(line.printed, section, parent);
    if (line.printed !== undefined) lastPrinted = line.printed;
    if (ABBREVIATIONS.test(line.text)) {
      inAbbreviations = true; // read by readAbbreviations; not prose
      current = undefined;
      continue;
    }
    if (line.text === '') {
      // An empty numbered line ends a paragraph or a list item; an unnumbered one is layout.
      if (line.printed !== undefined) {
        current = undefined;
        ctx.ledger.leaveOut(line.no, ONLY_LINE_NUMBER);
      }
      continue;
    }
    if (inAbbreviations) {
      if (bulletItem(line.text) !== undefined) continue;
      inAbbreviations = false;
    }
    // "Tiltak Gjennomføring Ansvar", or the same columns in other words ("Tiltak Tidspunkt Ansvarlig").
    if (isTextTimingAnsvarHeader(line.text)) {
      const tableLines: SourceLine[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = lines[j] as SourceLine;
        if (l.printed !== undefined && l.text === '') break;
        if (l.text !== '') tableLines.push(l);
      }
      const after = (lines[j] as SourceLine | undefined)?.printed;
      ctx.ledger.take(line.no, 'label', section.number);
      readTable(
        section,
        tableLines,
        range(lastPrinted ?? section.from, after ?? lastPrinted ?? section.from),
        ctx,
      );
      i = j - 1;
      current = undefined;
      continue;
    }
    // A table header in other columns or another order: its flattened rows cannot be taken apart.
    if (flatTableHeader(line.text)) {
      ctx.issues.push({
        line: line.no,
        message: `en tabell i kapittel ${section.number} med kolonnene «${line.text}» ble ikke lest: dette oppsettet leser flate tabeller bare som tiltak, tidspunkt og ansvar i den rekkefølgen; radene ble beholdt i innledningen`,
      });
      ctx.ledger.leaveOut(
        line.no,
        'overskriftsraden i en tabell dette oppsettet ikke kan lese (se merknaden)',
      );
      current = undefined;
      continue;
    }
    const item = bulletItem(line.text);
    if (item !== undefined) {
      current = { parts: [item], printed: [line.printed], nos: [line.no] };
      currentIsBullet = true;
      bullets.push(current);
      order.push({ bullet: current });
      continue;
    }
    if (current && currentIsBullet) {
      current.parts.push(line.text);
      current.printed.push(line.printed);
      current.nos.push(line.no);
      continue;
    }
    // Prose: a line that ends a sentence followed by one starting a new one starts a paragraph.
    const last = current?.parts[current.parts.length - 1];
    if (!current || (last !== undefined && /[.!?:]$/.test(last) && /^\p{Lu}/u.test(line.text))) {
      current = { parts: [line.text], printed: [line.printed], nos: [line.no] };
      currentIsBullet = false;
      order.push({ paragraph: current });
    } else {
      current.parts.push(line.text);
      current.printed.push(line.printed);
      current.nos.push(line.no);
    }
  }

  // Each bullet kept in its place in `order` is decided now: a goal, a status figure, or a list line of the intro.
  const intro: string[] = [];
  const statusDate = ctx.statusSection
    ? bullets.map((b) => isoDate(joinWrapped(b.parts))).find((d) => d !== undefined)
    : undefined;
  /** The bullets of the list being read that stay in the intro, to warn when they read as measures. */
  let list: Item[] = [];
  const endList = (): void => {
    const seen = ctx.statusSection ? undefined : looksLikeMeasures(list.map((b) => joinWrapped(b.parts)));
    if (seen) ctx.issues.push(listLooksLikeMeasures(section.number, seen, list[0]?.nos[0] ?? section.from));
    list = [];
  };
  for (const entry of order) {
    if ('paragraph' in entry) {
      endList();
      intro.push(joinWrapped(entry.paragraph.parts));
      entry.paragraph.nos.forEach((l) => ctx.ledger.take(l, 'intro', section.number));
      continue;
    }
    const bullet = entry.bullet;
    const text = joinWrapped(bullet.parts);
    if (ctx.goalSection) {
      const target = targetFor(text, { periodFrom: ctx.period.from, periodTo: ctx.period.to });
      const lines = rangeOf(bullet.printed);
      const goal: GoalDoc = { text, ...(target ? { target } : {}), ...(lines ? { lines } : {}) };
      section.goals.push(goal);
      const ref = goalRef(section, section.goals.length - 1);
      bullet.nos.forEach((l) => ctx.ledger.take(l, 'goal', ref));
      continue;
    }
    let measured = false;
    if (ctx.statusSection) {
      const m = measurementFrom(text, statusDate);
      if (m) ctx.measurements.push(m);
      measured = m !== undefined;
    }
    bullet.nos.forEach((l) => ctx.ledger.take(l, measured ? 'measurement' : 'intro', section.number));
    list.push(bullet);
    const prev = intro[intro.length - 1];
    if (prev !== undefined && prev.startsWith('- ')) intro[intro.length - 1] = `${prev}\n- ${text}`;
    else intro.push(`- ${text}`);
  }
  endList();
  section.intro.push(...intro);
}

function readTable(
  section: SectionDraft,
  tableLines: readonly SourceLine[],
  lines: { from: number; to: number },
  ctx: BlockContext,
): void {
  const { rows, unplaced } = readLetteredTable(tableLines, ctx.codes);
  for (const line of unplaced) {
    ctx.issues.push({
      line: line.no,
      message: `tabellen i kapittel ${section.number}: tekst før første rad med bokstav: «${line.text}»`,
    });
    ctx.ledger.leaveOut(line.no, 'i tabellen før første rad med bokstav: ikke noe tiltak å legge den til');
  }
  for (const row of rows) {
    const ref = measureRef(section, row.label, section.measures.length);
    row.lines.forEach((line, i) => {
      const role = row.roles[i] ?? 'stray';
      if (role === 'stray')
        ctx.ledger.leaveOut(line.no, `etter tiltak ${ref}, i ingen av tabellens kolonner`);
      else ctx.ledger.take(line.no, role, ref);
    });
    const who = row.ansvar ? splitResponsibility(row.ansvar, ctx.codes) : undefined;
    const parties = row.ansvar ? namedParties(row.ansvar, ctx.codes) : undefined;
    section.measures.push({
      label: row.label,
      text: row.text,
      ...(row.timing ? { timing: row.timing } : {}),
      ...(who && who.responsible.length ? { responsible: who.responsible } : {}),
      ...(parties?.named.length ? { responsibleParties: parties.named } : {}),
      // The note keeps what neither the codes nor the named parties say ("FS (eller SV sentralt)").
      ...(who?.note && parties?.mixed.length ? { responsibleNote: who.note } : {}),
      lines,
    });
    if (!row.timing)
      ctx.issues.push({
        line: row.lines[0]?.no ?? 0,
        message: `tiltak ${section.number}.${row.label}: fant ikke tidspunkt`,
      });
    if (!row.ansvar)
      ctx.issues.push({
        line: row.lines[0]?.no ?? 0,
        message: `tiltak ${section.number}.${row.label}: fant ikke ansvarlig`,
      });
    if (row.stray.length) {
      const first = row.stray[0] as SourceLine;
      ctx.issues.push({
        line: first.no,
        message: `tabellen i kapittel ${section.number}: tekst etter tiltak ${row.label} i ingen kolonne, utelatt: «${joinWrapped(row.stray.map((l) => l.text))}»`,
      });
    }
  }
}
