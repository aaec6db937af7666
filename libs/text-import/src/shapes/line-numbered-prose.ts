import { type GoalDoc, type LineRange } from '@app/plan-document';
import { bulletItem, isEmptyBullet } from '../bullets.js';
import {
  type SectionDraft,
  finishSection,
  goalRef,
  measureRef,
  newSection,
  rangeOf,
  touch,
} from '../draft.js';
import { UnreadableDocumentError } from '../errors.js';
import { listLooksLikeMeasures, looksLikeMeasures } from '../general/looks-like-measures.js';
import { type LineLedger } from '../line-ledger.js';
import { stripLeadingLineNumbers } from '../line-numbers.js';
import { adoptedIn, editionIn } from '../plan-header.js';
import { type SourceLine, toSourceLines } from '../source-lines.js';
import { targetFor } from '../targets.js';
import { groupListItems, joinParagraphs, joinWrapped } from '../text-join.js';
import { type ImportIssue } from '../types.js';
import { ONLY_LINE_NUMBER } from '../report-messages.js';
import { type Shape, type ShapeOutput } from './shape.js';

/**
 * Oslo Ap's 2018-2019 plan (seed 003): prose with the document's line numbers at the start of
 * each line ("- 161 • Når partiet ..."), unnumbered area headings (some in **bold**), areas
 * ending with "Tiltak som bør gjennomføres:" bullet lists, and the overall goals for the period
 * as a bullet list under "... overordnede mål for perioden 2018-2019 er:".
 *
 * Areas are numbered by position; the text before the first area heading stands under the
 * title heading and is section 1. Lines are the document's printed line numbers. A few list
 * items lost their numbers in the extraction (they follow or precede a run of bare numbers):
 * they get the range of that run.
 */
const MEASURES_LABEL = /^(?:\*\*)?Tiltak som bør gjennomføres:(?:\*\*)?$/;
const BOLD = /^\*\*(.+?)\*\*$/;
const TITLE = /^\*\*(.+?)\*\*\s+(\d+)\s+\*\*(.+?)\*\*$/;
const SUB_BULLET = /^[○◦]\s/;
const GOALS_INTRO = /\bmål\b.*:$/i;

export const lineNumberedProseShape: Shape = {
  id: 'line-numbered-prose',
  description: 'prose with printed line numbers at the line starts and "Tiltak som bør gjennomføres:" lists',
  recognise: (text) => {
    if (!/Tiltak som bør gjennomføres:/.test(text)) return false;
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    return lines.filter((l) => /^\s*(?:-\s+)?\d{1,4}(?:\s|$)/.test(l)).length >= lines.length / 2;
  },
  read: readLineNumberedProse,
};

interface Item {
  /** Which list of the document it belongs to: prose and headings end a list. */
  list: number;
  parts: string[];
  lines: SourceLine[];
  kind: 'goal' | 'measure' | 'intro';
  section: SectionDraft;
}

function isHeading(lines: readonly SourceLine[], i: number): string | undefined {
  const line = lines[i] as SourceLine;
  const bold = BOLD.exec(line.text);
  const t = (bold?.[1] ?? line.text).trim();
  if (t === '' || MEASURES_LABEL.test(line.text) || bulletItem(t) !== undefined) return undefined;
  if (bold) return t;
  // An unmarked heading stands alone between numbered empty lines and reads as a title.
  const standsAlone = (step: number): boolean => {
    for (let j = i + step; j >= 0 && j < lines.length; j += step) {
      const l = lines[j] as SourceLine;
      if (l.raw.trim() === '') continue;
      return l.text === '' || isEmptyBullet(l.text);
    }
    return true;
  };
  const looksLikeTitle = t.length <= 60 && /^\p{Lu}/u.test(t) && !/[.:;?!,]$/.test(t) && !/\.\s/.test(t);
  const prev = lines[i - 1];
  const afterGap = prev === undefined || prev.raw.trim() === '' || prev.text === '' || standsAlone(-1);
  return looksLikeTitle && afterGap && standsAlone(1) ? t : undefined;
}

