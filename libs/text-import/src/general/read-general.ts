import {
  type Block,
  type SourceDocument,
  type Span,
  type TableBlock,
  hasMarks,
  leadingMarker,
  liveText,
  markedText,
} from '@app/document-readers';
import { labelAt } from '@app/domain';
import { type BodyDoc, type GoalDoc, type LineRange, type MeasureDoc } from '@app/plan-document';
import { bodyCodes, parseAbbreviationLine } from '../bodies.js';
import { type SectionDraft, finishSection, goalRef, measureRef, newSection, touch } from '../draft.js';
import { type LineLedger } from '../line-ledger.js';
import { type ShapeOutput } from '../shapes/shape.js';
import { targetFor } from '../targets.js';
import { type ImportIssue } from '../types.js';
import {
  ABBREVIATION_HEADINGS,
  CHAPTER_WORDS,
  DESCRIPTION_LABELS,
  type Role,
  alternation,
  labelled,
  normaliseLabel,
  roleOf,
} from '../vocabulary.js';
import { ACTION, listLooksLikeMeasures, looksLikeMeasures } from './looks-like-measures.js';
import { type MeasureParts, hasLabelledParts, measureParts } from './measure-parts.js';
import { adoptionOf, namesAPlan, periodOf } from './plan-facts.js';
import { splitParties } from './responsible-parties.js';
import { timingIn } from './timing-phrase.js';
import { NothingRecognisedError } from './refusal.js';
import { struckTextLeftOut } from '../report-messages.js';

/**
 * The general reader: a plan the way parties write it, from the blocks of any format.
 *
 *  - the title is the first heading or short line that names a plan or a year;
 *  - headings (styled, "#", or lines numbered 1., 1.1, I., A that continue the numbering and
 *    read as titles) open sections, nested by level; a heading that is itself a label
 *    ("Tiltak", "Mål") opens a list in the section above instead;
 *  - a label ("Mål:", "Tiltak:", "Aktiviteter:", "Vi skal:" ...) makes the items and short
 *    lines after it goals or measures, until the next label, heading or prose;
 *  - a list under no label is read as measures when its items read as actions ("Arrangere",
 *    "Vi skal") or carry an Ansvar or a timing; otherwise it stays in the intro and, where it
 *    looks like measures, the report warns;
 *  - a table whose header names a measure column and a timing or Ansvar column (in any order
 *    and wording) gives one measure per row;
 *  - each measure's Ansvar and timing come from its own lines or words (see measure-parts.ts).
 *
 * Every line it uses is taken into the line ledger with what it became.
 */

interface Subline {
  readonly text: string;
  readonly line: number;
}

