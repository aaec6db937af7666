import { describe, expect, it } from '@jest/globals';
import { type DiffPart, wordDiff } from './word-diff.js';

const side = (parts: DiffPart[], op: 'delete' | 'insert') =>
  parts
    .filter((p) => p.op === 'equal' || p.op === op)
    .map((p) => p.text)
    .join('');

/** Every diff must give both texts back exactly. */
function diff(before: string, after: string): DiffPart[] {
  const parts = wordDiff(before, after);
  expect(side(parts, 'delete')).toBe(before);
  expect(side(parts, 'insert')).toBe(after);
  return parts;
}

describe('wordDiff', () => {
  it('shows the Oslo SV rewording of "Ny i SV" (2020-2023 -> 4.2.J of 2024-2027)', () => {
    expect(
      diff(
        'Vi skal arrangere Ny i SV-møter minst 4 ganger i året.',
        'Vi skal arrangere “Ny i SV”-møter to ganger i året.',
      ),
    ).toEqual([
      { op: 'equal', text: 'Vi skal arrangere ' },
      { op: 'insert', text: '“' },
      { op: 'equal', text: 'Ny i SV' },
      { op: 'insert', text: '”' },
      { op: 'equal', text: '-møter ' },
      { op: 'delete', text: 'minst 4' },
      { op: 'insert', text: 'to' },
      { op: 'equal', text: ' ganger i året.' },
    ]);
  });

  it('shows an amendment replacing words (meeting protocol: "to ganger i året" -> "fire ganger i året")', () => {
    expect(
      diff('Vi skal arrangere møter to ganger i året.', 'Vi skal arrangere møter fire ganger i året.'),
    ).toEqual([
      { op: 'equal', text: 'Vi skal arrangere møter ' },
      { op: 'delete', text: 'to' },
      { op: 'insert', text: 'fire' },
      { op: 'equal', text: ' ganger i året.' },
    ]);
  });

  it('shows a struck word as one deletion (amendment 7: strike "særskilt ")', () => {
    const parts = diff(
      'Det skal i 2026 særskilt ringes for å mobilisere til dørbankaksjoner.',
      'Det skal i 2026 ringes for å mobilisere til dørbankaksjoner.',
    );
    expect(parts.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'delete', text: expect.stringMatching(/^\s?særskilt\s?$/) },
    ]);
  });

  it('shows the Pride rewording of Oslo SV (2020 -> 5.7.C) word by word', () => {
    const parts = diff(
      'Vi skal ha stand i Pride park under Pride og deltagelse i Pride-paraden. Dette organiseres med Skeive sosialister.',
      'Vi skal bidra til stand i Pride park under Pride og deltakelse i Pride-paraden. Dette organiseres primært av Skeive sosialister.',
    );
    expect(parts.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'delete', text: 'ha' },
      { op: 'insert', text: 'bidra til' },
      { op: 'delete', text: 'deltagelse' },
      { op: 'insert', text: 'deltakelse' },
      { op: 'delete', text: 'med' },
      { op: 'insert', text: 'primært av' },
    ]);
  });

  it('keeps the closing full stop with the end of a rewritten measure', () => {
    expect(diff('Møte hvert år. Samlingene gir planer.', 'Møte med lokallagsledere i halvåret.')).toEqual([
      { op: 'equal', text: 'Møte ' },
      { op: 'delete', text: 'hvert år. Samlingene gir planer' },
      { op: 'insert', text: 'med lokallagsledere i halvåret' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('treats punctuation as its own token', () => {
    expect(diff('Kontinuerlig.', 'Kontinuerlig!')).toEqual([
      { op: 'equal', text: 'Kontinuerlig' },
      { op: 'delete', text: '.' },
      { op: 'insert', text: '!' },
    ]);
  });

  it('keeps words with æ, ø, å and accents whole', () => {
    expect(diff('dørbank på våren', 'dørbank på høsten')).toEqual([
      { op: 'equal', text: 'dørbank på ' },
      { op: 'delete', text: 'våren' },
      { op: 'insert', text: 'høsten' },
    ]);
    expect(diff('Sámi álbmotbeaivi', 'Sámi álbmotbeaivi 6. februar')).toEqual([
      { op: 'equal', text: 'Sámi álbmotbeaivi' },
      { op: 'insert', text: ' 6. februar' },
    ]);
  });

  it('merges a change of several words into one deletion and one insertion', () => {
    expect(diff('Vår 2026', 'Høst 2027')).toEqual([
      { op: 'delete', text: 'Vår 2026' },
      { op: 'insert', text: 'Høst 2027' },
    ]);
  });

  it('shows a change of whitespace, since both texts must come back exactly', () => {
    expect(diff('Vår  2026', 'Vår 2026')).toEqual([
      { op: 'equal', text: 'Vår' },
      { op: 'delete', text: '  ' },
      { op: 'insert', text: ' ' },
      { op: 'equal', text: '2026' },
    ]);
  });

  it('handles empty and identical texts', () => {
    expect(diff('', '')).toEqual([]);
    expect(diff('', 'Ny tekst')).toEqual([{ op: 'insert', text: 'Ny tekst' }]);
    expect(diff('Gammel tekst', '')).toEqual([{ op: 'delete', text: 'Gammel tekst' }]);
    expect(diff('Årlig', 'Årlig')).toEqual([{ op: 'equal', text: 'Årlig' }]);
  });

  it('never puts two parts of the same op next to each other', () => {
    const parts = diff('a b c d e f g', 'a x c y e z g h');
    parts.slice(1).forEach((part, i) => expect(part.op).not.toBe(parts[i]!.op));
  });

  it('diffs a few hundred words with scattered changes into exactly those changes', () => {
    const words = Array.from({ length: 400 }, (_, i) => `ord${i % 37}${i % 5 === 0 ? 'ø' : 'å'}`);
    const before = words.join(' ');
    const after = words.map((w, i) => (i % 50 === 7 ? 'endret' : w)).join(' ');
    const parts = diff(before, after);
    expect(parts.filter((p) => p.op === 'delete').map((p) => p.text)).toEqual(
      words.filter((_, i) => i % 50 === 7),
    );
    expect(parts.filter((p) => p.op === 'insert').every((p) => p.text === 'endret')).toBe(true);
  });

  it('diffs two unrelated long texts without failing', () => {
    const before = Array.from({ length: 300 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 300 }, (_, i) => `b${i}`).join(' ');
    expect(diff(before, after)).toEqual([
      { op: 'delete', text: before },
      { op: 'insert', text: after },
    ]);
  });
});