function readLineNumberedProse(text: string, ledger: LineLedger): ShapeOutput {
  const lines = toSourceLines(text);
  stripLeadingLineNumbers(lines);
  const issues: ImportIssue[] = [];
  const titleIndex = lines.findIndex((l) => TITLE.test(l.text) || BOLD.test(l.text));
  const titleLine = lines[titleIndex];
  if (!titleLine) throw new UnreadableDocumentError('line-numbered-prose plan: no title heading found');
  const tm = TITLE.exec(titleLine.text);
  const title = tm ? `${tm[1]} ${tm[3]}` : (BOLD.exec(titleLine.text)?.[1] ?? '');
  const titleTo = tm ? Number(tm[2]) : titleLine.printed;
  const period = /\bfor perioden (\d{4})\s*[-–]\s*(\d{4})/.exec(text);
  if (!period)
    throw new UnreadableDocumentError('line-numbered-prose plan: no "for perioden YYYY-YYYY" found');
  const from = Number(period[1]);
  const to = Number(period[2]);

  const sections: SectionDraft[] = [newSection('1', title, titleLine.printed ?? titleLine.no)];
  touch(titleTo, sections[0]);
  ledger.take(titleLine.no, 'title');
  for (const l of lines.slice(0, titleIndex))
    if (l.raw.trim() !== '') ledger.leaveOut(l.no, 'før tittelen: ikke plantekst');
  let section = sections[0] as SectionDraft;
  let mode: 'intro' | 'goals' | 'measures' = 'intro';
  const items: Item[] = [];
  let item: Item | undefined;
  let blankSince = false;
  let lastProse: string | undefined;
  let listNo = 0;

  for (let i = titleIndex + 1; i < lines.length; i++) {
    const line = lines[i] as SourceLine;
    const t = line.text;
    if (line.raw.trim() === '') {
      blankSince = true;
      continue;
    }
    const heading = t === '' ? undefined : isHeading(lines, i);
    if (!heading) touch(line.printed, section);
    if (t === '' || isEmptyBullet(t)) {
      // A bare line number: an empty line of the document; it ends a paragraph but not a list item.
      if (mode === 'intro' && !item) lastProse = undefined;
      ledger.leaveOut(line.no, t === '' ? ONLY_LINE_NUMBER : 'et tomt listepunkt');
      continue;
    }
    if (heading) {
      item = undefined;
      listNo++;
      section = newSection(String(sections.length + 1), heading, line.printed ?? line.no);
      sections.push(section);
      mode = 'intro';
      lastProse = undefined;
      ledger.take(line.no, 'heading', section.number);
      continue;
    }
    if (MEASURES_LABEL.test(t)) {
      item = undefined;
      mode = 'measures';
      ledger.take(line.no, 'label', section.number);
      continue;
    }
    const bullet = bulletItem(t);
    if (bullet !== undefined) {
      if (SUB_BULLET.test(t) && item && item.kind === 'measure') {
        item.parts.push(`\n- ${bullet}`);
        item.lines.push(line);
      } else {
        const kind = mode === 'measures' ? 'measure' : mode === 'goals' ? 'goal' : 'intro';
        item = { list: listNo, parts: [bullet], lines: [line], kind, section };
        items.push(item);
      }
      blankSince = false;
      continue;
    }
    const last = item?.parts[item.parts.length - 1] ?? '';
    if (item && (!blankSince || (/^\p{Ll}/u.test(t) && !/[.!?]$/.test(last)))) {
      item.parts.push(t);
      item.lines.push(line);
      blankSince = false;
      continue;
    }
    // Prose.
    item = undefined;
    listNo++;
    blankSince = false;
    if (mode === 'measures') mode = 'intro';
    if (lastProse !== undefined) {
      section.intro[section.intro.length - 1] = joinWrapped([lastProse, t]);
    } else section.intro.push(t);
    ledger.take(line.no, 'intro', section.number);
    lastProse = section.intro[section.intro.length - 1];
    mode = GOALS_INTRO.test(t) ? 'goals' : mode === 'goals' ? 'intro' : mode;
    if (/\b\d[\d.]*\d medlemmer\b/.test(t) && !/\d{1,2}\.\d{1,2}\.\d{4}/.test(t)) {
      issues.push({
        line: line.no,
        message: `et medlemstall uten dato, ikke registrert som måling: «${t}»`,
      });
    }
  }

  /** The items of an intro list, to warn when they read as measures. */
  let list: Item[] = [];
  const endList = (): void => {
    const seen = looksLikeMeasures(list.map((it) => composeText(it.parts)));
    const first = list[0];
    if (seen && first)
      issues.push(listLooksLikeMeasures(first.section.number, seen, first.lines[0]?.no ?? 0));
    list = [];
  };
  for (const it of items) {
    const lineRange = itemLines(it, lines);
    const textValue = composeText(it.parts);
    if (it.kind !== 'intro' || list[0]?.list !== it.list) endList();
    if (it.kind === 'goal') {
      const target = targetFor(textValue, { periodFrom: from, periodTo: to });
      const goal: GoalDoc = {
        text: textValue,
        ...(target ? { target } : {}),
        ...(lineRange ? { lines: lineRange } : {}),
      };
      it.section.goals.push(goal);
      const ref = goalRef(it.section, it.section.goals.length - 1);
      it.lines.forEach((l) => ledger.take(l.no, 'goal', ref));
    } else if (it.kind === 'measure') {
      it.section.measures.push({ text: textValue, ...(lineRange ? { lines: lineRange } : {}) });
      const ref = measureRef(it.section, undefined, it.section.measures.length - 1);
      it.lines.forEach((l) => ledger.take(l.no, 'measure', ref));
    } else {
      it.section.intro.push(`- ${textValue}`);
      it.lines.forEach((l) => ledger.take(l.no, 'intro', it.section.number));
      list.push(it);
    }
    if (!lineRange)
      issues.push({
        line: it.lines[0]?.no ?? 0,
        message: `ikke noe trykt linjenummer for «${textValue.slice(0, 60)}»`,
      });
  }

  endList();

  const edition = editionIn(text);
  const adopted = adoptedIn(text);
  return {
    title,
    period: { from, to },
    ...(edition ? { edition } : {}),
    ...(adopted ? { adopted } : {}),
    bodies: [],
    measurements: [],
    sections: sections.map((s) => finishSection(s, (parts) => joinParagraphs(groupListItems(parts)))),
    issues,
  };
}

