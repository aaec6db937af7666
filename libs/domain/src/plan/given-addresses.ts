import { labelAt } from './measure-labels.js';
import { put, type Owned } from './owned-copies.js';

/**
 * The letters and goal numbers a plan has given so far (addresses.ts: an address is never given
 * twice), kept up by the fold, so a new measure or goal is numbered without a walk over the whole
 * plan: a document import adds thousands of measures, and each walk made it quadratic (18,000
 * measures took minutes). Derived from the measures and goals alone, so a snapshot leaves it out
 * and rebuilds it (givenAddressesOf).
 */
export interface GivenAddresses {
  /** Per section id: the letters given there. */
  readonly letters: ReadonlyMap<string, SectionLetters>;
  /** Per section and parent goal (goalParentKey): the highest goal number given there. */
  readonly goalNumbers: ReadonlyMap<string, number>;
}

export interface SectionLetters {
  /** Every letter given in the section in the plan's life: its measures' and those moved away's. */
  readonly given: ReadonlySet<string>;
  /** The index (labelAt) of the first letter not given: every one before it is. */
  readonly firstFree: number;
}

export const noAddressesGiven = (): GivenAddresses => ({ letters: new Map(), goalNumbers: new Map() });

export const goalParentKey = (sectionId: string, parentGoalId: string | undefined): string =>
  `${sectionId}/${parentGoalId ?? ''}`;

/** The number a new goal gets under its section (or parent goal): one more than the highest given there. */
export function nextGoalNumber(
  given: GivenAddresses,
  sectionId: string,
  parentGoalId: string | undefined,
): number {
  return (given.goalNumbers.get(goalParentKey(sectionId, parentGoalId)) ?? 0) + 1;
}

export function withGoalNumber(
  given: GivenAddresses,
  sectionId: string,
  parentGoalId: string | undefined,
  number: number,
  own: Owned | undefined,
): GivenAddresses {
  const key = goalParentKey(sectionId, parentGoalId);
  if ((given.goalNumbers.get(key) ?? 0) >= number) return given;
  return { ...given, goalNumbers: put(given.goalNumbers, key, number, own) };
}

export function withLetter(
  given: GivenAddresses,
  sectionId: string,
  label: string,
  own: Owned | undefined,
): GivenAddresses {
  const section = given.letters.get(sectionId);
  if (section?.given.has(label)) return given;
  const letters =
    section && own?.has(section.given) ? (section.given as Set<string>) : new Set(section?.given);
  own?.add(letters);
  letters.add(label);
  let firstFree = section?.firstFree ?? 0;
  while (letters.has(labelAt(firstFree))) firstFree++;
  return { ...given, letters: put(given.letters, sectionId, { given: letters, firstFree }, own) };
}

/** The same index built from a plan's measures and goals (a snapshot read back). */
export function givenAddressesOf(
  measures: Iterable<{
    readonly sectionId: string;
    readonly label: string;
    readonly earlierPlaces: readonly { readonly sectionId: string; readonly label: string }[];
  }>,
  goals: Iterable<{
    readonly sectionId: string;
    readonly parentGoalId: string | undefined;
    readonly number: number;
  }>,
): GivenAddresses {
  const own: Owned = new WeakSet();
  let given = noAddressesGiven();
  own.add(given.letters).add(given.goalNumbers);
  for (const m of measures) {
    for (const place of [...m.earlierPlaces, m]) given = withLetter(given, place.sectionId, place.label, own);
  }
  for (const g of goals) given = withGoalNumber(given, g.sectionId, g.parentGoalId, g.number, own);
  return given;
}
