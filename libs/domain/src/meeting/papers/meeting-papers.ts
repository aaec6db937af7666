import type { PlanEvent } from '../../plan/plan.events.js';
import type { ExistingPlan, GoalState, MeasureState, SectionState } from '../../plan/plan.state.js';
import { goalAddresses, measureAddress } from '../../plan/addresses.js';
import { introBlocks, spreadText, wrapText } from './line-breaks.js';
import {
  PAPERS_LAYOUT,
  type MeetingPapers,
  type PaperElement,
  type PaperLine,
  type PaperLineKind,
  type PaperRef,
  type PapersSource,
} from './papers.types.js';

/** Characters per line of a plan the layout numbers: about a printed A4 page in 11 pt. */
export const PAPERS_WIDTH = 90;

/**
 * The meeting papers of a plan: its text numbered line by line. A plan imported from a document
 * that printed its own line numbers keeps them (every live element still stands on the lines it
 * was imported from); any other plan is numbered by this layout. The same plan always gives the
 * same papers, so a meeting's papers are reproduced exactly from the revision it treats.
 */
export function meetingPapers(source: PapersSource): MeetingPapers {
  const tree = readingOrder(source.plan);
  const ownNumbers =
    tree.elements.length > 0 &&
    tree.elements.every((e) => e.lines !== undefined && e.lines.from <= e.lines.to);
  const { lines, elements } = ownNumbers ? documentLayout(source, tree) : renderedLayout(source, tree);
  const numbers = lines.flatMap((l) => (l.no === null ? [] : [l.no]));
  return {
    planId: source.plan.id,
    title: source.plan.title,
    numbering: ownNumbers ? 'document' : 'rendered',
    layout: PAPERS_LAYOUT,
    first: numbers.length > 0 ? Math.min(...numbers) : 0,
    last: numbers.length > 0 ? Math.max(...numbers) : 0,
    lines,
    elements,
  };
}

/** The prose of a plan the domain state does not keep, from its events: section intros, responsibility notes. */
export function planProse(events: readonly PlanEvent[]): Pick<PapersSource, 'intros' | 'responsibleNotes'> {
  const intros = new Map<string, string>();
  const responsibleNotes = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'SectionAdded' && event.data.intro) intros.set(event.data.sectionId, event.data.intro);
    if (event.type === 'SectionIntroRevised') {
      if (event.data.to) intros.set(event.data.sectionId, event.data.to);
      else intros.delete(event.data.sectionId);
    }
    if (event.type === 'MeasureAdded' && event.data.responsibleNote)
      responsibleNotes.set(event.data.measureId, event.data.responsibleNote);
  }
  return { intros, responsibleNotes };
}

/** "4.10" after "4.9", "5" after "4.4". */
const byNumber = (a: SectionState, b: SectionState): number =>
  a.number.localeCompare(b.number, 'nb', { numeric: true });
/** A..Z before AA. */
const byLabel = (a: MeasureState, b: MeasureState): number =>
  a.label.length - b.label.length || a.label.localeCompare(b.label, 'nb');

interface OrderedElement {
  readonly ref: PaperRef;
  readonly lines: { from: number; to: number } | undefined;
  readonly section: SectionState;
  /** A section's depth among sections; a goal's among goals. */
  readonly depth: number;
  readonly goal?: GoalState;
  readonly measure?: MeasureState;
}

interface ReadingOrder {
  /** Every live section, goal and measure, as the document reads: a section, its goals, its measures, its subsections. */
  readonly elements: OrderedElement[];
  /** Each section's own goals and measures and its subsections, in order. */
  readonly children: ReadonlyMap<string, OrderedElement[]>;
  readonly sectionDepth: ReadonlyMap<string, number>;
}

