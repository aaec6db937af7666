import { describe, expect, it } from '@jest/globals';
import type { EventToAppend } from '@app/event-store';
import { appendsOf } from './replay-appends.js';

/** A command's events, each carrying `text` (its size). */
const command = (id: string, events: number, text = 'x'): EventToAppend[] =>
  Array.from({ length: events }, (_, i) => ({
    id: `${id}-${i}`,
    type: 'AmendmentFiled',
    data: { text },
    metadata: {
      actor: 'user:kari',
      commandId: id,
      correlationId: id,
      effectiveAt: '2026-03-14',
      recordedAt: '',
    },
  }));
const ids = (appends: EventToAppend[][]) => appends.map((a) => a.map((e) => e.id));

describe('appendsOf: a replay’s commands in appends of a bounded size', () => {
  it('keeps every command’s events in order, in one append while they fit', () => {
    expect(ids(appendsOf([command('a', 2), command('b', 1)], 100_000))).toEqual([['a-0', 'a-1', 'b-0']]);
  });

  it('starts a new append before a command that would go over the bound, never splitting one', () => {
    const big = 'x'.repeat(400);
    const appends = appendsOf([command('a', 2, big), command('b', 2, big), command('c', 1, big)], 2_000);
    expect(ids(appends)).toEqual([
      ['a-0', 'a-1'],
      ['b-0', 'b-1', 'c-0'],
    ]);
    expect(appends.flat().map((e) => e.id)).toEqual(['a-0', 'a-1', 'b-0', 'b-1', 'c-0']);
  });

  it('gives a command larger than the bound an append of its own (the store decides whether it fits)', () => {
    const huge = 'x'.repeat(5_000);
    expect(ids(appendsOf([command('a', 1), command('b', 1, huge), command('c', 1)], 1_000))).toEqual([
      ['a-0'],
      ['b-0'],
      ['c-0'],
    ]);
  });

  it('has no appends for no commands', () => {
    expect(appendsOf([])).toEqual([]);
  });
});