interface Unit {
  readonly kind: 'heading' | 'para' | 'item' | 'table';
  readonly level: number;
  readonly marker?: string;
  readonly sublines: readonly Subline[];
  readonly block: Block;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MeasureDraft = Mutable<MeasureDoc> & {
  named: string[];
  sourceLines: number[];
  ref: string;
  /** Its timing was read from its words: a "Frist:"/"Når:" line under it replaces it. */
  timingInWords?: boolean;
};

interface SectionState {
  readonly draft: SectionDraft;
  readonly level: number;
  mode: 'intro' | 'goals' | 'measures';
  /** Items of a list under no label, decided when the list ends. */
  pending: Unit[];
  lastMeasure?: MeasureDraft;
  /** Paragraphs in a labelled list are elements until the first item or prose. */
  listHasItems: boolean;
  measures: MeasureDraft[];
}

const ABBREVIATIONS = new RegExp(`^(?:${alternation(ABBREVIATION_HEADINGS)}):?$`, 'iu');
/** The heading with its list on the same line: "Forkortelser: FS = fylkesstyret, LL = lokallagene". */
const ABBREVIATIONS_INLINE = new RegExp(`^(?:${alternation(ABBREVIATION_HEADINGS)})\\s*:\\s*(\\S.*)$`, 'iu');

/**
 * A measure's labelled timing and Ansvar found on a line after its first: a labelled timing
 * replaces one read from its words, the Ansvar adds to what it has.
 */
function addParts(m: MeasureDraft, parts: MeasureParts): void {
  if (parts.timing && (!m.timing || m.timingInWords)) {
    m.timing = parts.timing;
    delete m.timingInWords;
  }
  if (parts.responsible.length || parts.named.length) {
    m.responsible = [
      ...(m.responsible ?? []),
      ...parts.responsible.filter((r) => !(m.responsible ?? []).includes(r)),
    ];
    if (m.responsible.length === 0) delete m.responsible;
    m.named.push(...parts.named.filter((n) => !m.named.includes(n)));
  }
}

export function readGeneral(source: SourceDocument, ledger: LineLedger): ShapeOutput {
  const units = toUnits(source);
  const issues: ImportIssue[] = [];
  for (const left of source.leftOut ?? []) ledger.leaveOut(left.line, left.reason);

  // The title and what the first lines say about the plan.
  const titleIndex = findTitle(units);
  const titleUnit = units[titleIndex];
  if (!titleUnit) throw new NothingRecognisedError('no-title', source);
  const title = titleUnit.sublines.map((s) => s.text).join(' ');
  titleUnit.sublines.forEach((s) => ledger.take(s.line, 'title'));
  const head = units
    .slice(0, titleIndex + 8)
    .flatMap((u) => u.sublines.map((s) => s.text))
    .join('\n');
  const adopted = adoptionOf(head);
  const period = periodOf(title) ?? periodOf(head) ?? (adopted ? periodOf(adopted.date) : undefined);
  if (!period) throw new NothingRecognisedError('no-period', source);

  const bodies = readAbbreviations(units, ledger);
  const codes = bodyCodes(bodies);
  const roots: SectionDraft[] = [];
  const stack: SectionState[] = [];
  const states: SectionState[] = [];
  const taken = new Set<string>();
  /** The numbers of the last numbered heading, to tell a heading "2." from a list item "2.". */
  let headingNumbers: number[] = [];
  const goalsTotal = { n: 0 };
  let preface: SectionDraft | undefined;

  const current = (): SectionState => {
    const top = stack[stack.length - 1];
    if (top) return top;
    // Content before the first heading: the plan's own introduction.
    const draft = newSection(uniqueNumber('0', taken), 'Innledning', 1);
    preface = draft;
    roots.push(draft);
    // Any heading ends it: it is above none of them.
    const state = newState(draft, Number.MAX_SAFE_INTEGER);
    stack.push(state);
    states.push(state);
    return state;
  };

  const openSection = (unit: Unit, level: number, titleText: string, number: string | undefined): void => {
    stack.forEach(flushPending);
    while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
    const parent = stack[stack.length - 1];
    const siblings = parent ? parent.draft.sections : roots;
    const counted = siblings.filter((d) => d !== preface).length;
    const positional = parent ? `${parent.draft.number}.${counted + 1}` : String(counted + 1);
    const wanted =
      number && (!parent || number.startsWith(`${parent.draft.number}.`) || !number.includes('.'))
        ? number
        : positional;
    const line = unit.sublines[0]?.line ?? 1;
    const draft = newSection(
      uniqueNumber(parent && !wanted.startsWith(`${parent.draft.number}.`) ? positional : wanted, taken),
      titleText,
      line,
    );
    siblings.push(draft);
    if (parent) touch(line, parent.draft);
    const state = newState(draft, level);
    stack.push(state);
    states.push(state);
    unit.sublines.forEach((s) => ledger.take(s.line, 'heading', draft.number));
  };

  const touchAll = (line: number): void => stack.forEach((s) => touch(line, s.draft));

  const addGoal = (state: SectionState, text: string, lines: readonly number[]): void => {
    const target = targetFor(text, { periodFrom: period.from, periodTo: period.to });
    const range = rangeOf(lines);
    const goal: GoalDoc = { text, ...(target ? { target } : {}), ...(range ? { lines: range } : {}) };
    state.draft.goals.push(goal);
    goalsTotal.n++;
    const ref = goalRef(state.draft, state.draft.goals.length - 1);
    lines.forEach((l) => {
      ledger.take(l, 'goal', ref);
      touchAll(l);
    });
  };

  // The first measure the document numbers as an address ("1.2"): Planverk letters it (1.B), and
  // the report says so once, so whoever prepares a meeting knows what "tiltak 1.2" is called here.
  let letteringSaid = false;
  /** The measure a numbered title ("Tiltak 1.1: Verving") began, until a unit other than its parts. */
  let titled: MeasureDraft | undefined;
  const sayLettered = (
    state: SectionState,
    written: string | undefined,
    label: string | undefined,
    line: number,
  ) => {
    const number = (written ?? '').trim().replace(/[.)]$/, '');
    if (letteringSaid || !label || !/^\d{1,3}(?:\.\d{1,3})+$/.test(number)) return;
    letteringSaid = true;
    issues.push({
      line,
      message: `tiltakene er nummerert i dokumentet (${number} …); Planverk gir dem bokstaver i samme rekkefølge i kapitlet, så ${number} er tiltak ${state.draft.number}.${label}`,
    });
  };

