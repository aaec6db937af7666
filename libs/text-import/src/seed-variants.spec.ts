import { describe, expect, it } from '@jest/globals';
import { importPlanText } from './index.js';
import { SEEDS, readSeed } from './__fixtures__/seeds.js';

/**
 * Small changes to a seed that a real document makes all the time must not lose anything
 * without a word: the same columns in other words, spaces where a tab was.
 */
describe('seed 001 with 6 of its 12 table headers renamed to "Tiltak Tidspunkt Ansvarlig"', () => {
  const original = readSeed(SEEDS.osloSv2026);
  let seen = 0;
  const renamed = original.replace(
    /^(\s*)Tiltak:? Gjennomføring Ansvar(\s*)$/gm,
    (header, before: string, after: string) =>
      seen++ % 2 === 0 ? `${before}Tiltak Tidspunkt Ansvarlig${after}` : header,
  );

  it('renames six headers (the test changes what it says it changes)', () => {
    expect(seen).toBe(12);
    expect(renamed.match(/Tiltak Tidspunkt Ansvarlig/g)).toHaveLength(6);
  });

  it('reads all 90 measures, the same plan as the seed', () => {
    const result = importPlanText(renamed);
    expect(result.report.measures).toBe(90);
    expect(result.document).toEqual(importPlanText(original).document);
  });
});

describe('seed 000 with spaces instead of tabs in its table of contents', () => {
  const original = readSeed(SEEDS.osloSv2020);

  it.each([
    ['one space', ' '],
    ['several spaces', '      '],
  ])('imports the same plan with %s', (_what, spaces) => {
    const spaced = original.replace(/\t+(\d+)$/gm, `${spaces}$1`);
    expect(spaced).not.toContain('\t');
    const result = importPlanText(spaced);
    expect(result.report.shape).toBe('toc-chapters');
    expect(result.document).toEqual(importPlanText(original).document);
  });
});
