import { describe, expect, it } from '@jest/globals';
import { parseAbbreviationLine } from './bodies.js';

describe('a line of an abbreviation list', () => {
  it.each([
    ['FS: Fylkesstyret', [{ code: 'FS', name: 'Fylkesstyret' }]],
    ['FS – Fylkesstyret', [{ code: 'FS', name: 'Fylkesstyret' }]],
    ['BU-gruppe - Bydelsutvalgsgruppa', [{ code: 'BU-gruppe', name: 'Bydelsutvalgsgruppa' }]],
    ['FS=fylkesstyret', [{ code: 'FS', name: 'fylkesstyret' }]],
    [
      'FS = fylkesstyret, LL = lokallagene; UR: Ungdomsutvalget',
      [
        { code: 'FS', name: 'fylkesstyret' },
        { code: 'LL', name: 'lokallagene' },
        { code: 'UR', name: 'Ungdomsutvalget' },
      ],
    ],
    // A comma inside a name is the name's: the parts after it are no bodies of their own.
    ['ÅM: Årsmøtet, partiets høyeste organ', [{ code: 'ÅM', name: 'Årsmøtet, partiets høyeste organ' }]],
    // The list's full stop is the sentence's, an abbreviation's own stays.
    [
      'FS = fylkesstyret, LL = lokallagene.',
      [
        { code: 'FS', name: 'fylkesstyret' },
        { code: 'LL', name: 'lokallagene' },
      ],
    ],
    ['AU: Arbeidsutvalget m.fl.', [{ code: 'AU', name: 'Arbeidsutvalget m.fl.' }]],
  ])('reads %j', (line, bodies) => {
    expect(parseAbbreviationLine(line)).toEqual(bodies);
  });

  it('is no list when it does not start with a code', () => {
    expect(parseAbbreviationLine('Vi skal bli flere, og bedre organisert')).toBeUndefined();
  });
});