function readingOrder(plan: ExistingPlan): ReadingOrder {
  const goalAddress = goalAddresses(plan);
  const sections = [...plan.sections.values()].sort(byNumber);
  const liveGoals = [...plan.goals.values()].filter((g) => !g.struck);
  const elements: OrderedElement[] = [];
  const children = new Map<string, OrderedElement[]>();
  const sectionDepth = new Map<string, number>();
  const sectionRef = (s: SectionState): PaperRef => ({ kind: 'section', id: s.id, address: s.number });
  const walk = (parentId: string | undefined, depth: number): void => {
    for (const s of sections.filter((x) => x.parentSectionId === parentId)) {
      const own: OrderedElement[] = [];
      sectionDepth.set(s.id, depth);
      const self: OrderedElement = { ref: sectionRef(s), lines: s.lines, section: s, depth };
      elements.push(self);
      if (parentId !== undefined) children.get(parentId)!.push(self);
      children.set(s.id, own);
      const goals = (parentGoalId: string | undefined, goalDepth: number): void => {
        const here = liveGoals.filter((x) => x.sectionId === s.id && x.parentGoalId === parentGoalId);
        for (const g of here.sort((a, b) => a.number - b.number)) {
          const element: OrderedElement = {
            ref: { kind: 'goal', id: g.id, address: goalAddress.get(g.id) ?? g.id },
            lines: g.lines,
            section: s,
            depth: goalDepth,
            goal: g,
          };
          elements.push(element);
          own.push(element);
          goals(g.id, goalDepth + 1);
        }
      };
      goals(undefined, 0);
      for (const m of [...plan.measures.values()]
        .filter((x) => x.sectionId === s.id && !x.struck)
        .sort(byLabel)) {
        const element: OrderedElement = {
          ref: { kind: 'measure', id: m.id, address: measureAddress(plan, m) },
          lines: m.lines,
          section: s,
          depth: 0,
          measure: m,
        };
        elements.push(element);
        own.push(element);
      }
      walk(s.id, depth + 1);
    }
  };
  walk(undefined, 0);
  return { elements, children, sectionDepth };
}

type DraftLine = Omit<PaperLine, 'no'>;

const line = (
  kind: PaperLineKind,
  text: string,
  start: boolean,
  element: PaperRef | null,
  section: PaperRef | null,
  depth: number,
  bullet = false,
): DraftLine => ({ kind, text, start, ...(bullet ? { bullet: true } : {}), element, section, depth });

/** A measure's "Gjennomføring" and "Ansvar", as the papers print them under its text. */
function measureDetails(source: PapersSource, m: MeasureState): Array<{ kind: PaperLineKind; text: string }> {
  const details: Array<{ kind: PaperLineKind; text: string }> = [];
  if (m.timing.trim()) details.push({ kind: 'timing', text: `Gjennomføring: ${m.timing.trim()}` });
  // The note as the document wrote it ("FS i samarbeid med LL og BSG") where it names every
  // body, else the bodies and then the note ("FS, BSG, interesserte lokallag").
  const note = source.responsibleNotes.get(m.id)?.trim();
  const codes = m.responsible.join(', ');
  const words = new Set((note ?? '').split(/[^\p{L}\p{N}-]+/u));
  const namesAll = m.responsible.every((code) => words.has(code));
  const responsible = !note ? codes : namesAll || codes === '' ? note : `${codes}, ${note}`;
  if (responsible.trim()) details.push({ kind: 'responsible', text: `Ansvar: ${responsible.trim()}` });
  return details;
}

function elementText(e: OrderedElement): string {
  return e.goal?.text ?? e.measure?.text ?? '';
}

function paperElement(e: OrderedElement, from: number, to: number, unnumbered: boolean): PaperElement {
  return {
    ...e.ref,
    from,
    to,
    sectionId: e.ref.kind === 'section' ? e.section.parentSectionId : e.section.id,
    ...(e.goal?.parentGoalId ? { parentGoalId: e.goal.parentGoalId } : {}),
    ...(e.measure ? { label: e.measure.label } : {}),
    unnumbered,
  };
}

