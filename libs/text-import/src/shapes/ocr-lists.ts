import { type GoalDoc } from '@app/plan-document';
import { bulletItem } from '../bullets.js';
import { type SectionDraft, finishSection, goalRef, measureRef, newSection, range, touch } from '../draft.js';
import { UnreadableDocumentError } from '../errors.js';
import { LineLedger } from '../line-ledger.js';
import { repairOcrLine } from '../ocr-repair.js';
import { adoptedIn, editionIn, isTitleLine, periodIn } from '../plan-header.js';
import { type SourceLine, toSourceLines } from '../source-lines.js';
import { STRUCK_ITEM_NOTE, removeStruckText, restoreStruckText, struckWords } from '../struck-text.js';
import { targetFor } from '../targets.js';
import { groupListItems, joinParagraphs, joinWrapped } from '../text-join.js';
import { type ImportIssue } from '../types.js';
import { type Shape, type ShapeOutput } from './shape.js';

/**
 * Buskerud SV's plan (seed 004), an OCR text of a scanned, hand-revised document: unnumbered
 * area headings, "Mal:" (Mål) and "Tiltak:" lists with bullets read as "o", "e" or "¢", line
 * numbers printed in the margin for part of the text (often misread: "s" for 13 and 36),
 * struck-through text as hyphen-joined words, and æ/ø/å misread.
 *
 * Each line is cleaned in this order: margin number removed, struck text removed, OCR letters
 * repaired. Lines are the lines of the text file (the margin numbers are incomplete).
 *
 * Two places lost their list structure in the scan, and are read with a stated rule:
 *  - "Mål:" directly followed by "Tiltak:" (Lokallag) and then unbulleted lines: the leading
 *    lines that state a target ("skal være", "skal etableres", "10% flere ...") are the goals,
 *    the rest the measures;
 *  - a "Mål:" list of unbulleted lines with no "Tiltak:" label (Folkevalgte): the lines up to the
 *    first blank line are the goals, the lines after it the measures.
 * Both are reported as issues, so a person can check them against the scan.
 */
const GOALS_LABEL = /^(?:Mål|Delmål):$/i;
const MEASURES_LABEL = /^tiltak[:;)]?$/i;
const MARGIN_NUMBER = /^(?:\d{1,3}|s)\s+(?=\S)/;
const GOAL_LIKE = /\bskal (?:være|etableres)\b|^\d+\s*%/i;
const OCR_SIGNS = /(?:^|\s)(?:pa|na|ma|Mal:|arlig|ogsa|bade|veere|vaere)(?=\s|$)/gm;

export const ocrListsShape: Shape = {
  id: 'ocr-lists',
  description: 'OCR text with "Mål:"/"Tiltak:" lists, misread æ/ø/å and struck text',
  recognise: (text) => (text.match(OCR_SIGNS)?.length ?? 0) >= 10 && /^\s*(?:\d+\s+)?tiltak[:)]/im.test(text),
  read: (text, ledger) => readOcrLists(text, ledger, 'live'),
  readEarlier: (text) => {
    const lines = text.split('\n');
    const marked = lines.some(
      (l) => restoreStruckText(l) !== removeStruckText(l).text || STRUCK_LINE.test(l),
    );
    return marked ? readOcrLists(text, new LineLedger(lines), 'earlier') : undefined;
  },
};

/** A whole item struck in the revision, with the note that says so. */
const STRUCK_LINE = new RegExp(STRUCK_ITEM_NOTE.source, 'im');

interface Clean {
  readonly line: SourceLine;
  readonly text: string;
  readonly bullet?: string;
  readonly blankBefore: boolean;
}

/**
 * Reads the plan as it is after its revision (`live`: struck text out, what replaced it in) or
 * as it was before (`earlier`: struck text and struck items in, their replacements out).
 */
