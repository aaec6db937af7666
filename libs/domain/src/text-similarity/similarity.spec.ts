import { describe, expect, it } from '@jest/globals';
import { coverage, similarity } from './similarity.js';

// Oslo SV 2020-2023 (Medlemmene, last measure) and its successor 4.2.J in 2024-2027.
const NY_I_SV_2020 = 'Vi skal arrangere Ny i SV-møter minst 4 ganger i året.';
const NY_I_SV_2024 = 'Vi skal arrangere “Ny i SV”-møter to ganger i året.';
const PRIDE = 'Vi skal ha stand i Pride park under Pride og deltagelse i Pride-paraden.';

describe('similarity', () => {
  it('is 1 for the same text, however it is cased and punctuated', () => {
    expect(similarity(NY_I_SV_2020, NY_I_SV_2020)).toBe(1);
    expect(similarity('Vi skal arrangere Ny i SV-møter', 'vi  skal arrangere «ny i sv» møter!')).toBe(1);
  });

  it('is 1 for two texts that differ only in inflection and stop words', () => {
    expect(
      similarity('Fylkesstyret skal ha møter med lokallagene', 'fylkesstyret har møte med lokallaget'),
    ).toBe(1);
  });

  it('is 0 for texts with nothing in common, and for one empty text', () => {
    expect(similarity('Dørbank', 'Pride-paraden')).toBe(0);
    expect(similarity('', PRIDE)).toBe(0);
  });

  it('is symmetric and between 0 and 1', () => {
    const ab = similarity(NY_I_SV_2020, NY_I_SV_2024);
    expect(ab).toBe(similarity(NY_I_SV_2024, NY_I_SV_2020));
    expect(ab).toBeGreaterThan(0);
    expect(ab).toBeLessThan(1);
  });

  it('scores a rewording far above an unrelated measure', () => {
    expect(similarity(NY_I_SV_2020, NY_I_SV_2024)).toBeGreaterThan(0.8);
    expect(similarity(NY_I_SV_2020, PRIDE)).toBeLessThan(0.2);
  });

  it('does not care about word order', () => {
    expect(similarity('Ringe nye medlemmer', 'Nye medlemmer skal ringes')).toBe(1);
  });

  it('relates compounds and inflected forms through their shared letters', () => {
    // Oslo SV 4.2.B against an invented measure: "dørbankaksjoner" shares "dørbank".
    const related = similarity('mobilisere til dørbankaksjoner', 'mobilisering til dørbanking');
    const unrelated = similarity('mobilisere til dørbankaksjoner', 'annonsering i sosiale medier');
    expect(related).toBeGreaterThan(0.5);
    expect(unrelated).toBeLessThan(0.15);
  });

  it('tolerates the OCR damage of the Buskerud plan ("dgrbanking" for "dørbanking")', () => {
    const ocr =
      'Alle lokallag skal i 2026 gjennomfgre medlemsringing som del av mobiliseringen til dgrbanking';
    const clean =
      'Alle lokallag skal i 2026 gjennomføre medlemsringing som del av mobiliseringen til dørbanking';
    expect(similarity(ocr, clean)).toBeGreaterThan(0.75);
  });
});

describe('coverage', () => {
  it('is 1 when the whole contains every word of the part, though the whole is longer', () => {
    expect(
      coverage('delta i 1. mai tog', 'Vi skal delta i 1. mai tog og ha et sosialt arrangement etter toget'),
    ).toBe(1);
  });

  it('is asymmetric', () => {
    const short = 'delta i 1. mai tog';
    const long = 'Vi skal delta i 1. mai tog og ha et sosialt arrangement etter toget';
    expect(coverage(long, short)).toBeLessThan(0.6);
  });

  it('is 0 for an empty part against text, 1 for two empty texts', () => {
    expect(coverage('', 'tekst')).toBe(0);
    expect(coverage('', '')).toBe(1);
  });
});