/** A plan without numbers of its own: every line of this layout numbered from 1. */
function renderedLayout(
  source: PapersSource,
  tree: ReadingOrder,
): { lines: PaperLine[]; elements: PaperElement[] } {
  const plan = source.plan;
  const drafts: DraftLine[] = [line('title', plan.title, true, null, null, 0)];
  const bodies = [...plan.bodies.values()];
  if (bodies.length > 0) {
    drafts.push(line('abbreviations', 'Forkortelser', true, null, null, 0));
    for (const b of bodies) drafts.push(line('abbreviation', `${b.code}: ${b.name}`, true, null, null, 0));
  }
  const ranges = new Map<string, { from: number; to: number }>();
  const wrapped = (
    kind: PaperLineKind,
    text: string,
    element: PaperRef,
    section: PaperRef,
    depth: number,
    bullet = false,
  ): void =>
    wrapText(text, PAPERS_WIDTH).forEach((t, i) =>
      drafts.push(line(kind, t, i === 0, element, section, depth, bullet)),
    );
  const section = (s: OrderedElement): void => {
    const from = drafts.length + 1;
    const ref = s.ref;
    const depth = s.depth;
    wrapped('heading', `${s.section.number} ${s.section.title}`, ref, ref, depth);
    const intro = source.intros.get(s.ref.id);
    if (intro)
      for (const block of introBlocks(intro)) wrapped('intro', block.text, ref, ref, depth, block.bullet);
    const own = tree.children.get(s.ref.id) ?? [];
    const goals = own.filter((e) => e.ref.kind === 'goal');
    const measures = own.filter((e) => e.ref.kind === 'measure');
    if (goals.length > 0) {
      drafts.push(line('goals', 'Mål:', true, ref, ref, depth));
      for (const g of goals) {
        const at = drafts.length + 1;
        wrapped('goal', elementText(g), g.ref, ref, depth + g.depth);
        ranges.set(g.ref.id, { from: at, to: drafts.length });
      }
    }
    if (measures.length > 0) {
      drafts.push(line('measures', 'Tiltak:', true, ref, ref, depth));
      for (const m of measures) {
        const at = drafts.length + 1;
        wrapped('measure', elementText(m), m.ref, ref, depth);
        for (const d of measureDetails(source, m.measure!)) wrapped(d.kind, d.text, m.ref, ref, depth);
        ranges.set(m.ref.id, { from: at, to: drafts.length });
      }
    }
    for (const child of own.filter((e) => e.ref.kind === 'section')) section(child);
    ranges.set(s.ref.id, { from, to: drafts.length });
  };
  for (const top of tree.elements.filter((e) => e.ref.kind === 'section' && e.depth === 0)) section(top);
  const lines = drafts.map((d, i): PaperLine => ({ no: i + 1, ...d }));
  const elements = tree.elements.map((e) => {
    const range = ranges.get(e.ref.id)!;
    return paperElement(e, range.from, range.to, false);
  });
  return { lines, elements };
}

/**
 * A plan imported from a document with its own line numbers: each element on the lines it was
 * imported from, its text spread over them (where the document broke its lines is not kept).
 * Elements that share their lines with others stood where the document printed no numbers (the
 * rows of a table): their lines are unnumbered, after the numbered line before them. Section
 * introductions fill the free lines after their heading, at the document's own line width; the
 * numbers left over are blank lines.
 */
