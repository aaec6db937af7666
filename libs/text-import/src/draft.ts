import { labelAt } from '@app/domain';
import { type GoalDoc, type LineRange, type MeasureDoc, type SectionDoc } from '@app/plan-document';

/** A section while it is being read; finished into the readonly SectionDoc at the end. */
export interface SectionDraft {
  number: string;
  title: string;
  intro: string[];
  goals: GoalDoc[];
  measures: MeasureDoc[];
  sections: SectionDraft[];
  from: number;
  to: number;
}

export function newSection(number: string, title: string, line: number): SectionDraft {
  return { number, title, intro: [], goals: [], measures: [], sections: [], from: line, to: line };
}

/** Widens a section's line range (and its ancestors', when given) to include a line. */
export function touch(line: number | undefined, ...sections: (SectionDraft | undefined)[]): void {
  if (line === undefined) return;
  for (const s of sections) {
    if (!s) continue;
    if (line > s.to) s.to = line;
    if (line < s.from) s.from = line;
  }
}

export function range(from: number, to: number = from): LineRange {
  return { from: Math.min(from, to), to: Math.max(from, to) };
}

/** The range of a set of line numbers, or undefined when there is none. */
export function rangeOf(numbers: readonly (number | undefined)[]): LineRange | undefined {
  const ns = numbers.filter((n): n is number => n !== undefined);
  if (ns.length === 0) return undefined;
  return range(Math.min(...ns), Math.max(...ns));
}

/** Drops empty lists so the exported YAML holds only what the document says. */
export function finishSection(d: SectionDraft, joinIntro: (parts: string[]) => string): SectionDoc {
  const intro = joinIntro(d.intro);
  return {
    number: d.number,
    title: d.title,
    ...(intro ? { intro } : {}),
    ...(d.goals.length ? { goals: d.goals } : {}),
    ...(d.measures.length ? { measures: d.measures } : {}),
    ...(d.sections.length ? { sections: d.sections.map((s) => finishSection(s, joinIntro)) } : {}),
    lines: range(d.from, d.to),
  };
}

/**
 * The address the import report gives a measure: "4.1.C". A measure the document gives no
 * label gets the next letter of its section when it is added (A, B, C ... in order), so the
 * n-th unlabelled measure of a section is its n-th letter.
 */
export function measureRef(
  section: Pick<SectionDraft, 'number'>,
  label: string | undefined,
  index: number,
): string {
  return `${section.number}.${label ?? labelAt(index)}`;
}

/** The address the import report gives the n-th goal of a section (0-based): "4.1.g2". */
export function goalRef(section: Pick<SectionDraft, 'number'>, index: number): string {
  return `${section.number}.g${index + 1}`;
}
