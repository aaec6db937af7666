import { describe, expect, it } from '@jest/globals';
import { type ImportResult, importPlanText } from './index.js';
import { DOCUMENTS, importDocument } from './__fixtures__/documents/documents.js';
import { SEEDS, readSeed } from './__fixtures__/seeds.js';
import { NOT_READ } from './report-messages.js';

/**
 * Nothing silently lost: the import report accounts for every line of the source, each taken
 * into the plan as what it became or left out with the reason, for the seed documents as for
 * the documents written for these tests.
 */
function expectEveryLineAccounted(
  { report, document }: ImportResult,
  lines: readonly string[],
  { wordsAsWritten = true } = {},
): void {
  const accounts = report.lines ?? [];
  expect(accounts.map((a) => a.line)).toEqual(lines.map((_l, i) => i + 1));
  // Every line with text was taken into the plan, or left out with a reason of its own.
  const unread = accounts
    .filter((a) => a.kind === 'left-out' && a.reason === NOT_READ)
    .map((a) => `${a.line}: ${lines[a.line - 1]}`);
  expect(unread).toEqual([]);
  const unexplained = accounts.filter((a) => a.kind === 'left-out' && !a.reason);
  expect(unexplained).toEqual([]);
  const blank = accounts.filter((a) => a.kind === 'blank').map((a) => a.line);
  expect(blank.every((l) => lines[l - 1]?.trim() === '')).toBe(true);
  // A line taken as a measure or goal has its words in the plan; its reference names a place in it.
  const all = JSON.stringify(document);
  for (const a of accounts.filter((x) => x.kind === 'measure' || x.kind === 'goal')) {
    const word = (lines[a.line - 1] ?? '')
      .split(/[\s|•(]+/)
      .find((w) => w.length >= 6 && /^\p{Ll}+$/u.test(w));
    if (word && wordsAsWritten) expect(all).toContain(word);
    expect(a.ref).toMatch(a.kind === 'goal' ? /^[\d.-]+\.g\d+$/ : /^[\d.-]+\.[A-Z]+$/);
  }
}

describe('the import report accounts for every line of each seed document', () => {
  it.each(Object.entries(SEEDS))('%s', (_name, file) => {
    const text = readSeed(file);
    const result = importPlanText(text);
    // The OCR text's words are repaired on the way in ("dgrbankansvarlig" -> "dørbankansvarlig").
    expectEveryLineAccounted(result, text.replace(/\r\n?/g, '\n').split('\n'), {
      wordsAsWritten: file !== SEEDS.buskerudSv,
    });
  });

  it('counts as many measure references as the plan has measures', () => {
    for (const file of Object.values(SEEDS)) {
      const result = importPlanText(readSeed(file));
      const refs = new Set((result.report.lines ?? []).filter((a) => a.kind === 'measure').map((a) => a.ref));
      expect([file, refs.size]).toEqual([file, result.report.measures]);
    }
  });
});

describe('the import report accounts for every line of each test document', () => {
  it.each(Object.values(DOCUMENTS))('%s', async (file) => {
    const { lines, ...result } = await importDocument(file);
    expectEveryLineAccounted(result, lines);
  });
});
