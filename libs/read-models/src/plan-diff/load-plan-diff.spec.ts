import { describe, expect, it } from '@jest/globals';
import { planDiffRequestProblem } from './load-plan-diff.js';

describe('planDiffRequestProblem', () => {
  it('accepts revisions, dates, a predecessor, and a predecessor against a revision', () => {
    expect(planDiffRequestProblem('p', { from: 1, to: 3 })).toBeUndefined();
    expect(planDiffRequestProblem('p', { from: 1 })).toBeUndefined();
    expect(planDiffRequestProblem('p', { fromAsOf: '2025-01-01', toAsOf: '2026-02-28' })).toBeUndefined();
    expect(planDiffRequestProblem('p', { fromPlan: 'q' })).toBeUndefined();
    expect(planDiffRequestProblem('p', { fromPlan: 'q', to: 2 })).toBeUndefined();
  });

  it.each([
    [{}, /Give from .*fromAsOf .*fromPlan/],
    [{ to: 2 }, /Give from/],
    [{ from: 1, fromAsOf: '2025-01-01' }, /either from or fromAsOf/],
    [{ from: 1, to: 2, toAsOf: '2025-01-01' }, /either to or toAsOf/],
    [{ fromPlan: 'q', from: 1 }, /without from or fromAsOf/],
    [{ fromPlan: 'p' }, /another plan/],
    [{ fromAsOf: '2025-02-30' }, /fromAsOf must be a real date/],
  ])('refuses %j', (request, message) => {
    expect(planDiffRequestProblem('p', request)).toMatch(message);
  });
});