  const addMeasure = (state: SectionState, unit: Unit): void => {
    const parts = measureParts(
      unit.sublines.map((s) => s.text),
      codes,
    );
    if (parts.text === '') {
      // Only an Ansvar or a timing: it belongs to the measure above.
      if (state.lastMeasure) attach(state, unit);
      return;
    }
    const label = labelFromMarker(unit.marker, state.draft.number);
    sayLettered(state, unit.marker, label, unit.sublines[0]?.line ?? 1);
    const measure: MeasureDraft = {
      text: parts.text,
      ...(label ? { label } : {}),
      ...(parts.timing ? { timing: parts.timing } : {}),
      ...(parts.timingInWords ? { timingInWords: true } : {}),
      ...(parts.responsible.length ? { responsible: parts.responsible } : {}),
      named: [...parts.named],
      sourceLines: unit.sublines.map((s) => s.line),
      ref: measureRef(state.draft, label, state.measures.length),
      ...((printedOf(unit) ?? rangeOf(unit.sublines.map((s) => s.line)))
        ? { lines: printedOf(unit) ?? rangeOf(unit.sublines.map((s) => s.line))! }
        : {}),
    };
    state.measures.push(measure);
    state.lastMeasure = measure;
    const ref = measure.ref;
    unit.sublines.forEach((s, i) => {
      ledger.take(s.line, parts.lineKinds[i] ?? 'measure', ref);
      touchAll(s.line);
    });
    checkStruck(unit, issues);
  };

  /** "Ansvar: styret" or "Frist: 1. juni" on its own: the measure above gets it. */
  const attach = (state: SectionState, unit: Unit): boolean => {
    const m = state.lastMeasure;
    if (!m) return false;
    const parts = measureParts(
      unit.sublines.map((s) => s.text),
      codes,
      false,
    );
    if (parts.text !== '') return false;
    addParts(m, parts);
    unit.sublines.forEach((s, i) => {
      ledger.take(s.line, parts.lineKinds[i] ?? 'responsible', m.ref);
      touchAll(s.line);
      m.sourceLines.push(s.line);
    });
    return true;
  };

  /**
   * A numbered measure's description ("Tiltak 1.1: Verving på stand", then "Beskrivelse: Vi står
   * på stand ..."): one measure, its title and description joined ("Verving på stand: Vi står
   * ..."), with any timing or Ansvar the description names.
   */
  const describe = (m: MeasureDraft, unit: Unit, value: string): void => {
    const line = unit.sublines[0]!.line;
    const parts = measureParts([value], codes, false);
    m.text = /[.!?:]$/.test(m.text) ? `${m.text} ${parts.text}` : `${m.text}: ${parts.text}`;
    addParts(m, parts);
    // No labelled timing: the one the joined words name, as for any measure's words.
    const inWords = m.timing ? undefined : timingIn(m.text);
    if (inWords) {
      m.timing = inWords;
      m.timingInWords = true;
    }
    const printed = printedOf(unit) ?? { from: line, to: line };
    m.lines = rangeOf([...(m.lines ? [m.lines.from, m.lines.to] : []), printed.from, printed.to]);
    m.sourceLines.push(line);
    ledger.take(line, 'measure', m.ref);
    touchAll(line);
    checkStruck(unit, issues);
  };

  const addIntro = (state: SectionState, unit: Unit, asListLine = false): void => {
    const text = unit.sublines.map((s) => s.text).join(' ');
    state.draft.intro.push(asListLine ? `${'  '.repeat(Math.max(0, unit.level - 1))}- ${text}` : text);
    unit.sublines.forEach((s) => {
      ledger.take(s.line, 'intro', state.draft.number);
      touchAll(s.line);
    });
    checkStruck(unit, issues);
  };

  function flushPending(state: SectionState): void {
    const list = state.pending;
    if (list.length === 0) return;
    state.pending = [];
    const top = list.filter((u) => u.level === list[0]!.level);
    const actions = top.filter((u) => ACTION.test(u.sublines[0]?.text ?? '')).length;
    // An item is labelled when it or an item under it carries an Ansvar or a timing
    // ("- Fremme sak om sykkelvei" over "  - Ansvar: kommunestyregruppa").
    let labelled = 0;
    list.forEach((u, i) => {
      if (u.level !== list[0]!.level) return;
      const next = list.findIndex((v, j) => j > i && v.level <= u.level);
      const own = list.slice(i, next < 0 ? list.length : next);
      if (own.some((v) => v.sublines.some((s) => hasLabelledParts(s.text)))) labelled++;
    });
    const numberedUnder = top.every(
      (u) =>
        u.marker !== undefined && new RegExp(`^${escape(state.draft.number)}\\.\\d+\\.?$`).test(u.marker),
    );
    if (labelled > 0 || numberedUnder || actions * 2 > top.length) {
      readItems(state, list, 'measures');
      return;
    }
    list.forEach((u) => addIntro(state, u, true));
    const seen = looksLikeMeasures(top.map((u) => u.sublines[0]?.text ?? ''));
    if (seen) issues.push(listLooksLikeMeasures(state.draft.number, seen, list[0]!.sublines[0]!.line));
  }

