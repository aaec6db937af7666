import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseAmendmentList, parsePlace } from './parse-amendment-list.js';

/** A list as a party's web page shows it, copied: numbered "1.", each label run into its value. */
const WEB = readFileSync(
  new URL('../../../../test/fixtures/oslo-sv-2026.endringsforslag-nettside.txt', import.meta.url),
  'utf8',
);

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
      { no: 6, line: 36, message: 'mangler «Plass:» (hvilke linjer eller hvilket tiltak forslaget endrer)' },
      { no: 7, line: 44, message: 'ukjent forslagstype «omskriving» (Tillegg, Endring eller Stryking)' },
      {
        no: 8,
        line: 50,
        message:
          'en «Endring» trenger «Stryke:» med teksten som strykes og «Erstatte med:» med den nye, begge i anførselstegn',
      },
      { no: 3, line: 53, message: 'nummer 3 står to ganger' },
    ]);
  });

  it('reads the ways a place is written', () => {
    expect(parsePlace('Linje 50 t.o.m. 53')).toEqual({ lines: '50-53' });
    expect(parsePlace('linje 53–50')).toEqual({ lines: '50-53' });
    expect(parsePlace('Nye linje 12')).toEqual({ line: 12, new: true });
    expect(parsePlace('Side 4')).toBeUndefined();
    // A list without line numbers cites the element, by its address or the document's number.
    expect(parsePlace('Tiltak 4.2.b')).toEqual({ measure: '4.2.B' });
    expect(parsePlace('tiltak nr. 1.2, andre kulepunkt')).toEqual({ measure: '1.2' });
    expect(parsePlace('Mål 3.1.g2')).toEqual({ goal: '3.1.g2' });
    expect(parsePlace('Kapittel 3.')).toEqual({ section: '3' });
    expect(parsePlace('Tiltak om verving')).toBeUndefined();
  });

  it('keeps a line that only looks like a label inside a text ("Forslaget om ...") as text', () => {
    const list = parseAmendmentList(
      'Forslag 1\nPlass: Linje 3\nType forslag: Stryking\nForslag: Stryke «x»\nForklaring: Vi mener\nForslaget om dette er godt.\n',
    );
    expect(list.amendments[0]).toMatchObject({ justification: 'Vi mener Forslaget om dette er godt.' });
  });
});

describe('reading an amendment list copied from a web page, labels run into their values', () => {
  const { amendments, issues, names, entries } = parseAmendmentList(WEB);

  it('finds the numbered entries and the organisation the list names', () => {
    expect(entries).toBe(6);
    expect(names).toEqual({ organisation: { value: 'Oslo SV', line: 2 } });
    expect(issues).toEqual([]);
  });

  it('reads each label and its value, and the committee’s recommendation in Norwegian', () => {
    expect(amendments[0]).toEqual({
      no: 1,
      proposer: 'Kari Nordmann, Sagene SV',
      target: { lines: '91-92' },
      op: 'replace_text',
      from: 'stor takhøyde for debatt',
      to: 'stor takhøyde for debatt og uenighet',
      justification: 'Et inkluderende parti må tåle uenighet.',
      recommendation: 'Vedtas',
    });
    expect(amendments[2]).toMatchObject({
      no: 3,
      target: { lines: '110-111' },
      op: 'insert_text',
      after: 'dialog med lag,',
      text: ' fagforeninger,',
      recommendation: 'Oversendes fylkesstyret',
    });
  });

  it('reads a whole paragraph replaced, and the committee’s own wording of it', () => {
    expect(amendments[1]).toMatchObject({
      no: 2,
      target: { lines: '95-95' },
      op: 'replace_text',
      to: 'Oslo SV skal være en ansvarlig organisasjon som tar et helhetlig klima- og miljøansvar.',
      recommendation: 'Vedta med endring',
      modified: {
        to: 'Oslo SV skal være en ansvarlig organisasjon som tar et helhetlig klima-, miljø- og bærekraftsansvar.',
      },
    });
    expect(amendments[1]).not.toHaveProperty('from');
  });

  it('does not take a numbered line inside a justification for the next entry', () => {
    expect(amendments[3]).toMatchObject({
      no: 4,
      op: 'strike_text',
      text: ', spesielt lokallag',
      justification: 'Forslaget er 1. kortere og 2. like tydelig.',
      recommendation: 'Avvises',
    });
    expect(amendments.map((a) => a.no)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
