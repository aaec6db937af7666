import { readFileSync } from 'node:fs';
import { type MeasureDoc, type PlanDocument, type SectionDoc } from '@app/plan-document';

/** The seed documents live beside the repository: ../shared/seeds (the same in CI). Test helper, not built. */
export function readSeed(file: string): string {
  return readFileSync(new URL(`../../../../../shared/seeds/${file}`, import.meta.url), 'utf8');
}

export const SEEDS = {
  osloSv2020: '000_dd41b133aa3befbc.txt',
  osloSv2026: '001_23325c842a46d39f.txt',
  svNational: '002_5edb7cbe7f3d4acf.txt',
  osloAp: '003_56a4e161647233d4.txt',
  buskerudSv: '004_3e48e6934c8e8695.txt',
} as const;

/** Sections at every depth, in document order. */
export function allSections(sections: readonly SectionDoc[]): SectionDoc[] {
  return sections.flatMap((s) => [s, ...allSections(s.sections ?? [])]);
}

export function section(doc: PlanDocument, number: string): SectionDoc {
  const found = allSections(doc.sections).find((s) => s.number === number);
  if (!found) throw new Error(`no section ${number}`);
  return found;
}

export function measure(doc: PlanDocument, address: string): MeasureDoc {
  const at = address.lastIndexOf('.');
  const found = section(doc, address.slice(0, at)).measures?.find((m) => m.label === address.slice(at + 1));
  if (!found) throw new Error(`no measure ${address}`);
  return found;
}