function readOcrLists(text: string, ledger: LineLedger, reading: 'live' | 'earlier'): ShapeOutput {
  const lines = toSourceLines(text);
  const issues: ImportIssue[] = [];
  const titleIndex = lines.findIndex((l) => isTitleLine(l.text));
  const titleLine = lines[titleIndex];
  if (!titleLine) throw new UnreadableDocumentError('ocr-lists plan: no title line with a period found');
  const period = periodIn(titleLine.text);
  if (!period) throw new UnreadableDocumentError(`ocr-lists plan: no period in "${titleLine.text}"`);

  ledger.take(titleLine.no, 'title');
  for (const l of lines.slice(0, titleIndex))
    if (l.text !== '') ledger.leaveOut(l.no, 'før tittelen: partiets logo eller brevhode');

  // Clean every line after the title: margin number, struck text, OCR letters.
  const clean: Clean[] = [];
  const struckReasons: { line: number; reason: string }[] = [];
  let blank = true;
  for (const line of lines.slice(titleIndex + 1)) {
    let t = line.text.replace(MARGIN_NUMBER, '');
    if (t === '' || !/\p{L}/u.test(t)) {
      blank = true;
      if (line.text !== '')
        ledger.leaveOut(line.no, 'ingen ord: et linjenummer i margen eller en strek skanneren leste');
      continue;
    }
    const rawBullet = bulletItem(t, { ocr: true });
    if (rawBullet !== undefined && STRUCK_ITEM_NOTE.test(rawBullet)) {
      const struckText = repairOcrLine(struckWords(rawBullet.replace(STRUCK_ITEM_NOTE, ''))).text;
      if (reading === 'earlier') {
        // Before the revision the item stood in the plan as any other.
        const bulletText = t.replace(rawBullet, struckText);
        clean.push({ line, text: bulletText, bullet: struckText, blankBefore: blank });
        blank = false;
        continue;
      }
      issues.push({
        line: line.no,
        message: `strøket i revideringen («Stryke, gjennomført»), utelatt fra den gjeldende planen: «${struckText}»`,
      });
      ledger.leaveOut(line.no, `strøket i revideringen («Stryke, gjennomført»): «${struckText}»`);
      const done = STRUCK_ITEM_NOTE.exec(rawBullet)?.[1];
      struckReasons.push({ line: line.no, reason: done ? 'Gjennomført' : 'Strøket i revideringen' });
      blank = true;
      continue;
    }
    const struck = removeStruckText(t);
    for (const s of struck.struck) {
      issues.push({
        line: line.no,
        message: `overstrøket tekst «${s.struck}» fjernet${s.replacement ? `, erstattet av «${s.replacement}»` : ''}`,
      });
    }
    t = repairOcrLine(reading === 'earlier' ? restoreStruckText(t) : struck.text).text;
    const bullet = bulletItem(t, { ocr: true });
    clean.push({ line, text: t, ...(bullet !== undefined ? { bullet } : {}), blankBefore: blank });
    blank = false;
  }

  const isHeading = (i: number): boolean => {
    const c = clean[i] as Clean;
    const next = clean[i + 1];
    return (
      c.bullet === undefined &&
      c.blankBefore &&
      (next === undefined || next.blankBefore) &&
      c.text.length <= 30 &&
      c.text.split(/\s+/).length <= 3 &&
      /^\p{Lu}/u.test(c.text) &&
      !/[.:;,)]$/.test(c.text)
    );
  };

  const sections: SectionDraft[] = [newSection('1', titleLine.text, titleLine.no)];
  let section = sections[0] as SectionDraft;
  let mode = 'intro' as 'intro' | 'goals' | 'measures' | 'merged';
  /** In a "Mål:" list of unbulleted lines, the blank line that ends the goals. */
  let unbulletedGoalsEnded = false;
  let item:
    | {
        parts: string[];
        nos: number[];
        from: number;
        to: number;
        kind: 'goal' | 'measure' | 'intro';
        section: SectionDraft;
      }
    | undefined;
  const merged: (typeof item)[] = [];

  const flush = (): void => {
    if (!item) return;
    const { parts, kind } = item;
    const itemText = joinWrapped(parts);
    if (mode === 'merged' && kind !== 'intro') merged.push(item);
    else emit(item.section, kind, itemText, range(item.from, item.to), item.nos);
    item = undefined;
  };
  const emit = (
    s: SectionDraft,
    kind: 'goal' | 'measure' | 'intro',
    t: string,
    lines: { from: number; to: number },
    nos: readonly number[],
  ): void => {
    if (kind === 'goal') {
      const target = targetFor(t, { periodFrom: period.from, periodTo: period.to });
      const goal: GoalDoc = { text: t, ...(target ? { target } : {}), lines };
      s.goals.push(goal);
      const ref = goalRef(s, s.goals.length - 1);
      nos.forEach((l) => ledger.take(l, 'goal', ref));
    } else if (kind === 'measure') {
      s.measures.push({ text: t, lines });
      const ref = measureRef(s, undefined, s.measures.length - 1);
      nos.forEach((l) => ledger.take(l, 'measure', ref));
    } else {
      s.intro.push(`- ${t}`);
      nos.forEach((l) => ledger.take(l, 'intro', s.number));
    }
  };
  const resolveMerged = (): void => {
    // "Mål:" and "Tiltak:" both above one unbulleted list: leading target statements are goals.
    let goals = true;
    for (const m of merged) {
      if (!m) continue;
      const t = joinWrapped(m.parts);
      goals = goals && GOAL_LIKE.test(t);
      emit(m.section, goals ? 'goal' : 'measure', t, range(m.from, m.to), m.nos);
    }
    if (merged[0]) {
      issues.push({
        line: merged[0].from,
        message: `«Mål:» og «Tiltak:» står sammen over én liste i kapittel ${merged[0].section.number}; de første ${
          merged[0].section.goals.length
        } linjene (målformuleringer) ble lest som mål, resten som tiltak`,
      });
    }
    merged.length = 0;
  };

  clean.forEach((c, i) => {
    if (isHeading(i)) {
      flush();
      if (mode === 'merged') resolveMerged();
      section = newSection(String(sections.length + 1), c.text, c.line.no);
      sections.push(section);
      mode = 'intro';
      ledger.take(c.line.no, 'heading', section.number);
      return;
    }
    touch(c.line.no, section);
    if (GOALS_LABEL.test(c.text)) {
      flush();
      mode = 'goals';
      unbulletedGoalsEnded = false;
      ledger.take(c.line.no, 'label', section.number);
      return;
    }
    if (MEASURES_LABEL.test(c.text)) {
      flush();
      ledger.take(c.line.no, 'label', section.number);
      // "Tiltak:" right after "Mål:" with nothing between: the two lists were merged in the scan.
      mode = mode === 'goals' && section.goals.length === 0 && !item ? 'merged' : 'measures';
      return;
    }
    const continues =
      item !== undefined && c.bullet === undefined && !c.blankBefore && /^\p{Ll}/u.test(c.text);
    if (continues && item) {
      item.parts.push(c.text);
      item.nos.push(c.line.no);
      item.to = c.line.no;
      return;
    }
    if (mode === 'intro' && c.bullet === undefined) {
      flush();
      section.intro.push(c.text);
      ledger.take(c.line.no, 'intro', section.number);
      return;
    }
    flush();
    if (mode === 'goals' && c.bullet === undefined) {
      if (c.blankBefore && section.goals.length > 0 && !unbulletedGoalsEnded) {
        unbulletedGoalsEnded = true;
        issues.push({
          line: c.line.no,
          message: `ingen «Tiltak:» i kapittel ${section.number}; linjene uten punkttegn etter målene ble lest som tiltak`,
        });
      }
    }
    const kind =
      mode === 'measures' || (mode === 'goals' && unbulletedGoalsEnded)
        ? 'measure'
        : mode === 'intro'
          ? 'intro'
          : 'goal';
    item = { parts: [c.bullet ?? c.text], nos: [c.line.no], from: c.line.no, to: c.line.no, kind, section };
  });
  flush();
  if (mode === 'merged') resolveMerged();

  const edition = editionIn(text);
  const adopted = adoptedIn(text);
  return {
    title: titleLine.text,
    period,
    ...(edition ? { edition } : {}),
    ...(adopted ? { adopted } : {}),
    bodies: [],
    measurements: [],
    sections: sections.map((s) => finishSection(s, (parts) => joinParagraphs(groupListItems(parts)))),
    issues,
    ...(struckReasons.length ? { struckReasons } : {}),
  };
}
