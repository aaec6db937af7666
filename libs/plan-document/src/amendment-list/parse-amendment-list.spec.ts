import { describe, expect, it } from '@jest/globals';
import { parseAmendmentList, parsePlace } from './parse-amendment-list.js';

const LIST = `Endringsforslag til arbeids- og organisasjonsplan 2024-2027, årsmøtet 2026

Forslag 1
Forslagsstiller: Sagene SV
Plass: Linje 369
Type forslag: Endring
Forslag: Stryke: «to ganger i året» Erstatte med: «fire ganger i året»
Forklaring: Nye medlemmer trenger tettere
oppfølging det første året.

Forslag nr. 2
Forslagsstiller: Gamle Oslo SV
Plass: Ny linje 134
Type forslag: Tillegg
Forslag: Nytt punkt: «Lokallagene skal dele erfaringer fra dørbanking på et felles møte hvert halvår.»

Forslag 3
Forslagsstiller: Fylkesstyret
Plass: Linje 50 tom 53
Type forslag: Stryking
Forslag: Stryke hele punktet.
Forklaring: Gjennomført.

Forslag 4
Forslagsstiller: Nordre Aker SV
Plass: Linje 38/39
Type forslag: Tillegg
Forslag: Legge til etter «skal» : «særlig»

Forslag 5
Forslagsstiller: Frogner SV
Plass: Linje 60
Type forslag: Stryking
Forslag: Stryke «særskilt »

Forslag 6
Forslagsstiller: Grünerløkka SV
Type forslag: Endring
Forslag: Stryke: «x» Erstatte med: «y»

Forslag 7
Forslagsstiller: Alna SV
Plass: Linje 80
Type forslag: Omskriving
Forslag: Noe helt annet

Forslag 8
Forslagsstiller: Bjerke SV
Plass: Linje 81
Type forslag: Endring
Forslag: Skriv det bedre

Forslag 3
Forslagsstiller: Dobbelt
Plass: Linje 1
Type forslag: Stryking
Forslag: Stryke hele punktet.
`;

describe('reading an amendment list as parties circulate it', () => {
  const { amendments, issues } = parseAmendmentList(LIST);

  it('reads a replacement, with its justification over two lines', () => {
    expect(amendments[0]).toEqual({
      no: 1,
      proposer: 'Sagene SV',
      target: { lines: '369-369' },
      op: 'replace_text',
      from: 'to ganger i året',
      to: 'fire ganger i året',
      justification: 'Nye medlemmer trenger tettere oppfølging det første året.',
    });
  });

  it('reads a new point on a new line as an added measure', () => {
    expect(amendments[1]).toMatchObject({
      no: 2,
      target: { line: 134, new: true },
      op: 'add_measure',
      measure: { text: 'Lokallagene skal dele erfaringer fra dørbanking på et felles møte hvert halvår.' },
    });
  });

  it('reads a striking of a whole point, an insertion after a word and a striking of words', () => {
    expect(amendments[2]).toMatchObject({
      no: 3,
      target: { lines: '50-53' },
      op: 'strike_measure',
      justification: 'Gjennomført.',
    });
    expect(amendments[3]).toMatchObject({
      no: 4,
      target: { lines: '38-39' },
      op: 'insert_text',
      after: 'skal',
      text: ' særlig',
    });
    expect(amendments[4]).toMatchObject({
      no: 5,
      target: { lines: '60-60' },
      op: 'strike_text',
      text: 'særskilt',
    });
  });

  it('reports every entry it cannot read, with its number, line and why', () => {
    expect(amendments.map((a) => a.no)).toEqual([1, 2, 3, 4, 5]);
    expect(issues).toEqual([
      { no: 6, line: 36, message: 'no "Plass:" (which lines it changes)' },
      { no: 7, line: 44, message: 'unknown type "omskriving" (expected Tillegg, Endring or Stryking)' },
      { no: 8, line: 50, message: 'an "Endring" needs "Stryke: «…» Erstatte med: «…»"' },
      { no: 3, line: 53, message: 'number 3 appears twice' },
    ]);
  });

  it('reads the ways a place is written', () => {
    expect(parsePlace('Linje 50 t.o.m. 53')).toEqual({ lines: '50-53' });
    expect(parsePlace('linje 53–50')).toEqual({ lines: '50-53' });
    expect(parsePlace('Nye linje 12')).toEqual({ line: 12, new: true });
    expect(parsePlace('Side 4')).toBeUndefined();
  });
});