function documentLayout(
  source: PapersSource,
  tree: ReadingOrder,
): { lines: PaperLine[]; elements: PaperElement[] } {
  const numbered = new Map<number, DraftLine>();
  /** Unnumbered lines after a numbered one, with the reading order they sort by. */
  const after = new Map<number, Array<{ order: number; part: number; line: DraftLine }>>();
  const anchor = (n: number, order: number, part: number, draft: DraftLine): void => {
    after.set(n, [...(after.get(n) ?? []), { order, part, line: draft }]);
  };
  const sectionRef = (e: OrderedElement): PaperRef => ({
    kind: 'section',
    id: e.section.id,
    address: e.section.number,
  });
  const sectionDepth = (e: OrderedElement): number => tree.sectionDepth.get(e.section.id) ?? 0;

  const rangeKey = (e: OrderedElement): string => `${e.lines!.from}-${e.lines!.to}`;
  const sharing = new Map<string, number>();
  for (const e of tree.elements)
    if (e.ref.kind !== 'section') sharing.set(rangeKey(e), (sharing.get(rangeKey(e)) ?? 0) + 1);

  // Headings first: a section's first line is its heading.
  tree.elements.forEach((e) => {
    if (e.ref.kind !== 'section') return;
    const n = e.lines!.from;
    if (!numbered.has(n))
      numbered.set(n, line('heading', `${e.section.number} ${e.section.title}`, true, e.ref, e.ref, e.depth));
  });

  // The document's own width, from the goals and measures that stood on lines of their own.
  let chars = 0;
  let count = 0;
  const unnumbered = new Set<string>();
  tree.elements.forEach((e, order) => {
    if (e.ref.kind === 'section') return;
    const { from, to } = e.lines!;
    const free = Array.from({ length: to - from + 1 }, (_, i) => from + i).every((n) => !numbered.has(n));
    const kind: PaperLineKind = e.ref.kind === 'goal' ? 'goal' : 'measure';
    const depth = sectionDepth(e) + e.depth;
    if (sharing.get(rangeKey(e)) === 1 && free) {
      spreadText(elementText(e), to - from + 1).forEach((t, i) =>
        numbered.set(from + i, line(kind, t, i === 0, e.ref, sectionRef(e), depth)),
      );
      chars += elementText(e).length;
      count += to - from + 1;
      if (e.measure)
        measureDetails(source, e.measure).forEach((d, i) =>
          anchor(to, order, i + 1, line(d.kind, d.text, true, e.ref, sectionRef(e), depth)),
        );
    } else unnumbered.add(e.ref.id);
  });
  const width = count > 0 ? Math.max(40, Math.round(chars / count)) : PAPERS_WIDTH;
  tree.elements.forEach((e, order) => {
    if (!unnumbered.has(e.ref.id)) return;
    const kind: PaperLineKind = e.ref.kind === 'goal' ? 'goal' : 'measure';
    const depth = sectionDepth(e) + e.depth;
    const drafts = wrapText(elementText(e), width).map((t, i) =>
      line(kind, t, i === 0, e.ref, sectionRef(e), depth),
    );
    if (e.measure)
      for (const d of measureDetails(source, e.measure))
        drafts.push(line(d.kind, d.text, true, e.ref, sectionRef(e), depth));
    drafts.forEach((d, i) => anchor(e.lines!.from, order, i, d));
  });

  // Introductions: the free lines from a section's heading to its first goal, measure or subsection.
  tree.elements.forEach((e, order) => {
    if (e.ref.kind !== 'section') return;
    const intro = source.intros.get(e.ref.id);
    if (!intro) return;
    const { from, to } = e.lines!;
    const first = (tree.children.get(e.ref.id) ?? [])[0];
    const end = first ? (unnumbered.has(first.ref.id) ? first.lines!.from : first.lines!.from - 1) : to;
    const free: number[] = [];
    for (let n = from + 1; n <= end; n++) if (!numbered.has(n)) free.push(n);
    const blocks = introBlocks(intro);
    const drafts = introLines(blocks, free.length, width).map((l) =>
      line('intro', l.text, l.start, e.ref, e.ref, e.depth, l.bullet),
    );
    drafts.forEach((d, i) => {
      if (i < free.length) numbered.set(free[i]!, d);
      else anchor(from, order, 1 + i, d);
    });
  });

  // Every number between the first and the last is a line; those with nothing on them are blank.
  const ranges = tree.elements.filter((e) => e.ref.kind === 'section');
  const innermost = (n: number): OrderedElement | undefined =>
    ranges
      .filter((s) => s.lines!.from <= n && s.lines!.to >= n)
      .sort((a, b) => a.lines!.to - a.lines!.from - (b.lines!.to - b.lines!.from))[0];
  const all = [...numbered.keys(), ...tree.elements.flatMap((e) => [e.lines!.from, e.lines!.to])];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const lines: PaperLine[] = [{ no: null, ...line('title', source.plan.title, true, null, null, 0) }];
  for (let n = min; n <= max; n++) {
    const at = numbered.get(n);
    if (at) lines.push({ no: n, ...at });
    else {
      const s = innermost(n);
      lines.push({ no: n, ...line('blank', '', true, s?.ref ?? null, s?.ref ?? null, s?.depth ?? 0) });
    }
    for (const { line: l } of (after.get(n) ?? []).sort((a, b) => a.order - b.order || a.part - b.part))
      lines.push({ no: null, ...l });
  }
  const elements = tree.elements.map((e) =>
    paperElement(e, e.lines!.from, e.lines!.to, unnumbered.has(e.ref.id)),
  );
  return { lines, elements };
}

/**
 * An introduction over `available` lines: wrapped at the document's width where it fits, else
 * each paragraph spread over its share of them (at least a line each).
 */
function introLines(
  blocks: ReadonlyArray<{ text: string; bullet: boolean }>,
  available: number,
  width: number,
): Array<{ text: string; start: boolean; bullet: boolean }> {
  const wrapped = blocks.map((b) => wrapText(b.text, width));
  const needed = wrapped.reduce((n, w) => n + w.length, 0);
  const lines = (texts: string[], bullet: boolean) =>
    texts.map((text, i) => ({ text, start: i === 0, bullet }));
  if (needed <= available || available < blocks.length)
    return blocks.flatMap((b, i) => lines(wrapped[i]!, b.bullet));
  // Shares in proportion to each paragraph's length, at least one line each.
  const shares = wrapped.map(() => 1);
  let left = available - blocks.length;
  const extra = wrapped.map((w) => w.length - 1);
  while (left > 0 && extra.some((x) => x > 0)) {
    const i = extra.indexOf(Math.max(...extra));
    shares[i]!++;
    extra[i]!--;
    left--;
  }
  return blocks.flatMap((b, i) => lines(spreadText(b.text, shares[i]!), b.bullet));
}
