import { describe, expect, it } from '@jest/globals';
import { type EditOp, shortestEditScript } from './myers.js';

/** Applies a script to `a`, taking inserted elements from `b`: must give `b`. */
function apply<T>(script: EditOp[], a: T[], b: T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  for (const op of script) {
    if (op === 'equal') {
      expect(a[i]).toBe(b[j]);
      out.push(a[i++]!);
      j++;
    } else if (op === 'delete') i++;
    else out.push(b[j++]!);
  }
  expect([i, j]).toEqual([a.length, b.length]);
  return out;
}

const edits = (script: EditOp[]) => script.filter((op) => op !== 'equal').length;

describe('shortestEditScript', () => {
  it.each([
    ['ABCABBA', 'CBABAC', 5], // the example of Myers' paper: D = 5
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abc', 'abc', 0],
    ['abc', 'xyz', 6],
    ['kitten', 'sitting', 5],
  ])('turns %j into %j with the fewest edits (%i)', (a, b, d) => {
    const script = shortestEditScript([...a], [...b]);
    expect(apply(script, [...a], [...b])).toEqual([...b]);
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
      const script = shortestEditScript(a, b);
      expect(apply(script, a, b)).toEqual(b);
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
