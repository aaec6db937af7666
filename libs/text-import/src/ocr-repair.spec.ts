import { describe, expect, it } from '@jest/globals';
import { repairOcrLine, repairWord } from './ocr-repair.js';
import { removeStruckText } from './struck-text.js';

describe('OCR repair', () => {
  it.each([
    ['ngye', 'nøye'],
    ['arlig', 'årlig'],
    ['Mal', 'Mål'],
    ['gjennomfort', 'gjennomført'],
    ['Fylkesarsmatet', 'Fylkesårsmøtet'],
    ['innebzerer', 'innebærer'],
    ['Veaere', 'Være'],
    ['Igpet', 'løpet'],
    ['Jke', 'Øke'],
    ['mate', 'møte'],
    ['maten', 'måten'],
  ])('repairs %s to %s', (seen, printed) => {
    expect(repairWord(seen)).toBe(printed);
  });

  it('leaves correct words and words it cannot turn into a listed word alone', () => {
    for (const word of ['saker', 'for', 'Fagforbundet', 'organisasjon', 'Buskerud', 'xyzzy']) {
      expect({ word, repaired: repairWord(word) }).toEqual({ word, repaired: undefined });
    }
  });

  it('repairs "&", "8" and "|" only where they stand for a word', () => {
    expect(repairOcrLine('grunnlag til 8 danne lokallag, | omrader hvor & bygge').text).toBe(
      'grunnlag til å danne lokallag, I områder hvor å bygge',
    );
    expect(repairOcrLine('minst 8 medlemmer').text).toBe('minst 8 medlemmer');
  });
});

describe('struck text', () => {
  it('drops a hyphen-joined run and keeps the word that replaced it', () => {
    expect(
      removeStruckText('Fylkesarsmatet vedtar planen for de-reste-fire-arenevalgperioden 2024-2027'),
    ).toEqual({
      text: 'Fylkesarsmatet vedtar planen for valgperioden 2024-2027',
      struck: [{ struck: 'de-reste-fire-arene', replacement: 'valgperioden' }],
    });
  });

  it('leaves ordinary hyphenated words', () => {
    expect(removeStruckText('inviterer ikke-medlemmer og SU-lag').struck).toEqual([]);
  });
});
