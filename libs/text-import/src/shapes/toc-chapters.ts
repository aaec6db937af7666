import { type GoalDoc, type Measurement } from '@app/plan-document';
import { bulletItem } from '../bullets.js';
import { type SectionDraft, finishSection, goalRef, measureRef, newSection, range, touch } from '../draft.js';
import { UnreadableDocumentError } from '../errors.js';
import { listLooksLikeMeasures, looksLikeMeasures } from '../general/looks-like-measures.js';
import { type LineLedger } from '../line-ledger.js';
import { adoptedIn, editionIn, isTitleLine, periodIn } from '../plan-header.js';
import { type SourceLine, toSourceLines } from '../source-lines.js';
import { isoDate, measurementFrom, targetFor } from '../targets.js';
import { groupListItems, joinParagraphs, joinWrapped } from '../text-join.js';
import { type ImportIssue } from '../types.js';
import { BEFORE_FIRST_HEADING, textBeforeFirstHeading } from '../report-messages.js';
import { type Shape, type ShapeOutput } from './shape.js';

/**
 * Oslo SV's 2020-2023 plan (seed 000): a title, a table of contents ("Fylkeslaget<TAB>28"),
 * numbered chapters whose areas are unnumbered headings listed in the contents; each area has
 * intro prose, a "Mål:" list and a "Tiltak:" list of "- " bullets. Chapter 2 holds the status
 * figures ("Status 31.12.2019 for Oslo SV") and the long-term goals.
 *
 * Unnumbered areas are numbered by position under their chapter (3.1 Fylkeslaget ...), as the
 * plan document asks. Lines are the lines of the text file.
 */
/** An entry of the contents: the heading, then its page number after tabs or spaces. */
const TOC_LINE = /^(.+?)[\t ]+(\d{1,3})$/;
/** The contents are the first run of at least this many entries in a row. */
const MIN_CONTENTS = 5;

/** The lines of the table of contents: the first run of entries, line after line. */
function contentsLines(lines: readonly SourceLine[]): SourceLine[] {
  let run: SourceLine[] = [];
  for (const line of lines) {
    if (TOC_LINE.test(line.raw.trimEnd())) {
      run.push(line);
      continue;
    }
    if (run.length >= MIN_CONTENTS) return run;
    run = [];
  }
  return run.length >= MIN_CONTENTS ? run : [];
}
const CHAPTER = /^(\d+)\.\s+(.+)$/;
const GOALS_LABEL = /^(?:Mål|Delmål):$/;
const MEASURES_LABEL = /^Tiltak:$/;
/** Areas without labels whose bullets are goals: "Langsiktige mål ...", "Strategiske grep ...". */
const GOAL_HEADING = /\bmål|\bstrategiske grep\b/i;

export const tocChaptersShape: Shape = {
  id: 'toc-chapters',
  description: 'table of contents, chapters with unnumbered areas, "Mål:" and "Tiltak:" bullet lists',
  recognise: (text) =>
    /^Mål:\s*$/m.test(text) && /^Tiltak:\s*$/m.test(text) && contentsLines(toSourceLines(text)).length > 0,
  read: readTocChapters,
};

/** A list kept in the intro whose items read as measures ("Arrangere ...", "Vi skal ..."): said so. */
function warnIfMeasures(
  section: SectionDraft,
  items: readonly string[],
  line: number,
  issues: ImportIssue[],
): void {
  const seen = looksLikeMeasures(items);
  if (seen) issues.push(listLooksLikeMeasures(section.number, seen, line));
}

type Mode = 'intro' | 'goals' | 'measures';