/** Item text; sub-bullets ("○ ...") stay list lines under the item. */
function composeText(parts: readonly string[]): string {
  const out: string[] = [];
  for (const p of parts) {
    if (p.startsWith('\n')) out.push(p.trim());
    else if (out.length === 0) out.push(p);
    else out[out.length - 1] = joinWrapped([out[out.length - 1] ?? '', p]);
  }
  return out.join('\n');
}

/** The printed lines of an item, or for an unnumbered item the run of bare numbers beside it. */
function itemLines(item: Item, lines: readonly SourceLine[]): LineRange | undefined {
  const own = rangeOf(item.lines.map((l) => l.printed));
  if (own) return own;
  const first = (item.lines[0]?.no ?? 1) - 1;
  const last = (item.lines[item.lines.length - 1]?.no ?? 1) - 1;
  const run = (start: number, step: number): number[] => {
    const found: number[] = [];
    for (let j = start; j >= 0 && j < lines.length; j += step) {
      const l = lines[j] as SourceLine;
      if (l.printed !== undefined && l.text === '') found.push(l.printed);
      else if (l.raw.trim() === '' && found.length === 0) continue;
      else if (l.printed === undefined && bulletItem(l.text) !== undefined && found.length === 0) continue;
      else break;
    }
    return found;
  };
  const after = run(last + 1, 1);
  if (after.length) return rangeOf(after);
  const before = run(first - 1, -1);
  return before.length ? rangeOf(before) : undefined;
}
