import { offThreadTask } from '../off-thread-task.js';
import type { TransportedError } from '../transported-error.js';

/** Tasks for the pool's own tests. */
export function sumOf(input: { numbers: number[] }): { sum: number; seen: Map<string, number> } {
  return { sum: input.numbers.reduce((a, b) => a + b, 0), seen: new Map([['count', input.numbers.length]]) };
}

export class FixtureProblem extends Error {
  constructor(readonly issues: Array<{ line: number; message: string }>) {
    super(`${issues.length} problems`);
    this.name = 'FixtureProblem';
  }
}

export function failWithIssues(): never {
  throw new FixtureProblem([{ line: 3, message: 'wrong' }]);
}

export function failPlainly(): never {
  throw new TypeError('a bug');
}

/** Holds its thread for `ms` without ever giving way. */
export function spin(input: { ms: number }): number {
  const until = Date.now() + input.ms;
  let n = 0;
  while (Date.now() < until) n++;
  return n;
}

export function hoard(): number {
  const kept: number[][] = [];
  for (;;) kept.push(new Array(1_000_000).fill(kept.length));
}

const revive = (error: TransportedError): Error | undefined =>
  error.name === 'FixtureProblem'
    ? new FixtureProblem(error.data.issues as Array<{ line: number; message: string }>)
    : undefined;

export const SUM = offThreadTask<{ numbers: number[] }, ReturnType<typeof sumOf>>(import.meta.url, 'sumOf');
export const FAIL_WITH_ISSUES = offThreadTask<void, never>(import.meta.url, 'failWithIssues', { revive });
export const FAIL_PLAINLY = offThreadTask<void, never>(import.meta.url, 'failPlainly', { revive });
export const SPIN = offThreadTask<{ ms: number }, number>(import.meta.url, 'spin');
export const HOARD = offThreadTask<void, number>(import.meta.url, 'hoard');