  /** Items of a list: top-level ones are elements, deeper ones continue the element above. */
  function readItems(state: SectionState, list: readonly Unit[], role: 'goals' | 'measures'): void {
    const base = Math.min(...list.map((u) => u.level));
    let lastTop: Unit | undefined;
    const groups: Unit[][] = [];
    for (const u of list) {
      const onlyParts = u.sublines.every((s) => measureParts([s.text], codes, false).text === '');
      if ((u.level > base || onlyParts) && lastTop) groups[groups.length - 1]!.push(u);
      else {
        groups.push([u]);
        lastTop = u;
      }
    }
    for (const [first, ...rest] of groups) {
      if (!first) continue;
      const merged: Unit = {
        ...first,
        sublines: [
          ...first.sublines,
          ...rest.flatMap((u) => {
            const isParts = u.sublines.every((s) => measureParts([s.text], codes, false).text === '');
            return u.sublines.map((s, i) => ({
              line: s.line,
              text: isParts || i > 0 ? s.text : `- ${s.text}`,
            }));
          }),
        ],
      };
      if (role === 'goals')
        addGoal(
          state,
          merged.sublines.map((s) => s.text).join(' '),
          merged.sublines.map((s) => s.line),
        );
      else addMeasure(state, merged);
    }
  }

  for (let i = 0; i < units.length; i++) {
    if (i === titleIndex) continue;
    const unit = units[i]!;
    if (unit.kind !== 'table' && unit.sublines.every((s) => ledger.has(s.line))) continue; // the abbreviation list
    const text = unit.sublines.map((s) => s.text).join(' ');
    const firstLine = unit.sublines[0]?.line ?? 1;

    if (unit.kind !== 'table' && i < titleIndex + 8 && stack.length === 0 && isHeaderLine(text)) {
      unit.sublines.forEach((s) => ledger.take(s.line, 'header'));
      continue;
    }

    // "Tiltak 1.2: Stand hver lørdag": a measure the document numbers, even styled as a heading.
    const label = unit.kind !== 'table' && unit.sublines.length === 1 ? labelled(text) : undefined;
    const measureTitle = label?.role === 'measures' && label.number !== undefined;
    // The measure whose numbered title came last: its description may follow (see `describe`).
    const card = titled;
    titled = undefined;

    // A heading, or a line that reads as one.
    const asHeading = measureTitle ? undefined : headingOf(unit, headingNumbers, units[i - 1], units[i + 1]);
    if (asHeading) {
      const role = roleOf(asHeading.title);
      if (role === 'goals' || role === 'measures') {
        const state = current();
        flushPending(state);
        state.mode = role;
        state.listHasItems = false;
        unit.sublines.forEach((s) => ledger.take(s.line, 'label', state.draft.number));
        continue;
      }
      if (asHeading.numbers) headingNumbers = asHeading.numbers;
      openSection(unit, asHeading.level, asHeading.title, asHeading.numbers?.join('.'));
      continue;
    }

    const state = current();
    if (unit.kind === 'table') {
      flushPending(state);
      readTable(state, unit.block as TableBlock);
      continue;
    }

    const bareRole = unit.kind !== 'item' && /:\s*$/.test(text) ? roleOf(text) : undefined;
    if (
      (label && (label.role === 'goals' || label.role === 'measures')) ||
      bareRole === 'goals' ||
      bareRole === 'measures'
    ) {
      flushPending(state);
      const role = (label?.role ?? bareRole) as 'goals' | 'measures';
      if (
        card &&
        card === state.lastMeasure &&
        label?.number === undefined &&
        label?.value &&
        DESCRIPTION_LABELS.has(normaliseLabel(label.label))
      ) {
        describe(card, unit, label.value);
        titled = card;
        continue;
      }
      state.mode = role;
      state.listHasItems = false;
      if (label && label.value !== '') {
        // "Mål: Vi skal vokse" / "Tiltak: Stand hver lørdag" / "Tiltak 1.2: Stand": the label and
        // its first element, the line accounted for as that element (the report shows the goal
        // or measure it became); the document's number of a measure is its marker.
        const rest: Unit = {
          ...unit,
          ...(label.number !== undefined ? { marker: label.number } : {}),
          sublines: [{ text: label.value, line: firstLine }],
        };
        if (role === 'goals') addGoal(state, label.value, [firstLine]);
        else {
          addMeasure(state, rest);
          if (label.number !== undefined) titled = state.lastMeasure;
        }
        ledger.take(firstLine, role === 'goals' ? 'goal' : 'measure');
      } else ledger.take(firstLine, 'label', state.draft.number);
      continue;
    }
    if (label && (label.role === 'responsible' || label.role === 'timing')) {
      // A numbered measure's Ansvar or Frist may stand before its description.
      titled = card;
      // "  - Ansvar: styret" under an item of a list not read yet: the list's, read with it.
      if (unit.kind === 'item' && state.pending.length > 0 && unit.level > state.pending[0]!.level) {
        state.pending.push(unit);
        continue;
      }
      flushPending(state);
      if (!attach(state, unit)) {
        addIntro(state, unit);
        issues.push({
          line: firstLine,
          message: `«${label.label}:» uten noe tiltak over seg i kapittel ${state.draft.number}; beholdt i innledningen`,
        });
      }
      continue;
    }

    if (unit.kind === 'item') {
      if (state.mode === 'intro') {
        state.pending.push(unit);
        continue;
      }
      state.listHasItems = true;
      readItems(state, [unit], state.mode);
      continue;
    }

    // A paragraph.
    flushPending(state);
    if (state.mode !== 'intro' && !state.listHasItems && text.length <= 400 && !/^\p{Ll}/u.test(text)) {
      if (state.mode === 'goals')
        addGoal(
          state,
          text,
          unit.sublines.map((s) => s.line),
        );
      else addMeasure(state, unit);
      continue;
    }
    if (
      state.mode !== 'intro' &&
      state.lastMeasure &&
      /^\p{Ll}/u.test(text) &&
      state.mode === 'measures' &&
      !state.listHasItems
    ) {
      addMeasure(state, unit);
      continue;
    }
    state.mode = 'intro';
    addIntro(state, unit);
  }
  stack.forEach(flushPending);
  states.forEach(flushPending);