function readTocChapters(text: string, ledger: LineLedger): ShapeOutput {
  const lines = toSourceLines(text);
  const issues: ImportIssue[] = [];
  const titleLine = lines.find((l) => isTitleLine(l.text));
  if (!titleLine) throw new UnreadableDocumentError('toc-chapters plan: no title line with a period found');
  const period = periodIn(titleLine.text);
  if (!period) throw new UnreadableDocumentError(`toc-chapters plan: no period in "${titleLine.text}"`);

  const tocLines = contentsLines(lines);
  const toc = tocLines.map((l) => (TOC_LINE.exec(l.raw.trimEnd())?.[1] ?? '').trim());
  const bodyStart = Math.max(...tocLines.map((l) => l.no)); // index of the first line after the contents
  ledger.take(titleLine.no, 'title');
  for (const l of tocLines)
    ledger.leaveOut(l.no, 'innholdsfortegnelsen: hver oppføring leses der overskriften står');
  for (const l of lines.slice(0, bodyStart))
    if (l.text !== '') ledger.leaveOut(l.no, 'før innholdsfortegnelsen slutter: ikke plantekst');

  const chapters: SectionDraft[] = [];
  let chapter: SectionDraft | undefined;
  let area: SectionDraft | undefined;
  let sub: SectionDraft | undefined;
  let mode: Mode = 'intro';
  let nextToc = 0;
  const measurements: Measurement[] = [];
  let statusDate: string | undefined;
  let lastItem:
    | {
        parts: string[];
        lines: number[];
        to: number;
        kind: 'goal' | 'measure' | 'intro' | 'sub';
        section: SectionDraft;
      }
    | undefined;
  let prevBlank = true;
  /** The items of the list being read that stay in the intro, to warn when they read as measures. */
  let introList: { items: string[]; line: number; section: SectionDraft } | undefined;
  const endIntroList = (): void => {
    if (introList) warnIfMeasures(introList.section, introList.items, introList.line, issues);
    introList = undefined;
  };

  const flush = (): void => {
    if (!lastItem) return;
    const { parts, kind, section } = lastItem;
    const itemText = joinWrapped(parts);
    const lineRange = range(lastItem.to - parts.length + 1, lastItem.to);
    if (kind === 'goal') {
      const target = targetFor(itemText, { periodFrom: period.from, periodTo: period.to });
      const goal: GoalDoc = { text: itemText, ...(target ? { target } : {}), lines: lineRange };
      section.goals.push(goal);
      const ref = goalRef(section, section.goals.length - 1);
      lastItem.lines.forEach((l) => ledger.take(l, 'goal', ref));
    } else if (kind === 'measure') {
      section.measures.push({ text: itemText, lines: lineRange });
      const ref = measureRef(section, undefined, section.measures.length - 1);
      lastItem.lines.forEach((l) => ledger.take(l, 'measure', ref));
    } else {
      section.intro.push(`${kind === 'sub' ? '  ' : ''}- ${itemText}`);
      const m = statusDate ? measurementFrom(itemText, statusDate) : undefined;
      if (m) measurements.push(m);
      lastItem.lines.forEach((l) => ledger.take(l, m ? 'measurement' : 'intro', section.number));
      if (kind === 'intro') {
        if (introList?.section !== section) {
          endIntroList();
          introList = { items: [], line: lastItem.lines[0] ?? 0, section };
        }
        introList.items.push(itemText);
      }
    }
    lastItem = undefined;
  };

  for (const line of lines.slice(bodyStart)) {
    const t = line.text;
    if (t === '') {
      prevBlank = true;
      continue;
    }
    const wasBlank = prevBlank;
    prevBlank = false;
    const current = sub ?? area ?? chapter;
    // Headings are the entries of the table of contents, in order.
    if (nextToc < toc.length && t === toc[nextToc]) {
      flush();
      endIntroList();
      nextToc++;
      const m = CHAPTER.exec(t);
      if (m) {
        chapter = newSection(m[1] ?? '', (m[2] ?? '').trim(), line.no);
        chapters.push(chapter);
        area = undefined;
        ledger.take(line.no, 'heading', chapter.number);
      } else if (chapter) {
        area = newSection(`${chapter.number}.${chapter.sections.length + 1}`, t, line.no);
        chapter.sections.push(area);
        touch(line.no, chapter);
        ledger.take(line.no, 'heading', area.number);
      }
      sub = undefined;
      mode = 'intro';
      statusDate = /^Status\b/i.test(t) ? isoDate(t) : undefined;
      continue;
    }
    if (!current) {
      issues.push({ line: line.no, message: textBeforeFirstHeading(t) });
      ledger.leaveOut(line.no, BEFORE_FIRST_HEADING);
      continue;
    }
    touch(line.no, current, area, chapter);
    // A question standing alone above a list ("Hva er oppgavene som må løses for å nå målene?")
    // is a sub-heading the contents do not list.
    if (area && wasBlank && /\?$/.test(t) && t.length <= 100 && bulletItem(t) === undefined) {
      flush();
      endIntroList();
      sub = newSection(`${area.number}.${area.sections.length + 1}`, t, line.no);
      area.sections.push(sub);
      mode = 'intro';
      ledger.take(line.no, 'heading', sub.number);
      continue;
    }
    if (GOALS_LABEL.test(t)) {
      flush();
      endIntroList();
      mode = 'goals';
      ledger.take(line.no, 'label', current.number);
      continue;
    }
    if (MEASURES_LABEL.test(t)) {
      flush();
      endIntroList();
      mode = 'measures';
      ledger.take(line.no, 'label', current.number);
      continue;
    }
    const item = bulletItem(t);
    if (item !== undefined) {
      flush();
      const nested = /^\s+-/.test(line.raw);
      const listsGoals = mode === 'goals' || (mode === 'intro' && GOAL_HEADING.test(current.title));
      const kind = nested ? 'sub' : mode === 'measures' ? 'measure' : listsGoals ? 'goal' : 'intro';
      lastItem = { parts: [item], lines: [line.no], to: line.no, kind, section: current };
      continue;
    }
    if (lastItem && !wasBlank) {
      lastItem.parts.push(t);
      lastItem.lines.push(line.no);
      lastItem.to = line.no;
      continue;
    }
    flush();
    endIntroList();
    if (mode !== 'intro')
      issues.push({
        line: line.no,
        message: `løpende tekst etter en liste i kapittel ${current.number}, beholdt i innledningen`,
      });
    current.intro.push(t);
    ledger.take(line.no, 'intro', current.number);
  }
  flush();
  endIntroList();
  if (chapters.length === 0)
    throw new UnreadableDocumentError('toc-chapters plan: no chapter of the contents found');
  if (nextToc < toc.length) {
    issues.push({
      line: tocLines[nextToc]?.no ?? 1,
      message: `oppføringen «${toc[nextToc]}» i innholdsfortegnelsen finnes ikke som overskrift`,
    });
  }
  const edition = editionIn(titleLine.text);
  const adopted = adoptedIn(text);
  return {
    title: titleLine.text,
    period,
    ...(edition ? { edition } : {}),
    ...(adopted ? { adopted } : {}),
    bodies: [],
    measurements,
    sections: chapters.map((c) => finishSection(c, (parts) => joinParagraphs(groupListItems(parts)))),
    issues,
  };
}
