import { bulletItem } from '../bullets.js';
import { type SectionDraft, finishSection, goalRef, measureRef, newSection, range, touch } from '../draft.js';
import { UnreadableDocumentError } from '../errors.js';
import { type LineLedger } from '../line-ledger.js';
import { adoptedIn, editionIn } from '../plan-header.js';
import { toSourceLines } from '../source-lines.js';
import { targetFor } from '../targets.js';
import { groupListItems, joinParagraphs } from '../text-join.js';
import { type ImportIssue } from '../types.js';
import { BEFORE_FIRST_HEADING, textBeforeFirstHeading } from '../report-messages.js';
import { type Shape, type ShapeOutput } from './shape.js';

/**
 * SV's national work plan (seed 002), a DOCX extraction: numbered chapters, then "Hvor vil SV
 * være i 2025?" with eight "Mål:" headings, each with intro prose and several "Delmål:", each
 * followed by its "Tiltak:" list ("·" bullets). Headings carry Word bookmarks
 * ("[bookmark: _Toc93433492]"), which is how an unnumbered heading is told from prose.
 *
 * So that every measure stays with the sub-goal it serves, a "Mål" is a section (4.1 ...) whose
 * goal is the Mål, and each "Delmål" is a section under it (4.1.1 ...) whose goal is the Delmål
 * and whose measures are its Tiltak. Lines are the lines of the text file.
 */
const BOOKMARK = /\[bookmark:[^\]]*\]/g;
const CHAPTER = /^(\d+)\.\s*(.*)$/;
const GOAL = /^Mål:\s*(.*)$/;
const SUBGOAL = /^Delmål:\s*(.*)$/;
const MEASURES = /^Tiltak:\s*$/;
const ADOPTED = /^Vedtatt av /i;

export const goalSubgoalShape: Shape = {
  id: 'goal-subgoal',
  description: '"Mål:" headings with "Delmål:" sub-goals and their "Tiltak:" lists',
  recognise: (text) => /^\s*Delmål:/m.test(text) && /^(?:\[bookmark:[^\]]*\])?\s*Mål:\s+\S/m.test(text),
  read: readGoalSubgoal,
};