  // The measures into their sections, with the parties that are not bodies named as such.
  for (const state of states) {
    for (const m of state.measures) {
      const { named, sourceLines: _lines, ref: _ref, timingInWords: _words, ...doc } = m;
      if (named.length) doc.responsibleParties = named;
      state.draft.measures.push(doc);
    }
  }
  const measureCount = states.reduce((n, s) => n + s.measures.length, 0);
  if (measureCount === 0 && goalsTotal.n === 0) throw new NothingRecognisedError('nothing-found', source);

  return {
    title,
    period,
    ...(adopted ? { adopted } : {}),
    bodies,
    measurements: [],
    sections: roots.map((s) => finishSection(s, (parts) => joinIntro(parts))),
    issues,
  };

  function readTable(state: SectionState, table: TableBlock): void {
    const [header, ...rows] = table.rows;
    if (!header) return;
    const roles = header.cells.map((c) => columnRole(liveText(c.spans)));
    const measureColumn = roles.indexOf('measures');
    const goalColumn = roles.indexOf('goals');
    const textColumn = measureColumn >= 0 ? measureColumn : goalColumn;
    const hasDetail = roles.includes('timing') || roles.includes('responsible');
    if (textColumn < 0 || (!hasDetail && measureColumn < 0)) {
      issues.push({
        line: header.lines.from,
        message: `en tabell i kapittel ${state.draft.number} har ingen kolonne med tiltak sammen med en kolonne for tidspunkt eller ansvar (overskriftsraden: «${header.cells.map((c) => liveText(c.spans)).join(' | ')}»); radene ble beholdt i innledningen`,
      });
      for (const row of table.rows) {
        state.draft.intro.push(row.cells.map((c) => liveText(c.spans)).join(' | '));
        ledger.takeRange(row.lines.from, row.lines.to, 'intro', state.draft.number);
      }
      return;
    }
    ledger.takeRange(header.lines.from, header.lines.to, 'label', state.draft.number);
    const cellOf = (row: (typeof rows)[number], role: Role): string => {
      const k = roles.indexOf(role);
      return k >= 0 ? liveText(row.cells[k]?.spans ?? []) : '';
    };
    const cellLines = (row: (typeof rows)[number], role: Role): string[] => {
      const k = roles.indexOf(role);
      return k >= 0 ? lineTexts(row.cells[k]?.spans ?? []) : [];
    };
    const dropped = header.cells.filter((_c, k) => roles[k] === 'status').map((c) => liveText(c.spans));
    let lastGoal: string | undefined;
    for (const row of rows) {
      const ref = state.draft.number;
      if (
        row.cells.every(
          (c, k) =>
            normaliseLabel(liveText(c.spans)) === normaliseLabel(liveText(header.cells[k]?.spans ?? [])),
        )
      ) {
        ledger.takeRange(row.lines.from, row.lines.to, 'label', ref); // the header repeated on a new page
        continue;
      }
      const goal = goalColumn >= 0 && measureColumn >= 0 ? cellOf(row, 'goals') : '';
      if (goal !== '' && goal !== lastGoal) {
        addGoal(state, goal, rangeLines(row.lines));
        lastGoal = goal;
      }
      const textLines = measureColumn >= 0 ? cellLines(row, 'measures') : cellLines(row, 'goals');
      if (textLines.join('').trim() === '') {
        if (goal === '')
          rangeLines(row.lines).forEach((l) =>
            ledger.leaveOut(l, 'en tabellrad uten tekst i tiltakskolonnen'),
          );
        continue;
      }
      const marker = leadingMarker(textLines[0] ?? '');
      const numberCell = cellOf(row, 'number');
      const written = numberCell || (marker && !marker.bullet ? marker.marker : undefined);
      const label = labelFromMarker(written, state.draft.number);
      sayLettered(state, written, label, row.lines.from);
      const body = marker && !marker.bullet && !numberCell ? [marker.rest, ...textLines.slice(1)] : textLines;
      const parts = measureParts(body, codes, !roles.includes('timing'));
      const timing = cellOf(row, 'timing') || parts.timing;
      const who = splitParties(cellOf(row, 'responsible'), codes);
      const responsible = [
        ...parts.responsible,
        ...who.responsible.filter((r) => !parts.responsible.includes(r)),
      ];
      const named = [...parts.named, ...who.named.filter((n) => !parts.named.includes(n))];
      const measure: MeasureDraft = {
        text: parts.text,
        ...(label ? { label } : {}),
        ...(timing ? { timing } : {}),
        ...(responsible.length ? { responsible } : {}),
        named,
        sourceLines: rangeLines(row.lines),
        ref: measureRef(state.draft, label, state.measures.length),
        lines: table.printed ?? row.lines,
      };
      state.measures.push(measure);
      state.lastMeasure = measure;
      ledger.takeRange(row.lines.from, row.lines.to, 'measure', measure.ref);
      rangeLines(row.lines).forEach(touchAll);
      if (row.cells.some((c) => hasMarks(c.spans))) {
        issues.push({
          line: row.lines.from,
          message: struckTextLeftOut(row.cells.map((c) => markedText(c.spans)).join(' | ')),
        });
      }
    }
    // A Markdown table's rule line ("| --- | --- |") belongs to its header.
    ledger.takeRange(table.lines.from, table.lines.to, 'label', state.draft.number);
    if (dropped.length) {
      issues.push({
        line: header.lines.from,
        message: `${dropped.length > 1 ? 'kolonnene' : 'kolonnen'} ${dropped.map((d) => `«${d}»`).join(', ')} i tabellen i kapittel ${state.draft.number} er oppfølging, ikke plantekst, og ble utelatt`,
      });
    }
  }
}

