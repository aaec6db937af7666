import { diffArrays } from 'diff';
import { isWhitespace, tokenize } from './tokenize.js';

export type DiffPart = { op: 'equal' | 'insert' | 'delete'; text: string };

/**
 * A word-level diff for showing how a text was reworded (plan diffs, redlines, audit
 * reports). Joining the 'equal' and 'delete' parts gives `before` back exactly, joining the
 * 'equal' and 'insert' parts gives `after`: whitespace is diffed like any token, never
 * thrown away. For reading, each changed stretch is one deletion followed by one insertion,
 * a lone space between two changes is folded into them ("minst 4" -> "to", not "minst"
 * -> "to", " ", "4" -> ""), and whitespace both sides share stays outside the change.
 *
 * The edit script is jsdiff's `diffArrays` (Myers' O(ND) shortest edit script) over our own
 * tokens: jsdiff's `diffWords` has its own idea of a word and of where whitespace goes, while
 * tokenize.ts holds ours (letters with accents and digits, punctuation on its own).
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  const [head, tail] = sharedEnds(a, b);
  const runs: Run[] = [{ kind: 'equal', text: a.slice(0, head).join('') }];
  for (const change of diffArrays(a.slice(head, a.length - tail), b.slice(head, b.length - tail))) {
    const text = change.value.join('');
    if (!change.added && !change.removed) {
      runs.push({ kind: 'equal', text });
      continue;
    }
    let last = runs.at(-1);
    if (last?.kind !== 'change') runs.push((last = { kind: 'change', deleted: '', inserted: '' }));
    if (change.removed) last.deleted += text;
    else last.inserted += text;
  }
  runs.push({ kind: 'equal', text: a.slice(a.length - tail).join('') });
  return toParts(
    factorWhitespace(absorbLoneWhitespace(runs.filter((run) => run.kind === 'change' || run.text))),
  );
}

/**
 * How many tokens both texts start and end with. They are matched before jsdiff sees the
 * rest, which keeps a shared ending with the end: otherwise jsdiff, which extends matches
 * from the start, pairs the closing full stop of the new text with the first full stop of the
 * old one, and a rewritten measure reads as a change, ".", then its old last sentence struck.
 */
function sharedEnds(a: readonly string[], b: readonly string[]): [head: number, tail: number] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a.at(-1 - tail) === b.at(-1 - tail)) tail++;
  return [head, tail];
}

type Run = { kind: 'equal'; text: string } | { kind: 'change'; deleted: string; inserted: string };

/** "delete minst, equal ' ', delete 4" reads as one change: fold the space into it. */
function absorbLoneWhitespace(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    const prev = out.at(-1);
    const next = runs[r + 1];
    if (
      run.kind === 'equal' &&
      isWhitespace(run.text) &&
      prev?.kind === 'change' &&
      next?.kind === 'change'
    ) {
      prev.deleted += run.text + next.deleted;
      prev.inserted += run.text + next.inserted;
      r++;
    } else if (run.kind === 'change' && prev?.kind === 'change') {
      prev.deleted += run.deleted;
      prev.inserted += run.inserted;
    } else {
      out.push({ ...run });
    }
  }
  return out;
}

/** "minst 4 " -> "to " becomes "minst 4" -> "to" followed by an unchanged " ". */
function factorWhitespace(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    if (run.kind === 'equal' || run.deleted === '' || run.inserted === '') {
      out.push(run);
      continue;
    }
    const lead = sharedWhitespace(run.deleted, run.inserted, /^\s+/);
    const trail = sharedWhitespace(run.deleted.slice(lead.length), run.inserted.slice(lead.length), /\s+$/);
    const cut = (text: string) => text.slice(lead.length, text.length - trail.length);
    if (lead) out.push({ kind: 'equal', text: lead });
    out.push({ kind: 'change', deleted: cut(run.deleted), inserted: cut(run.inserted) });
    if (trail) out.push({ kind: 'equal', text: trail });
  }
  return out;
}

function sharedWhitespace(x: string, y: string, pattern: RegExp): string {
  const wx = pattern.exec(x)?.[0] ?? '';
  const wy = pattern.exec(y)?.[0] ?? '';
  if (wx === '' || wy === '' || wx === x || wy === y) return '';
  // The shared part of two whitespace runs, from the side the pattern anchors to.
  const len = Math.min(wx.length, wy.length);
  const fromStart = pattern.source.startsWith('^');
  const px = fromStart ? wx.slice(0, len) : wx.slice(-len);
  const py = fromStart ? wy.slice(0, len) : wy.slice(-len);
  return px === py ? px : '';
}

function toParts(runs: Run[]): DiffPart[] {
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    if (text === '') return;
    const last = parts.at(-1);
    if (last?.op === op) last.text += text;
    else parts.push({ op, text });
  };
  for (const run of runs) {
    if (run.kind === 'equal') push('equal', run.text);
    else {
      push('delete', run.deleted);
      push('insert', run.inserted);
    }
  }
  return parts;
}
