import { describe, expect, it } from '@jest/globals';
import { type ChangeObject, diffArrays } from 'diff';

/**
 * What wordDiff relies on from jsdiff: `diffArrays` gives a shortest edit script, so a
 * redline never shows a word as changed that both versions share. Pinned here, since a
 * redline that marks too much is wrong without any other test noticing.
 */
type Script<T> = ChangeObject<T[]>[];

/** The kept and removed elements must give `a` back; returns the kept and added ones (`b`). */
function apply<T>(script: Script<T>, a: T[]): T[] {
  expect(script.filter((c) => !c.added).flatMap((c) => c.value)).toEqual(a);
  return script.filter((c) => !c.removed).flatMap((c) => c.value);
}

const edits = <T>(script: Script<T>) =>
  script.filter((c) => c.added || c.removed).reduce((n, c) => n + c.value.length, 0);

describe('diffArrays (jsdiff)', () => {
  it.each([
    ['ABCABBA', 'CBABAC', 5], // the example of Myers' paper: D = 5
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abc', 'abc', 0],
    ['abc', 'xyz', 6],
    ['kitten', 'sitting', 5],
  ])('turns %j into %j with the fewest edits (%i)', (a, b, d) => {
    const script = diffArrays([...a], [...b]);
    expect(apply(script, [...a])).toEqual([...b]);
    expect(edits(script)).toBe(d);
  });

  it('is minimal on random sequences, checked against a dynamic-programming LCS', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: random(30) }, () => random(4));
      const b = Array.from({ length: random(30) }, () => random(4));
      const script = diffArrays(a, b);
      expect(apply(script, a)).toEqual(b);
      expect(edits(script)).toBe(a.length + b.length - 2 * lcsLength(a, b));
    }
  });
});

function lcsLength(a: number[], b: number[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}
