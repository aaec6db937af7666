import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoalDoc, PlanDocument, SectionDoc } from '@app/plan-document';
import { importPlanText } from '@app/text-import';

/** Texts the synthetic plans are written with, taken from the real seed documents. */
export interface TextCorpus {
  readonly sectionTitles: readonly string[];
  readonly goalTexts: readonly string[];
  readonly measureTexts: readonly string[];
  /** Timing phrases without a year ("Kontinuerlig", "Årlig", ...), to mix with dated ones. */
  readonly undatedTimings: readonly string[];
}

const clean = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Distinct texts of a reasonable length, in first-seen order (so the corpus is deterministic). */
function distinct(texts: Iterable<string>, min: number, max: number): string[] {
  const seen = new Set<string>();
  for (const raw of texts) {
    const text = clean(raw);
    if (text.length >= min && text.length <= max) seen.add(text);
  }
  return [...seen];
}

function* walkSections(sections: readonly SectionDoc[]): Generator<SectionDoc> {
  for (const section of sections) {
    yield section;
    yield* walkSections(section.sections ?? []);
  }
}

function* walkGoals(goals: readonly GoalDoc[]): Generator<GoalDoc> {
  for (const goal of goals) {
    yield goal;
    yield* walkGoals(goal.goals ?? []);
  }
}

/** The corpus of some plan documents (pure: the same documents give the same corpus). */
export function corpusFromDocuments(documents: readonly PlanDocument[]): TextCorpus {
  const sections = documents.flatMap((d) => [...walkSections(d.sections)]);
  const measures = sections.flatMap((s) => s.measures ?? []);
  const corpus: TextCorpus = {
    sectionTitles: distinct(
      sections.map((s) => s.title),
      4,
      80,
    ),
    goalTexts: distinct(
      sections.flatMap((s) => [...walkGoals(s.goals ?? [])].map((g) => g.text)),
      12,
      400,
    ),
    measureTexts: distinct(
      measures.map((m) => m.text),
      12,
      500,
    ),
    undatedTimings: distinct(
      measures.map((m) => m.timing ?? '').filter((t) => !/\d{4}/.test(t)),
      3,
      60,
    ),
  };
  for (const [name, list] of Object.entries(corpus)) {
    if (list.length === 0) throw new Error(`The seed documents gave no ${name}`);
  }
  return corpus;
}

/** Reads every plan text (*.txt) in `dir` through the text importer and builds the corpus. */
export function loadTextCorpus(dir: string): TextCorpus {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  if (files.length === 0) throw new Error(`No seed texts (*.txt) in ${dir}`);
  const documents = files.map(
    (file) => importPlanText(readFileSync(join(dir, file), 'utf8'), { sourceName: file }).document,
  );
  return corpusFromDocuments(documents);
}