function newState(draft: SectionDraft, level: number): SectionState {
  return { draft, level, mode: 'intro', pending: [], listHasItems: false, measures: [] };
}

/** The blocks as units with their text lines (struck text out), lists and numbered lines told apart. */
function toUnits(source: SourceDocument): Unit[] {
  const units: Unit[] = [];
  for (const block of source.blocks) {
    if (block.kind === 'table') {
      units.push({ kind: 'table', level: 0, sublines: [], block });
      continue;
    }
    const lines = lineTexts(block.spans);
    const sublines = lines
      .map((text, i) => ({ text, line: Math.min(block.lines.from + i, block.lines.to) }))
      .filter((s) => s.text !== '');
    if (sublines.length === 0) {
      // Only struck text: nothing of the live plan, but said so.
      continue;
    }
    if (block.kind === 'heading') {
      units.push({
        kind: 'heading',
        level: block.level,
        ...(block.marker ? { marker: block.marker } : {}),
        sublines,
        block,
      });
      continue;
    }
    if (block.kind === 'item') {
      units.push({
        kind: 'item',
        level: block.level,
        ...(block.marker ? { marker: block.marker } : {}),
        sublines,
        block,
      });
      continue;
    }
    const marker = leadingMarker(sublines[0]!.text);
    if (marker) {
      units.push({
        kind: 'item',
        level: 1,
        marker: marker.marker,
        sublines: [{ ...sublines[0]!, text: marker.rest }, ...sublines.slice(1)],
        block,
      });
    } else units.push({ kind: 'para', level: 0, sublines, block });
  }
  return units;
}

/** The live text of spans, line by line (a line break inside a block, a cell's paragraphs). */
function lineTexts(spans: readonly Span[]): string[] {
  const lines: Span[][] = [[]];
  for (const s of spans) {
    const parts = s.text.split('\n');
    parts.forEach((p, i) => {
      if (i > 0) lines.push([]);
      lines[lines.length - 1]!.push({ ...s, text: p });
    });
  }
  return lines.map((l) => liveText(l));
}

function checkStruck(unit: Unit, issues: ImportIssue[]): void {
  const block = unit.block;
  if (block.kind !== 'table' && hasMarks(block.spans)) {
    issues.push({
      line: block.lines.from,
      message: struckTextLeftOut(markedText(block.spans)),
    });
  }
}

function findTitle(units: readonly Unit[]): number {
  const first = units.slice(0, 10);
  const named = first.findIndex(
    (u) =>
      u.kind !== 'table' &&
      u.kind !== 'item' &&
      u.sublines.length <= 2 &&
      textOf(u).length <= 140 &&
      namesAPlan(textOf(u)) &&
      periodOf(textOf(u)) !== undefined,
  );
  if (named >= 0) return named;
  const plan = first.findIndex(
    (u) => u.kind !== 'table' && u.kind !== 'item' && textOf(u).length <= 140 && namesAPlan(textOf(u)),
  );
  if (plan >= 0) return plan;
  return units.findIndex((u) => u.kind === 'heading');
}

const textOf = (u: Unit): string => u.sublines.map((s) => s.text).join(' ');

