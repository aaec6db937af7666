import { describe, expect, it } from '@jest/globals';
import { normaliseNorwegian } from './normalise.js';
import { stemNorwegian } from './stemmer.js';

describe('stemNorwegian', () => {
  it.each([
    [['dørbank', 'dørbanken', 'dørbanking', 'dørbankingen'], 'dørbank'],
    [['ringe', 'ringes', 'ringer', 'ringing'], 'ring'],
    [['skolere', 'skolering', 'skoleringen', 'skolert', 'skolerte'], 'skoler'],
    [['medlem', 'medlemmer', 'medlemmene'], 'medlem'],
    [['lokallag', 'lokallaget', 'lokallagene', 'lokallagets'], 'lokallag'],
    [['møte', 'møter', 'møtet', 'møtene'], 'møt'],
    [['år', 'året', 'årlig', 'årlige'], 'år'],
    [['halvår', 'halvåret'], 'halvår'],
    [['ganger', 'gang'], 'gang'],
    [['utvikling', 'utviklingen', 'utvikle'], 'utvikl'],
    [['politikk', 'politikken'], 'politik'],
    [['ledere', 'lederne', 'lederen'], 'leder'],
  ])('%j all stem to %s', (forms, stem) => {
    expect(forms.map(stemNorwegian)).toEqual(forms.map(() => stem));
  });

  it('never leaves a stem shorter than three letters', () => {
    expect(stemNorwegian('tog')).toBe('tog');
    expect(stemNorwegian('ene')).toBe('ene');
    expect(stemNorwegian('være')).toBe('vær');
  });

  it('keeps the -s that belongs to the word', () => {
    expect(stemNorwegian('mars')).toBe('mars');
    expect(stemNorwegian('kurs')).toBe('kurs');
    expect(stemNorwegian('Oslos'.toLowerCase())).toBe('oslo');
  });
});

describe('normaliseNorwegian', () => {
  it('lower-cases, strips punctuation and stop words, and stems', () => {
    expect(normaliseNorwegian('Vi skal arrangere “Ny i SV”-møter to ganger i året.')).toEqual([
      'arranger',
      'ny',
      'sv',
      'møt',
      'to',
      'gang',
      'år',
    ]);
  });

  it('keeps æ, ø and å, and numbers', () => {
    expect(
      normaliseNorwegian('Fylkesstyret skal ha møte med lokallagsledere minst 4 ganger i halvåret'),
    ).toEqual(['fylkesstyr', 'møt', 'lokallagsleder', '4', 'gang', 'halvår']);
    expect(normaliseNorwegian('Sámi álbmotbeaivi, Samenes nasjonaldag')).toEqual([
      'sámi',
      'álbmotbeaivi',
      'sam',
      'nasjonaldag',
    ]);
  });

  it('drops single letters left by abbreviations such as "f.eks." and "v/"', () => {
    expect(normaliseNorwegian('BSG v/ fraksjonslederne (f.eks. o.l.)')).toEqual(['bsg', 'fraksjonsleder']);
    expect(normaliseNorwegian('fraksjonsledere')).toEqual(['fraksjonsleder']);
  });

  it('reads composed and decomposed letters alike', () => {
    expect(normaliseNorwegian('Årlig'.normalize('NFD'))).toEqual(['år']);
  });

  it('takes the genitive -s off abbreviations', () => {
    expect(normaliseNorwegian('SVs nasjonale skoleringstilbud og Oslo LOs representantskap')).toEqual([
      'sv',
      'nasjonal',
      'skoleringstilbud',
      'oslo',
      'lo',
      'representantskap',
    ]);
  });

  it('is empty for text of stop words and punctuation only', () => {
    expect(normaliseNorwegian('')).toEqual([]);
    expect(normaliseNorwegian('Det skal være, og vi er det!')).toEqual([]);
  });
});