function readGoalSubgoal(text: string, ledger: LineLedger): ShapeOutput {
  const lines = toSourceLines(text);
  const issues: ImportIssue[] = [];
  const adopted = adoptedIn(text);
  const horizon = /Hvor vil \S+ være i (\d{4})\?/.exec(text);
  if (!adopted || !horizon) {
    throw new UnreadableDocumentError(
      'goal-subgoal plan: cannot tell the period (no "Vedtatt av ..." date or target year)',
    );
  }
  // Adopted in January 2022 for "de neste fire årene", aiming at "Hvor vil SV være i 2025?".
  const period = { from: Number(adopted.date.slice(0, 4)), to: Number(horizon[1]) };

  const chapters: SectionDraft[] = [];
  let chapter: SectionDraft | undefined;
  let goal: SectionDraft | undefined;
  let subgoal: SectionDraft | undefined;
  let pendingTitle: ((title: string, line: number) => void) | undefined;
  let headingNext = false;
  let inMeasures = false;

  for (const line of lines) {
    const hadBookmark = BOOKMARK.test(line.text);
    BOOKMARK.lastIndex = 0;
    const t = line.text.replace(BOOKMARK, '').trim();
    if (t === '') {
      if (hadBookmark) {
        headingNext = true;
        ledger.leaveOut(line.no, 'et bokmerke fra Word: det markerer linjen etter som overskrift');
      }
      continue;
    }
    if (ADOPTED.test(t)) {
      ledger.take(line.no, 'header'); // the adoption line, read into the header
      continue;
    }
    if (pendingTitle) {
      pendingTitle(t, line.no);
      pendingTitle = undefined;
      continue;
    }
    const chapterMatch = CHAPTER.exec(t);
    const goalMatch = GOAL.exec(t);
    const subgoalMatch = SUBGOAL.exec(t);
    if (chapterMatch && Number(chapterMatch[1]) === chapters.length + 1) {
      const number = chapterMatch[1] ?? '';
      const startChapter = (title: string, no: number): void => {
        chapter = newSection(number, title, line.no);
        touch(no, chapter);
        chapters.push(chapter);
        ledger.takeRange(line.no, no, 'heading', number);
      };
      goal = subgoal = undefined;
      inMeasures = false;
      if ((chapterMatch[2] ?? '') === '') pendingTitle = startChapter;
      else startChapter(chapterMatch[2] ?? '', line.no);
      headingNext = false;
      continue;
    }
    if (goalMatch && chapter) {
      goal = newSection(
        `${chapter.number}.${chapter.sections.length + 1}`,
        (goalMatch[1] ?? '').trim(),
        line.no,
      );
      goal.goals.push({ text: goal.title, lines: range(line.no) });
      ledger.take(line.no, 'goal', goalRef(goal, 0));
      chapter.sections.push(goal);
      touch(line.no, chapter);
      subgoal = undefined;
      inMeasures = false;
      headingNext = false;
      continue;
    }
    if (headingNext && !goalMatch) {
      // A bookmarked heading without a number: the next chapter ("Hvor vil SV være i 2025?").
      chapter = newSection(String(chapters.length + 1), t, line.no);
      chapters.push(chapter);
      ledger.take(line.no, 'heading', chapter.number);
      goal = subgoal = undefined;
      inMeasures = false;
      headingNext = false;
      continue;
    }
    headingNext = false;
    if (subgoalMatch && goal) {
      const parent = goal;
      const startSubgoal = (title: string, no: number): void => {
        subgoal = newSection(`${parent.number}.${parent.sections.length + 1}`, title, line.no);
        const target = targetFor(title, { periodFrom: period.from, periodTo: period.to });
        subgoal.goals.push({ text: title, ...(target ? { target } : {}), lines: range(no) });
        touch(no, subgoal, parent, chapter);
        parent.sections.push(subgoal);
        if (no !== line.no) ledger.take(line.no, 'label', subgoal.number);
        ledger.take(no, 'goal', goalRef(subgoal, 0));
      };
      inMeasures = false;
      if ((subgoalMatch[1] ?? '') === '') pendingTitle = startSubgoal;
      else startSubgoal((subgoalMatch[1] ?? '').trim(), line.no);
      continue;
    }
    if (MEASURES.test(t)) {
      inMeasures = true;
      touch(line.no, subgoal, goal, chapter);
      ledger.take(line.no, 'label', (subgoal ?? goal ?? chapter)?.number);
      continue;
    }
    const current = subgoal ?? goal ?? chapter;
    if (!current) {
      issues.push({ line: line.no, message: textBeforeFirstHeading(t) });
      ledger.leaveOut(line.no, BEFORE_FIRST_HEADING);
      continue;
    }
    touch(line.no, subgoal, goal, chapter);
    const item = bulletItem(t);
    if (inMeasures && item !== undefined && subgoal) {
      subgoal.measures.push({ text: item, lines: range(line.no) });
      ledger.take(line.no, 'measure', measureRef(subgoal, undefined, subgoal.measures.length - 1));
      continue;
    }
    if (inMeasures && item === undefined) {
      issues.push({
        line: line.no,
        message: `tekst i en «Tiltak:»-liste som ikke er et punkt, beholdt i innledningen: «${t}»`,
      });
    } else if (inMeasures) {
      // Measures serve a sub-goal here; one under no "Delmål:" has none to serve.
      issues.push({
        line: line.no,
        message: `et «Tiltak:»-punkt i kapittel ${current.number} som ikke står under noe «Delmål:», beholdt i innledningen: «${item}»`,
      });
    }
    current.intro.push(item !== undefined ? `- ${item}` : t);
    ledger.take(line.no, 'intro', current.number);
  }
  if (chapters.length === 0) throw new UnreadableDocumentError('goal-subgoal plan: no chapters found');

  // The national plan's text carries no title; compose one and say so.
  const title = `SVs arbeidsplan ${period.from}-${period.to}`;
  issues.push({ line: 1, message: `ingen tittel i teksten; tittelen er satt sammen til «${title}»` });
  const edition = editionIn(text);
  return {
    title,
    period,
    ...(edition ? { edition } : {}),
    adopted,
    bodies: [],
    measurements: [],
    sections: chapters.map((c) => finishSection(c, (parts) => joinParagraphs(groupListItems(parts)))),
    issues,
  };
}