/** Lines under the title that state facts about the plan: adoption, period, the organisation. */
function isHeaderLine(text: string): boolean {
  return (
    text.length <= 160 &&
    (adoptionOf(text) !== undefined ||
      /^(?:vedtatt|vedteke|vedteken|antagen|fastställd|vedtaget|gjelder|gjeld|gäller|periode|period)\b/iu.test(
        text,
      ))
  );
}

interface HeadingRead {
  readonly level: number;
  readonly title: string;
  /** The section number the document prints ("2.1" -> [2, 1]). */
  readonly numbers?: number[];
}

/**
 * A styled heading is one; a numbered line ("2. Medlemmer", "1.1 Skolering", "II. Valg")
 * is one when it reads as a title (short, no sentence) and continues the heading numbering
 * rather than the list it stands in; an unnumbered short line standing alone is one in plain
 * text and PDF, where styles are lost.
 */
function headingOf(
  unit: Unit,
  last: readonly number[],
  prev: Unit | undefined,
  next: Unit | undefined,
): HeadingRead | undefined {
  // A styled heading may wrap (a PDF's title over two or three lines); a paragraph that long is prose.
  if (unit.kind === 'table' || (unit.kind !== 'heading' && unit.sublines.length > 2)) return undefined;
  const text = textOf(unit);
  const own = splitNumber(unit.marker, text);
  const titleLike =
    own.title.length > 0 &&
    own.title.length <= 90 &&
    !/[.!?;,]$/.test(own.title) &&
    !/:/.test(own.title) &&
    /^[\p{Lu}\p{N}«"]/u.test(own.title);
  if (unit.kind === 'heading') {
    return {
      level: own.numbers?.length && unit.level <= 1 ? Math.max(unit.level, own.numbers.length) : unit.level,
      title: own.title,
      ...(own.numbers ? { numbers: own.numbers } : {}),
    };
  }
  if (!titleLike || labelled(text)) return undefined;
  if (unit.kind === 'item' && own.numbers) {
    if (!continuesHeadings(own.numbers, last)) return undefined;
    // "2." right after item "1." of a list is the list going on, not chapter 2.
    if (prev?.kind === 'item' && prev.marker && sameList(prev.marker, unit.marker ?? '')) return undefined;
    if (/^\s*(?:vi\s+)?skal\b/iu.test(own.title) || ACTION.test(own.title)) return undefined;
    return { level: own.numbers.length, title: own.title, numbers: own.numbers };
  }
  if (unit.kind === 'para' && unit.block.kind === 'paragraph') {
    const words = own.title.split(/\s+/).length;
    const allCaps = own.title === own.title.toUpperCase() && /\p{Lu}{3}/u.test(own.title);
    const alone =
      unit.sublines.length === 1 &&
      next !== undefined &&
      next.kind !== 'table' &&
      !(next.kind === 'para' && headingLikeText(textOf(next)));
    if (
      (allCaps || (words <= 8 && alone)) &&
      roleOf(own.title) === undefined &&
      !ABBREVIATIONS.test(own.title)
    ) {
      return { level: last.length ? last.length + 1 : 1, title: own.title };
    }
  }
  return undefined;
}

function headingLikeText(t: string): boolean {
  return t.length <= 60 && !/[.!?;,:]$/.test(t);
}

/**
 * A chapter numbered by a word: "Kapittel 1: Organisasjon" (see CHAPTER_WORDS), the word in any
 * case, the roman numeral in capitals and the title capitalised ("Del i arbeidet" is no chapter).
 */
const CHAPTER = new RegExp(
  `^(?:${alternation(CHAPTER_WORDS.flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()]))})` +
    `\\s+(\\d{1,3}|[IVX]{1,5})\\s*[:.–-]?\\s+([\\p{Lu}«"].*)$`,
  'u',
);

function splitNumber(marker: string | undefined, text: string): { title: string; numbers?: number[] } {
  let m = marker;
  let title = text.trim();
  if (m === undefined) {
    const lead = /^(\d{1,3}(?:\.\d{1,3})*\.?|[IVX]{1,5}\.)\s+(.*)$/u.exec(title);
    const chapter = CHAPTER.exec(title);
    if (lead) {
      m = lead[1];
      title = (lead[2] ?? '').trim();
    } else if (chapter) {
      // "Kapittel 1: Organisasjon", "Del II – Valg": as "1. Organisasjon", "II. Valg".
      m = /^\d/.test(chapter[1]!) ? chapter[1] : `${chapter[1]}.`;
      title = (chapter[2] ?? '').trim();
    }
  }
  if (m === undefined) return { title };
  const decimal = /^(\d{1,3}(?:\.\d{1,3})*)\.?$/.exec(m);
  if (decimal) return { title, numbers: decimal[1]!.split('.').map(Number) };
  const roman = /^([IVX]{1,5})\.$/.exec(m);
  if (roman) return { title, numbers: [romanValue(roman[1]!)] };
  return { title };
}

function romanValue(r: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10 };
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const a = v[r[i]!] ?? 0;
    const b = v[r[i + 1] ?? ''] ?? 0;
    total += a < b ? -a : a;
  }
  return total;
}

