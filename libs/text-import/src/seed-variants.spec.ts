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

describe('seed 001 with the columns of one table in another order', () => {
  const original = readSeed(SEEDS.osloSv2026);
  // The table of 4.3 ("Forberedelser til lokalvalg 2027", measures A to L): its header is the third.
  let seen = 0;
  const reordered = original.replace(
    /^(\s*)Tiltak Gjennomføring Ansvar(\s*)$/gm,
    (header, before: string, after: string) =>
      ++seen === 3 ? `${before}Tiltak Ansvar Gjennomføring${after}` : header,
  );

  it('warns that the table was not read instead of losing its measures without a word', () => {
    const result = importPlanText(reordered);
    const lostFrom43 = (importPlanText(original).document.sections[3]?.sections?.[2]?.measures ?? []).length;
    expect(lostFrom43).toBe(12); // A to L
    expect(result.report.measures).toBe(90 - lostFrom43);
    const warning = result.report.issues.find((i) => i.message.includes('Tiltak Ansvar Gjennomføring'));
    expect(warning?.message).toMatch(
      /^en tabell i kapittel 4\.3 med kolonnene «Tiltak Ansvar Gjennomføring» ble ikke lest/,
    );
    const header = reordered.split('\n').findIndex((l) => l.trim() === 'Tiltak Ansvar Gjennomføring') + 1;
    expect(warning?.line).toBe(header);
    expect(result.report.lines?.[header - 1]).toMatchObject({ kind: 'left-out' });
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
