import { shortestEditScript } from './myers.js';
import { isWhitespace, tokenize } from './tokenize.js';

export type DiffPart = { op: 'equal' | 'insert' | 'delete'; text: string };

/**
 * A word-level diff for showing how a text was reworded (plan diffs, redlines, audit
 * reports). Joining the 'equal' and 'delete' parts gives `before` back exactly, joining the
 * 'equal' and 'insert' parts gives `after`: whitespace is diffed like any token, never
 * thrown away. For reading, each changed stretch is one deletion followed by one insertion,
 * a lone space between two changes is folded into them ("minst 4" -> "to", not "minst"
 * -> "to", " ", "4" -> ""), and whitespace both sides share stays outside the change.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // Intern tokens as numbers, so the comparison in the inner loop is cheap.
  const ids = new Map<string, number>();
  const id = (token: string) => ids.get(token) ?? (ids.set(token, ids.size), ids.size - 1);
  const script = shortestEditScript(a.map(id), b.map(id));

  const runs: Run[] = [];
  let i = 0;
  let j = 0;
  for (const op of script) {
    if (op === 'equal') {
      const last = runs.at(-1);
      if (last?.kind === 'equal') last.text += a[i]!;
      else runs.push({ kind: 'equal', text: a[i]! });
      i++;
      j++;
      continue;
    }
    let last = runs.at(-1);
    if (last?.kind !== 'change') runs.push((last = { kind: 'change', deleted: '', inserted: '' }));
    if (op === 'delete') last.deleted += a[i++]!;
    else last.inserted += b[j++]!;
  }
  return toParts(factorWhitespace(absorbLoneWhitespace(runs)));
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