/** 1 after nothing; 2 or 1.1 after 1; 1.2 or 2 after 1.1; ... */
function continuesHeadings(numbers: readonly number[], last: readonly number[]): boolean {
  if (last.length === 0) return numbers.length === 1 ? numbers[0]! <= 2 : false;
  for (let depth = 0; depth < numbers.length; depth++) {
    const prefix = numbers.slice(0, depth);
    if (prefix.some((n, k) => n !== last[k])) return false;
  }
  const d = numbers.length - 1;
  const prev = last[d];
  if (prev === undefined) return d === last.length && numbers[d] === 1;
  return numbers[d] === prev + 1;
}

function sameList(a: string, b: string): boolean {
  const na = /^(\d+)\.?$/.exec(a);
  const nb = /^(\d+)\.?$/.exec(b);
  return !!na && !!nb && Number(nb[1]) === Number(na[1]) + 1;
}

/**
 * A measure's label from what the document prints. Labels are letters (the plan's addresses,
 * "4.2.J"), so a number becomes the letter in its place: "A." -> A, "b)" -> B, "1.3" under
 * section 1 -> C, "4." -> D.
 */
function labelFromMarker(marker: string | undefined, sectionNumber: string): string | undefined {
  if (!marker) return undefined;
  const m = marker.replace(/[.)(]/g, ' ').trim();
  if (/^[A-ZÆØÅ]$/u.test(m)) return m;
  if (/^[a-zæøå]$/u.test(m)) return m.toUpperCase();
  const parts = marker.replace(/[.)]$/, '').replace(/^\(/, '').split('.');
  const last = parts[parts.length - 1] ?? '';
  const under = parts.length === 1 || parts.slice(0, -1).join('.') === sectionNumber;
  const n = Number(last);
  if (under && /^\d{1,3}$/.test(last) && n >= 1 && n <= 26 * 27) return labelAt(n - 1);
  return undefined;
}

function columnRole(header: string): Role | undefined {
  const h = header.trim();
  return (
    roleOf(h) ??
    roleOf(h.replace(/\(.*?\)/g, '')) ??
    roleOf(h.split(/[\s/]+/)[0] ?? '') ??
    roleOf(h.split(/[\s/]+/).pop() ?? '')
  );
}

/**
 * "Forkortelser" and the "FS: Fylkesstyret" / "FS – Fylkesstyret" / "FS = fylkesstyret" lines
 * under it, or the list on the heading's own line ("Forkortelser: FS = fylkesstyret, LL =
 * lokallagene").
 */
function readAbbreviations(units: readonly Unit[], ledger: LineLedger): BodyDoc[] {
  const inline = (u: Unit): BodyDoc[] | undefined => {
    const m = ABBREVIATIONS_INLINE.exec(textOf(u).trim());
    return m ? parseAbbreviationLine(m[1] ?? '') : undefined;
  };
  const start = units.findIndex(
    (u) => u.kind !== 'table' && (ABBREVIATIONS.test(textOf(u).trim()) || inline(u) !== undefined),
  );
  if (start < 0) return [];
  const bodies: BodyDoc[] = [...(inline(units[start]!) ?? [])];
  const lines: number[] = units[start]!.sublines.map((s) => s.line);
  for (const u of units.slice(start + 1)) {
    if (u.kind === 'table' || u.kind === 'heading') break;
    let all = true;
    for (const s of u.sublines) {
      const listed = parseAbbreviationLine(s.text);
      if (!listed) {
        all = false;
        break;
      }
      bodies.push(...listed);
      lines.push(s.line);
    }
    if (!all) break;
  }
  if (bodies.length === 0) return [];
  lines.forEach((l) => ledger.take(l, 'bodies'));
  return bodies;
}

function uniqueNumber(wanted: string, taken: Set<string>): string {
  let n = wanted;
  for (let k = 2; taken.has(n); k++) n = `${wanted}-${k}`;
  taken.add(n);
  return n;
}

function rangeOf(lines: readonly number[]): LineRange | undefined {
  if (lines.length === 0) return undefined;
  return { from: Math.min(...lines), to: Math.max(...lines) };
}

function rangeLines(r: LineRange): number[] {
  return Array.from({ length: r.to - r.from + 1 }, (_, k) => r.from + k);
}

function printedOf(unit: Unit): LineRange | undefined {
  return unit.block.printed;
}

function joinIntro(parts: readonly string[]): string {
  const out: string[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last !== undefined && /^\s*- /.test(p) && /^\s*- /.test(last.split('\n').pop() ?? ''))
      out[out.length - 1] = `${last}\n${p}`;
    else out.push(p);
  }
  return out.join('\n\n');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
